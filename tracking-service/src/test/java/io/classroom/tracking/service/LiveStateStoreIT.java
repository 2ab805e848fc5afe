package io.classroom.tracking.service;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.classroom.tracking.AttendanceEngine;
import io.classroom.tracking.ClassSessionState;
import io.classroom.tracking.FaceSighting;
import io.classroom.tracking.StudentAccumulator;
import io.classroom.tracking.config.TrackingConfig;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Exactly-once frame effects in real Redis: restarts mid-session, redeliveries and concurrent replicas. */
@QuarkusTest
class LiveStateStoreIT {

    private static final long T0 = 1_767_600_000_000L;
    private static final Duration WAIT = Duration.ofSeconds(60);

    @Inject
    ReactiveRedisDataSource redis;

    @Inject
    ObjectMapper json;

    @Inject
    TrackingConfig config;

    private final List<String> roster = List.of("ada", "bob", "cid");

    private record Frame(String id, long at, List<FaceSighting> faces) {}

    /** Three students over 600 s from two cameras, with comings, goings, inattention and an outage. */
    private List<Frame> frames() {
        List<Frame> frames = new ArrayList<>();
        for (int sec = 0; sec < 600; sec++) {
            if (sec >= 200 && sec < 260) {
                continue; // both cameras down
            }
            List<FaceSighting> a = new ArrayList<>();
            a.add(new FaceSighting("ada", sec % 97 > 10));
            if (sec > 90 && sec < 400) {
                a.add(new FaceSighting("bob", sec % 50 < 40));
            }
            a.add(new FaceSighting(null, false));
            frames.add(new Frame("cam-a:" + sec, T0 + sec * 1000L, a));
            if (sec % 2 == 0) {
                frames.add(new Frame(
                        "cam-b:" + sec,
                        T0 + sec * 1000L + 300,
                        List.of(new FaceSighting("cid", sec < 300), new FaceSighting("ada", true))));
            }
        }
        return frames;
    }

    private ClassSessionState newSession() {
        var state = new ClassSessionState();
        state.sessionId = UUID.randomUUID().toString();
        state.tenantId = "t-" + UUID.randomUUID();
        state.classId = "c";
        state.roster = roster;
        state.startedAt = T0;
        state.lateGraceSeconds = 60;
        return state;
    }

    /** The same frames through the pure engine, in memory: the reference totals. */
    private Map<String, StudentAccumulator> reference(ClassSessionState template, List<Frame> frames) throws Exception {
        var engine = new AttendanceEngine(config.rules());
        var session = json.readValue(json.writeValueAsString(template), ClassSessionState.class);
        Map<String, StudentAccumulator> students = new HashMap<>();
        frames.forEach(f -> engine.apply(session, students, f.at(), f.faces()));
        return students;
    }

    private Uni<Void> feed(LiveStateStore store, AttendanceEngine engine, String sessionId, List<Frame> frames) {
        return Multi.createFrom()
                .iterable(frames)
                .onItem()
                .transformToUniAndConcatenate(f -> store.applyFrame(engine, sessionId, f.id(), f.at(), f.faces()))
                .collect()
                .last()
                .replaceWithVoid();
    }

    private static void assertSameTotals(
            Map<String, StudentAccumulator> actual, Map<String, StudentAccumulator> expected) {
        assertThat(actual.keySet()).isEqualTo(expected.keySet());
        expected.forEach((userId, reference) -> {
            var stored = actual.get(userId);
            assertThat(stored.presentMs).as(userId).isEqualTo(reference.presentMs);
            assertThat(stored.engagedMs).as(userId).isEqualTo(reference.engagedMs);
            assertThat(stored.intervals).as(userId).isEqualTo(reference.intervals);
            assertThat(stored.firstSeen).as(userId).isEqualTo(reference.firstSeen);
            assertThat(stored.lastSeen).as(userId).isEqualTo(reference.lastSeen);
        });
    }

    @Test
    void aRestartMidSessionAndAFullReplayKeepExactTotals() throws Exception {
        var session = newSession();
        var frames = frames();
        var first = new LiveStateStore(redis, json, config);
        first.createClassSession(session).await().atMost(WAIT);

        // the first instance handles half the frames, then "crashes"
        feed(first, new AttendanceEngine(config.rules()), session.sessionId, frames.subList(0, frames.size() / 2))
                .await()
                .atMost(WAIT);

        // a fresh instance (new engine, new store, nothing in memory) gets every frame again from the start
        var restarted = new LiveStateStore(redis, json, config);
        feed(restarted, new AttendanceEngine(config.rules()), session.sessionId, frames)
                .await()
                .atMost(WAIT);

        var stored = restarted.load(session.sessionId).await().atMost(WAIT);
        var expected = reference(session, frames);
        assertSameTotals(stored.students(), expected);
        assertThat(stored.session().frames).isEqualTo(frames.size());
        assertThat(new AttendanceEngine(config.rules()).outageMs(stored.session(), T0 + 600_000))
                .isEqualTo(61_000);
        assertThat(expected.get("ada").presentMs).isGreaterThan(500_000);
    }

    @Test
    void twoReplicasSharingTheFramesCountEachOnce() throws Exception {
        var session = newSession();
        var frames = frames();
        var store = new LiveStateStore(redis, json, config);
        store.createClassSession(session).await().atMost(WAIT);
        List<Frame> camA =
                frames.stream().filter(f -> f.id().startsWith("cam-a")).toList();
        List<Frame> camB =
                frames.stream().filter(f -> f.id().startsWith("cam-b")).toList();

        // each camera on its own "replica", concurrently, and cam-b delivered twice
        Uni.combine()
                .all()
                .unis(
                        feed(
                                new LiveStateStore(redis, json, config),
                                new AttendanceEngine(config.rules()),
                                session.sessionId,
                                camA),
                        feed(
                                new LiveStateStore(redis, json, config),
                                new AttendanceEngine(config.rules()),
                                session.sessionId,
                                camB),
                        feed(
                                new LiveStateStore(redis, json, config),
                                new AttendanceEngine(config.rules()),
                                session.sessionId,
                                camB))
                .discardItems()
                .await()
                .atMost(WAIT);

        var stored = store.load(session.sessionId).await().atMost(WAIT);
        assertThat(stored.session().frames).isEqualTo(frames.size());
        // the cameras interleave differently than in the reference; the outage and a student whose camera
        // carries the outage's last frame do not depend on it (one seen by the other camera may lose up to the
        // cameras' skew at the outage's edge)
        var expected = reference(session, frames);
        assertThat(stored.students().get("bob").presentMs).isEqualTo(expected.get("bob").presentMs);
        assertThat(stored.students().get("cid").observations).isEqualTo(camB.size());
        assertThat(stored.students().get("ada").observations).isEqualTo(expected.get("ada").observations);
        assertThat(stored.session().runs).hasSize(2);
        assertThat(new AttendanceEngine(config.rules()).outageMs(stored.session(), T0 + 600_000))
                .isEqualTo(61_000);
    }
}
