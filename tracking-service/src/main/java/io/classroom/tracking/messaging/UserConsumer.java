package io.classroom.tracking.messaging;

import io.classroom.tracking.service.UserErasure;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** {@code auth.users.v1}: a deleted user is erased from every store of this service ({@link UserErasure}). */
@ApplicationScoped
public class UserConsumer {

    private final UserErasure erasure;
    private final StoreRetry retry;

    public UserConsumer(UserErasure erasure, StoreRetry retry) {
        this.erasure = erasure;
        this.retry = retry;
    }

    @Incoming("auth-users-in")
    public Uni<Void> consume(UserEvent event) {
        if (!UserEvent.DELETED.equals(event.type())) {
            return Uni.createFrom().voidItem();
        }
        return retry.untilStored("auth.users.v1", () -> erasure.erase(event.tenantId(), event.userId()));
    }
}
