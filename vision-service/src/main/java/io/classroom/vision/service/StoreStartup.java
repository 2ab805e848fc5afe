package io.classroom.vision.service;

import io.classroom.vision.repository.CalibrationRepository;
import io.classroom.vision.repository.GalleryRepository;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;

/** Creates the tables if needed and loads the gallery into memory before the service takes traffic. */
@ApplicationScoped
public class StoreStartup {

    void onStart(
            @Observes StartupEvent event,
            GalleryRepository gallery,
            CalibrationRepository calibrations,
            GalleryService service) {
        gallery.createSchema().chain(calibrations::createSchema).await().atMost(Duration.ofSeconds(30));
        int faces = service.loadAll().await().atMost(Duration.ofSeconds(120));
        Log.infof("vision: gallery loaded, %d faces", faces);
    }
}
