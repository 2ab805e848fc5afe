package io.classroom.tracking.messaging;

import io.classroom.tracking.service.AttendanceService;
import io.classroom.tracking.service.PersonalSessionService;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** {@code auth.users.v1}: a deleted user's personal sessions are erased and attendance rows anonymised. */
@ApplicationScoped
public class UserConsumer {

    private final AttendanceService attendance;
    private final PersonalSessionService personal;
    private final StoreRetry retry;

    public UserConsumer(AttendanceService attendance, PersonalSessionService personal, StoreRetry retry) {
        this.attendance = attendance;
        this.personal = personal;
        this.retry = retry;
    }

    @Incoming("auth-users-in")
    public Uni<Void> consume(UserEvent event) {
        if (!UserEvent.DELETED.equals(event.type())) {
            return Uni.createFrom().voidItem();
        }
        return retry.untilStored(
                "auth.users.v1",
                () -> attendance
                        .anonymise(event.tenantId(), event.userId())
                        .chain(() -> personal.erase(event.tenantId(), event.userId())));
    }
}
