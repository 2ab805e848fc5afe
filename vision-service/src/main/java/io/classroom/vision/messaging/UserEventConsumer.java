package io.classroom.vision.messaging;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.classroom.vision.service.GalleryService;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** {@code UserDeleted} on {@code auth.users.v1} erases the user's faces (store, memory, FaceDeleted event). */
@ApplicationScoped
public class UserEventConsumer {

    private final GalleryService gallery;
    private final ObjectMapper json;

    public UserEventConsumer(GalleryService gallery, ObjectMapper json) {
        this.gallery = gallery;
        this.json = json;
    }

    @Incoming("users-in")
    public Uni<Void> consume(String value) throws JsonProcessingException {
        var event = json.readValue(value, UserEvent.class);
        if (!"UserDeleted".equals(event.type())) {
            return Uni.createFrom().voidItem();
        }
        if (event.tenantId() == null || event.userId() == null) {
            throw new IllegalArgumentException("UserDeleted without tenantId or userId");
        }
        // Deleting is idempotent: a redelivered event finds nothing left and publishes nothing.
        return gallery.deleteUser(event.tenantId(), event.userId())
                .invoke(n -> Log.infof("vision: user %s deleted, %d faces erased", event.userId(), n))
                .replaceWithVoid();
    }
}
