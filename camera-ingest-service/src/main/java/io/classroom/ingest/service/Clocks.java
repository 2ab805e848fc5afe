package io.classroom.ingest.service;

import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.InstantSource;

/** The system clock as a bean, so that tests can replace it (webcam rate windows). */
@Singleton
public class Clocks {

    @Produces
    @DefaultBean
    @Singleton
    InstantSource system() {
        return InstantSource.system();
    }
}
