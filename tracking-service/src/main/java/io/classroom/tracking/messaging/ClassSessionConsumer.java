package io.classroom.tracking.messaging;

import io.classroom.tracking.service.AttendanceService;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** {@code classroom.sessions.v1}: starts and ends class sessions; the offset is committed after the effect (store failures retried). */
@ApplicationScoped
public class ClassSessionConsumer {

    private static final String TOPIC = "classroom.sessions.v1";

    private final AttendanceService attendance;
    private final StoreRetry retry;

    public ClassSessionConsumer(AttendanceService attendance, StoreRetry retry) {
        this.attendance = attendance;
        this.retry = retry;
    }

    @Incoming("classroom-sessions-in")
    public Uni<Void> consume(ClassSessionEvent event) {
        return switch (event.type()) {
            case ClassSessionEvent.STARTED -> retry.untilStored(TOPIC, () -> attendance.start(event));
            case ClassSessionEvent.ENDED -> retry.untilStored(TOPIC, () -> attendance.end(event));
            default -> {
                Log.debugf("Ignoring %s", event.type());
                yield Uni.createFrom().voidItem();
            }
        };
    }
}
