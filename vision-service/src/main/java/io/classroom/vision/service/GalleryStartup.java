package io.classroom.vision.service;

import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;

/**
 * Loads the gallery into memory before the service takes traffic (the tables exist by then: Flyway migrates the
 * schema at start, {@code db/migration}).
 */
@ApplicationScoped
public class GalleryStartup {

    void onStart(@Observes StartupEvent event, GalleryService service) {
        int faces = service.loadAll().await().atMost(Duration.ofSeconds(120));
        Log.infof("vision: gallery loaded, %d faces", faces);
    }
}
