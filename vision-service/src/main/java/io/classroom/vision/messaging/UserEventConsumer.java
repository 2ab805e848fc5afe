package io.classroom.vision.messaging;

import io.classroom.vision.service.GalleryService;
import io.classroom.vision.service.StoreRetry;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * {@code UserDeleted} on {@code auth.users.v1} erases the user's faces (store, memory, FaceDeleted event); the offset
 * is committed once they are erased, a store or broker outage is retried until it ends.
 */
@ApplicationScoped
public class UserEventConsumer {

    private final GalleryService gallery;
    private final StoreRetry retry;

    public UserEventConsumer(GalleryService gallery, StoreRetry retry) {
        this.gallery = gallery;
        this.retry = retry;
    }

    @Incoming("auth-users-in")
    public Uni<Void> consume(UserEvent event) {
        if (!UserEvent.DELETED.equals(event.type())) {
            return Uni.createFrom().voidItem();
        }
        // Deleting is idempotent: a redelivered event finds nothing left and publishes nothing.
        return retry.untilDone(
                        "erasing the faces of deleted user " + event.userId(),
                        () -> gallery.deleteUser(event.tenantId(), event.userId()))
                .invoke(n -> Log.infof("vision: user %s deleted, %d faces erased", event.userId(), n))
                .replaceWithVoid();
    }
}
