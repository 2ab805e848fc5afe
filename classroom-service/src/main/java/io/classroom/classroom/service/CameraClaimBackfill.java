package io.classroom.classroom.service;

import io.classroom.classroom.CameraClaim;
import io.classroom.classroom.repository.CameraClaimRepository;
import io.classroom.classroom.repository.ClassSessionRepository;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Upgrade from the version without camera claims: sessions it started may still be running, holding cameras no claim
 * records. At start every active session claims its cameras where nobody has (an insert that a held claim refuses),
 * so a new activation sees them in use. A session that ends meanwhile leaves a claim the next activation takes over.
 */
@ApplicationScoped
public class CameraClaimBackfill {

    private final ClassSessionRepository sessions;
    private final CameraClaimRepository claims;

    public CameraClaimBackfill(ClassSessionRepository sessions, CameraClaimRepository claims) {
        this.sessions = sessions;
        this.claims = claims;
    }

    void onStart(@Observes StartupEvent event) {
        int claimed = backfill().await().atMost(Duration.ofSeconds(60));
        if (claimed > 0) {
            Log.infof("Claimed %d camera(s) of sessions started before camera claims existed", claimed);
        }
    }

    /** The item is the number of claims this call inserted. */
    Uni<Integer> backfill() {
        return sessions.active()
                .onItem()
                .transformToMultiAndConcatenate(s -> Multi.createFrom()
                        .iterable(
                                s.cameraIds == null
                                        ? List.<String>of()
                                        : s.cameraIds.stream().distinct().toList())
                        .onItem()
                        .transformToUniAndConcatenate(
                                camera -> claims.tryInsert(CameraClaim.of(s, camera, s.startedAt))))
                .collect()
                .with(Collectors.summingInt(inserted -> inserted ? 1 : 0));
    }
}
