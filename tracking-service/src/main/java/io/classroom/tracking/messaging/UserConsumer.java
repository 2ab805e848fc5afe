package io.classroom.tracking.messaging;

import io.classroom.tracking.service.AttendanceService;
import io.classroom.tracking.service.PersonalSessionService;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** {@code auth.users.v1}: a deleted user's personal sessions are erased and attendance rows anonymised. */
@ApplicationScoped
public class UserConsumer {

    private final MessageParser parser;
    private final AttendanceService attendance;
    private final PersonalSessionService personal;
    private final StoreRetry retry;

    public UserConsumer(
            MessageParser parser, AttendanceService attendance, PersonalSessionService personal, StoreRetry retry) {
        this.parser = parser;
        this.attendance = attendance;
        this.personal = personal;
        this.retry = retry;
    }

    @Incoming("users")
    public Uni<Void> consume(String payload) {
        UserEvent event;
        try {
            event = parser.userEvent(payload);
        } catch (MalformedMessageException e) {
            return Uni.createFrom().failure(e);
        }
        if (!UserEvent.DELETED.equals(event.type())) {
            return Uni.createFrom().voidItem();
        }
        UUID userId = UUID.fromString(event.userId());
        return retry.untilStored(
                "auth.users.v1",
                () -> attendance
                        .anonymise(event.tenantId(), userId)
                        .chain(() -> personal.erase(event.tenantId(), userId)));
    }
}
