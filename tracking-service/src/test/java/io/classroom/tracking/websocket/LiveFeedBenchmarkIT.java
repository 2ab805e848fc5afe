package io.classroom.tracking.websocket;

import static io.classroom.tracking.TestSupport.KAFKA;
import static io.classroom.tracking.TestSupport.frame;
import static io.classroom.tracking.TestSupport.produce;
import static io.classroom.tracking.TestSupport.token;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.classroom.tracking.TestSupport;
import io.classroom.tracking.TestSupport.Face;
import io.classroom.tracking.service.LiveStateStore;
import io.quarkus.logging.Log;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import jakarta.inject.Inject;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Ingest rate and live-feed delay with the real broker and Redis. Excluded from the normal build; run with
 * {@code -Dgroups=benchmark -DexcludedGroups= -Dtest=LiveFeedBenchmarkIT}. Figures go to the log and to
 * target/benchmark-tracking.txt.
 */
@QuarkusTest
@Tag("benchmark")
class LiveFeedBenchmarkIT {

    private static final int STUDENTS = 30;
    private static final int FACES_PER_FRAME = 25;
    private static final int BURST_FRAMES = 4_000;
    private static final int PACED_FRAMES_PER_SECOND = 200;
    private static final int PACED_SECONDS = 15;
    private static final ObjectMapper JSON = new ObjectMapper();

    @TestHTTPResource("/")
    URL base;

    @Inject
    LiveStateStore store;

    private final String tenant = TestSupport.tenant();
    private final UUID teacher = UUID.randomUUID();
    private final List<UUID> roster = new ArrayList<>();

    private UUID startSession(KafkaCompanion kafka, Instant startedAt) {
        UUID sessionId = UUID.randomUUID();
        String classId = "bench-" + sessionId;
        produce(
                kafka,
                "classroom.sessions.v1",
                classId,
                TestSupport.sessionStarted(tenant, sessionId, classId, teacher, roster, startedAt));
        await().atMost(Duration.ofSeconds(60))
                .untilAsserted(() -> given().auth()
                        .oauth2(token(teacher, tenant, "TEACHER"))
                        .get("/api/tracking/sessions/{id}", sessionId)
                        .then()
                        .statusCode(200));
        return sessionId;
    }

    private ProducerRecord<String, String> frameAt(UUID sessionId, int index, Instant capturedAt) {
        String camera = index % 2 == 0 ? "cam-a" : "cam-b";
        List<Face> faces = new ArrayList<>();
        for (int f = 0; f < FACES_PER_FRAME; f++) {
            faces.add(Face.of(roster.get((index + f) % STUDENTS), f % 7 != 0));
        }
        return new ProducerRecord<>(
                "vision.observations.v1", camera, frame(tenant, camera, sessionId, null, capturedAt, faces));
    }

    @Test
    void ingestRateAndLiveDelay() throws Exception {
        for (int i = 0; i < STUDENTS; i++) {
            roster.add(UUID.randomUUID());
        }
        StringBuilder report = new StringBuilder();
        try (var kafka = new KafkaCompanion(KAFKA)) {
            // 1. ingest: a burst of frames, timed until the last one is in Redis
            Instant eventTime = Instant.now().minusSeconds(3600);
            UUID burstSession = startSession(kafka, eventTime);
            List<ProducerRecord<String, String>> burst = new ArrayList<>();
            for (int i = 0; i < BURST_FRAMES; i++) {
                burst.add(frameAt(burstSession, i, eventTime.plusMillis(10L * i)));
            }
            long t0 = System.nanoTime();
            kafka.produceStrings().fromRecords(burst).awaitCompletion(Duration.ofSeconds(120));
            await().atMost(Duration.ofMinutes(5))
                    .pollInterval(Duration.ofMillis(100))
                    .until(() -> store.load(burstSession.toString())
                                    .await()
                                    .atMost(Duration.ofSeconds(10))
                                    .session()
                                    .frames
                            == BURST_FRAMES);
            double seconds = (System.nanoTime() - t0) / 1e9;
            report.append("ingest: %d frames x %d faces in %.2f s = %.0f frames/s, %.0f face observations/s%n"
                    .formatted(
                            BURST_FRAMES,
                            FACES_PER_FRAME,
                            seconds,
                            BURST_FRAMES / seconds,
                            BURST_FRAMES * FACES_PER_FRAME / seconds));

            // 2. delay: frames at 5,000 faces/s stamped with the wall clock, to the teacher's WebSocket
            UUID liveSession = startSession(kafka, Instant.now().minusSeconds(5));
            var test = new LiveSessionWebSocketIT();
            test.base = base;
            var client = test.connect(liveSession.toString(), token(teacher, tenant, "TEACHER"));
            client.next(); // snapshot
            long periodNanos = 1_000_000_000L / PACED_FRAMES_PER_SECOND;
            int total = PACED_FRAMES_PER_SECOND * PACED_SECONDS;
            var props = new Properties();
            props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA);
            props.put(ProducerConfig.LINGER_MS_CONFIG, 0);
            try (var producer = new KafkaProducer<>(props, new StringSerializer(), new StringSerializer())) {
                // fetch the topic's metadata first: the first send would otherwise block after stamping its frame
                producer.partitionsFor("vision.observations.v1");
                long next = System.nanoTime();
                for (int i = 0; i < total; i++) {
                    long wait = next - System.nanoTime();
                    if (wait > 0) {
                        TimeUnit.NANOSECONDS.sleep(wait);
                    }
                    producer.send(frameAt(liveSession, i, Instant.now()));
                    next += periodNanos;
                }
            }
            List<Long> delays = new ArrayList<>();
            StringBuilder perDelta = new StringBuilder();
            long deadline = System.currentTimeMillis() + 10_000;
            Instant lastProduced = Instant.now();
            while (System.currentTimeMillis() < deadline) {
                String message = client.messages.poll(500, TimeUnit.MILLISECONDS);
                if (message == null) {
                    continue;
                }
                long received = client.arrivals.take();
                JsonNode delta = JSON.readTree(message);
                long worst = 0;
                for (JsonNode student : delta.get("students")) {
                    if (student.hasNonNull("seenAt")) {
                        long delay = received
                                - Instant.parse(student.get("seenAt").asText()).toEpochMilli();
                        delays.add(delay);
                        worst = Math.max(worst, delay);
                    }
                }
                perDelta.append(' ')
                        .append(delta.get("students").size())
                        .append(':')
                        .append(worst);
                if (received > lastProduced.toEpochMilli() + 3_000) {
                    break;
                }
            }
            Collections.sort(delays);
            assertThat(delays).isNotEmpty();
            report.append("live delay (observation produced -> WebSocket delta received, freshest observation per"
                    + " student per delta), %d faces/s for %d s: n=%d p50=%d ms p99=%d ms max=%d ms%n"
                            .formatted(
                                    PACED_FRAMES_PER_SECOND * FACES_PER_FRAME,
                                    PACED_SECONDS,
                                    delays.size(),
                                    delays.get(delays.size() / 2),
                                    delays.get((int) Math.min(delays.size() - 1, Math.ceil(delays.size() * 0.99) - 1)),
                                    delays.get(delays.size() - 1)));
            report.append("per delta (students:worst ms):").append(perDelta).append('\n');
        }
        Log.info("\n" + report);
        Files.writeString(Path.of("target", "benchmark-tracking.txt"), report.toString());
    }
}
