package io.classroom.ingest.service;

import io.classroom.ingest.repository.CameraRepository;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;

/**
 * At start, binds credentials stored by earlier versions (encrypted for the camera id alone) to the scheme, host and
 * port of their camera's URL, so that from then on they decrypt only for that URL. Safe with several replicas
 * starting at once (compare-and-set per row). Should the database be unreachable now, the rows stay readable as they
 * are and the next start binds them.
 */
@ApplicationScoped
public class CredentialRebinding {

    private final CameraRepository repository;

    public CredentialRebinding(CameraRepository repository) {
        this.repository = repository;
    }

    void onStart(@Observes StartupEvent event) {
        try {
            int rebound = repository.rebindLegacyCredentials().await().atMost(Duration.ofSeconds(30));
            if (rebound > 0) {
                Log.infof("bound the credentials of %d cameras to their URL's scheme, host and port", rebound);
            }
        } catch (RuntimeException e) {
            Log.warnf("cannot re-encrypt legacy camera credentials now, next start retries: %s", e.getMessage());
        }
    }
}
