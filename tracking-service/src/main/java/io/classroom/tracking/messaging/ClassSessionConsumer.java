package io.classroom.tracking.messaging;

import io.classroom.tracking.service.AttendanceService;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** {@code classroom.sessions.v1}: starts and ends class sessions; the offset is committed after the effect (store failures retried). */
@ApplicationScoped
public class ClassSessionConsumer {

    private final MessageParser parser;
    private final AttendanceService attendance;
    private final StoreRetry retry;

    public ClassSessionConsumer(MessageParser parser, AttendanceService attendance, StoreRetry retry) {
        this.parser = parser;
        this.attendance = attendance;
        this.retry = retry;
    }

    @Incoming("class-sessions")
    public Uni<Void> consume(String payload) {
        ClassSessionEvent event;
        try {
            event = parser.classSessionEvent(payload);
        } catch (MalformedMessageException e) {
            return Uni.createFrom().failure(e);
        }
        return switch (event.type()) {
            case ClassSessionEvent.STARTED -> retry.untilStored("classroom.sessions.v1", () -> attendance.start(event));
            case ClassSessionEvent.ENDED -> retry.untilStored("classroom.sessions.v1", () -> attendance.end(event));
            default -> {
                Log.debugf("Ignoring %s", event.type());
                yield Uni.createFrom().voidItem();
            }
        };
    }
}
