package io.classroom.vision.messaging;

import io.classroom.vision.service.CalibrationService;
import io.classroom.vision.service.GalleryService;
import io.classroom.vision.service.StoreRetry;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * {@code UserDeleted} on {@code auth.users.v1} erases what this service keeps of the user: their faces (store, memory,
 * and a tombstone on {@code vision.faces.v1} so compaction removes the vectors from the brokers too) and their
 * webcam's calibration. The offset is committed once both are erased; a store or broker outage is retried until it
 * ends.
 */
@ApplicationScoped
public class UserEventConsumer {

    private final GalleryService gallery;
    private final CalibrationService calibrations;
    private final StoreRetry retry;

    public UserEventConsumer(GalleryService gallery, CalibrationService calibrations, StoreRetry retry) {
        this.gallery = gallery;
        this.calibrations = calibrations;
        this.retry = retry;
    }

    @Incoming("auth-users-in")
    public Uni<Void> consume(UserEvent event) {
        if (!UserEvent.DELETED.equals(event.type())) {
            return Uni.createFrom().voidItem();
        }
        // Erasing is idempotent: a redelivered event finds nothing left and publishes the tombstone again.
        return retry.untilDone(
                        "erasing the faces and webcam calibration of deleted user " + event.userId(),
                        () -> gallery.erase(event.tenantId(), event.userId())
                                .call(() -> calibrations.eraseWebcamOf(event.tenantId(), event.userId())))
                .invoke(n -> Log.infof("vision: user %s deleted, %d faces erased", event.userId(), n))
                .replaceWithVoid();
    }
}
