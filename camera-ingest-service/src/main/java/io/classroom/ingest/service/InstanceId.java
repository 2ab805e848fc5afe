package io.classroom.ingest.service;

import io.classroom.ingest.config.IngestConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

/** This replica's id in camera leases and status (configured, or random per process). */
@ApplicationScoped
public class InstanceId {

    private final String value;

    public InstanceId(IngestConfig config) {
        this.value = config.instanceId().orElseGet(() -> "ingest-" + UUID.randomUUID());
    }

    public String value() {
        return value;
    }
}
