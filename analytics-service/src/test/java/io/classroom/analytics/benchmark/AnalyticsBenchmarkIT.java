package io.classroom.analytics.benchmark;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mongodb.client.model.InsertManyOptions;
import io.classroom.analytics.messaging.Samples;
import io.classroom.testing.TestTokens;
import io.quarkus.logging.Log;
import io.quarkus.mongodb.reactive.ReactiveMongoClient;
import io.quarkus.mongodb.reactive.ReactiveMongoDatabase;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.bson.Document;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Seeds one tenant (default: 1,000,000 raw observations, 100,000 sessions) into a private mongo-java-server, times each
 * heatmap, stats and report query through the REST API, and the observation consumer's ingest rate through the real
 * broker. Run: {@code ./mvnw -pl analytics-service verify -Dgroups=benchmark -DexcludedGroups= -Dit.test=AnalyticsBenchmarkIT}
 * (sizes: {@code -Dbench.observations=}, {@code -Dbench.sessions=}, {@code -Dbench.events=}). Figures go to stdout and
 * {@code target/benchmark-results.txt}.
 */
@QuarkusTest
@TestProfile(BenchmarkProfile.class)
@Tag("benchmark")
class AnalyticsBenchmarkIT {

    private static final int CLASSES = 10;
    private static final int SESSIONS_PER_CLASS = 100;
    private static final int ROSTER = 25;
    private static final int STUDENTS = 2000;
    private static final int BATCH = 10_000;
    private static final Instant START = Instant.parse("2025-09-01T00:00:00Z");

    @Inject
    ReactiveMongoClient client;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String kafkaServers;

    private final int observations = Integer.getInteger("bench.observations", 1_000_000);
    private final int sessions = Integer.getInteger("bench.sessions", 100_000);
    private final int pageViews = Integer.getInteger("bench.pageViews", 200_000);
    private final int events = Integer.getInteger("bench.events", 3_000);
    private final String tenant = "bench-" + UUID.randomUUID();
    private final Random random = new Random(42);
    private final List<String> results = new ArrayList<>();
    private ReactiveMongoDatabase db;

    private void insert(String collection, List<Document> docs) {
        if (docs.isEmpty()) {
            return;
        }
        db.getCollection(collection)
                .insertMany(new ArrayList<>(docs), new InsertManyOptions().ordered(false))
                .await()
                .atMost(Duration.ofMinutes(5));
        docs.clear();
    }

    private void add(String collection, List<Document> buffer, Document doc) {
        buffer.add(doc);
        if (buffer.size() >= BATCH) {
            insert(collection, buffer);
        }
    }

    private static String student(int i) {
        return "student-" + i;
    }

    private void report(String line) {
        Log.info(line);
        System.out.println("[benchmark] " + line);
        results.add(line);
    }

    @Test
    void seedAndMeasure() throws IOException {
        db = client.getDatabase("analytics");
        long t0 = System.nanoTime();
        seed();
        report(
                "seeded tenant in %.1f s: %,d observations, %,d sessions (%,d class), %,d page views, %,d attendance rows"
                        .formatted(
                                (System.nanoTime() - t0) / 1e9,
                                observations,
                                sessions,
                                CLASSES * SESSIONS_PER_CLASS,
                                pageViews,
                                CLASSES * SESSIONS_PER_CLASS * ROSTER));

        String admin = TestTokens.token(tenant, UUID.randomUUID().toString(), "ADMIN");
        String teacher = TestTokens.token(tenant, "teacher-0", "TEACHER");
        String studentToken = TestTokens.token(tenant, student(7), "STUDENT");
        String session = "class-0-session-50";

        time(
                "session heatmap, 366 days, tenant (JSON)",
                () -> get(
                        admin,
                        "/api/analytics/sessions/heatmap",
                        Map.of("from", "2025-08-31", "to", "2026-08-31", "zone", "Europe/Paris")));
        time(
                "session heatmap, 366 days, tenant (PNG)",
                () -> get(
                        admin,
                        "/api/analytics/sessions/heatmap",
                        Map.of("from", "2025-08-31", "to", "2026-08-31", "zone", "Europe/Paris", "format", "png")));
        time(
                "session heatmap, 366 days, one student",
                () -> get(
                        studentToken,
                        "/api/analytics/sessions/heatmap",
                        Map.of("from", "2025-08-31", "to", "2026-08-31")));
        time("page stats, tenant (4 windows)", () -> get(admin, "/api/analytics/pages/stats", Map.of()));
        time("page stats, one user", () -> get(admin, "/api/analytics/pages/stats", Map.of("userId", "student-3")));
        time(
                "engagement timeline of a session (JSON)",
                () -> get(teacher, "/api/analytics/class-sessions/" + session + "/timeline", Map.of()));
        time(
                "engagement timeline of a session (PNG)",
                () -> get(teacher, "/api/analytics/class-sessions/" + session + "/timeline", Map.of("format", "png")));
        time(
                "session attendance report (JSON)",
                () -> get(teacher, "/api/analytics/class-sessions/" + session + "/attendance", Map.of()));
        time(
                "session attendance report (CSV)",
                () -> get(
                        teacher, "/api/analytics/class-sessions/" + session + "/attendance", Map.of("format", "csv")));
        time(
                "session attendance report (PDF)",
                () -> get(
                        teacher, "/api/analytics/class-sessions/" + session + "/attendance", Map.of("format", "pdf")));
        Map<String, Object> term = Map.of("from", "2025-08-31", "to", "2026-08-31");
        time(
                "class term report, 100 sessions (JSON)",
                () -> get(teacher, "/api/analytics/classes/class-0/attendance", term));
        time(
                "class term report, 100 sessions (CSV)",
                () -> get(teacher, "/api/analytics/classes/class-0/attendance", with(term, "format", "csv")));
        time(
                "class term report, 100 sessions (PDF)",
                () -> get(teacher, "/api/analytics/classes/class-0/attendance", with(term, "format", "pdf")));
        time("camera heatmap, all sessions (JSON)", () -> get(admin, "/api/analytics/cameras/cam-0/heatmap", Map.of()));
        time(
                "camera heatmap, all sessions (PNG)",
                () -> get(admin, "/api/analytics/cameras/cam-0/heatmap", Map.of("format", "png")));

        measureIngest();

        Path out = Path.of("target", "benchmark-results.txt");
        Files.write(out, results);
    }

    private static Map<String, Object> with(Map<String, Object> params, String key, Object value) {
        var copy = new HashMap<>(params);
        copy.put(key, value);
        return copy;
    }

    private static Response get(String token, String path, Map<String, Object> params) {
        return given().auth().oauth2(token).queryParams(params).get(path);
    }

    /** One warm-up call, then 5 timed calls: median and max wall time seen by the HTTP client. */
    private void time(String name, Supplier<Response> call) {
        Response warmup = call.get();
        assertThat(warmup.statusCode()).as(name + ": " + warmup.asString()).isEqualTo(200);
        long[] ms = new long[5];
        for (int i = 0; i < ms.length; i++) {
            long start = System.nanoTime();
            Response response = call.get();
            ms[i] = (System.nanoTime() - start) / 1_000_000;
            assertThat(response.statusCode()).isEqualTo(200);
        }
        Arrays.sort(ms);
        report(String.format(Locale.ROOT, "%-45s median %5d ms  max %5d ms", name, ms[2], ms[4]));
    }

    private void seed() {
        List<Document> sessionDocs = new ArrayList<>();
        List<Document> frames = new ArrayList<>();
        List<Document> minutes = new ArrayList<>();
        List<Document> cells = new ArrayList<>();
        List<Document> rows = new ArrayList<>();
        int classSessions = CLASSES * SESSIONS_PER_CLASS;
        int framesPerSession = Math.max(1, observations / classSessions);
        for (int c = 0; c < CLASSES; c++) {
            List<String> roster = new ArrayList<>();
            for (int s = 0; s < ROSTER; s++) {
                roster.add(student(c * ROSTER + s));
            }
            for (int k = 0; k < SESSIONS_PER_CLASS; k++) {
                String sessionId = "class-" + c + "-session-" + k;
                Instant started = START.plus(Duration.ofDays(k * 3L)).plus(Duration.ofHours(7 + c % 8));
                Instant ended = started.plus(Duration.ofMinutes(45));
                add(
                        "sessions",
                        sessionDocs,
                        new Document("_id", tenant + "/" + sessionId)
                                .append("tenantId", tenant)
                                .append("sessionId", sessionId)
                                .append("kind", "CLASS")
                                .append("ownerId", "teacher-" + c)
                                .append("userIds", roster)
                                .append("classId", "class-" + c)
                                .append("className", "Class " + c)
                                .append("cameraIds", List.of("cam-" + c))
                                .append("startedAt", Date.from(started))
                                .append("endedAt", Date.from(ended))
                                .append("durationSeconds", 2700L)
                                .append("startQuarter", quarter(started)));
                seedFrames(c, sessionId, roster, started, framesPerSession, frames, minutes, cells);
                for (String user : roster) {
                    boolean present = random.nextDouble() < 0.8;
                    add(
                            "attendance",
                            rows,
                            new Document("tenantId", tenant)
                                    .append("sessionId", sessionId)
                                    .append("classId", "class-" + c)
                                    .append("userId", user)
                                    .append("status", present ? "PRESENT" : "ABSENT")
                                    .append("presentSeconds", present ? 2600L : 0L)
                                    .append("engagedSeconds", present ? 2000L : 0L)
                                    .append("engagementPct", present ? 76.9 : 0.0)
                                    .append("late", false)
                                    .append("leftEarly", false)
                                    .append("sessionStartedAt", Date.from(started))
                                    .append("sessionEndedAt", Date.from(ended))
                                    .append("finalized", true)
                                    .append("updatedAt", Date.from(ended)));
                }
            }
        }
        for (int i = classSessions; i < sessions; i++) {
            Instant started = START.plusSeconds((long) (random.nextDouble() * 365 * 86_400));
            String user = student(random.nextInt(STUDENTS));
            add(
                    "sessions",
                    sessionDocs,
                    new Document("_id", tenant + "/personal-" + i)
                            .append("tenantId", tenant)
                            .append("sessionId", "personal-" + i)
                            .append("kind", "PERSONAL")
                            .append("ownerId", user)
                            .append("userIds", List.of(user))
                            .append("startedAt", Date.from(started))
                            .append("durationSeconds", 600L + random.nextInt(6600))
                            .append("startQuarter", quarter(started)));
        }
        List<Document> views = new ArrayList<>();
        Instant now = Instant.now();
        for (int i = 0; i < pageViews; i++) {
            add(
                    "page_views",
                    views,
                    new Document("tenantId", tenant)
                            .append("userId", student(random.nextInt(STUDENTS)))
                            .append("page", "/page/" + random.nextInt(50))
                            .append("timeSpentSeconds", (long) random.nextInt(600))
                            .append("at", Date.from(now.minusSeconds((long) (random.nextDouble() * 60 * 86_400)))));
        }
        insert("sessions", sessionDocs);
        insert("observations", frames);
        insert("engagement_minutes", minutes);
        insert("camera_cells", cells);
        insert("attendance", rows);
        insert("page_views", views);
    }

    /** Raw frames of one session (5 of 25 seats seen per frame) and the aggregates the consumer would have built. */
    private void seedFrames(
            int c,
            String sessionId,
            List<String> roster,
            Instant started,
            int count,
            List<Document> frames,
            List<Document> minutes,
            List<Document> cells) {
        Map<Long, long[]> perMinute = new HashMap<>();
        Map<Integer, long[]> perCell = new HashMap<>();
        long step = 2_700_000L / count;
        for (int f = 0; f < count; f++) {
            Instant at = started.plusMillis(f * step);
            List<Document> faces = new ArrayList<>();
            long attentive = 0;
            long unknown = 0;
            for (int n = 0; n < 5; n++) {
                int seat = random.nextInt(ROSTER);
                double x = 0.1 + (seat % 5) * 0.16;
                double y = 0.2 + (seat / 5) * 0.14;
                boolean isAttentive = random.nextDouble() < 0.75;
                String user = random.nextDouble() < 0.9 ? roster.get(seat) : null;
                faces.add(new Document("x", x)
                        .append("y", y)
                        .append("width", 0.08)
                        .append("height", 0.12)
                        .append("attentive", isAttentive)
                        .append("userId", user));
                attentive += isAttentive ? 1 : 0;
                unknown += user == null ? 1 : 0;
                int cell = (int) ((y + 0.06) * 9) * 16 + (int) ((x + 0.04) * 16);
                long[] cellCounts = perCell.computeIfAbsent(cell, k -> new long[2]);
                cellCounts[0]++;
                cellCounts[1] += isAttentive ? 1 : 0;
            }
            long minute = at.toEpochMilli() / 60_000;
            long[] m = perMinute.computeIfAbsent(minute, k -> new long[5]);
            m[0]++;
            m[1] += 5;
            m[2] += attentive;
            m[3] += unknown;
            m[4] = Math.max(m[4], unknown);
            add(
                    "observations",
                    frames,
                    new Document("_id", tenant + "/" + sessionId + ":" + f)
                            .append("tenantId", tenant)
                            .append("frameId", sessionId + ":" + f)
                            .append("sourceId", "cam-" + c)
                            .append("sessionId", sessionId)
                            .append("capturedAt", Date.from(at))
                            .append("ingestedAt", new Date())
                            .append("unknownFaces", (int) unknown)
                            .append("faces", faces));
        }
        perMinute.forEach((minute, m) -> add(
                "engagement_minutes",
                minutes,
                new Document("_id", tenant + "/" + sessionId + "/" + minute)
                        .append("tenantId", tenant)
                        .append("sessionId", sessionId)
                        .append("minute", new Date(minute * 60_000))
                        .append("frames", m[0])
                        .append("faces", m[1])
                        .append("attentive", m[2])
                        .append("identified", m[1] - m[3])
                        .append("unknown", m[3])
                        .append("maxUnknown", m[4])));
        perCell.forEach((cell, counts) -> add(
                "camera_cells",
                cells,
                new Document("_id", String.join("/", tenant, "cam-" + c, sessionId, cell % 16 + "", cell / 16 + ""))
                        .append("tenantId", tenant)
                        .append("cameraId", "cam-" + c)
                        .append("sessionId", sessionId)
                        .append("column", cell % 16)
                        .append("row", cell / 16)
                        .append("faces", counts[0])
                        .append("attentive", counts[1])));
    }

    private static long quarter(Instant instant) {
        return instant.toEpochMilli() - Math.floorMod(instant.toEpochMilli(), 900_000L);
    }

    /** Produces FrameAnalyzed events to the benchmark's topic and waits until the consumer has applied them all. */
    private void measureIngest() {
        String sessionId = "ingest-" + UUID.randomUUID();
        List<ProducerRecord<String, String>> records = new ArrayList<>(events);
        for (int i = 0; i < events; i++) {
            List<Map<String, Object>> faces = new ArrayList<>();
            for (int n = 0; n < 5; n++) {
                faces.add(Map.of(
                        "box",
                        Map.of("x", 0.1 + n * 0.15, "y", 0.3, "width", 0.1, "height", 0.2),
                        "attentive",
                        n % 2 == 0,
                        "detScore",
                        0.9));
            }
            String json = Samples.event(
                    "vision",
                    "vision.observations.v1",
                    "FrameAnalyzed.json",
                    Map.of(
                            "tenantId",
                            tenant,
                            "frameId",
                            "ingest:" + i,
                            "sourceId",
                            "cam-ingest",
                            "sessionId",
                            sessionId,
                            "capturedAt",
                            START.plusMillis(i * 250L).toString(),
                            "unknownFaces",
                            5,
                            "faces",
                            faces));
            records.add(new ProducerRecord<>(BenchmarkProfile.TOPIC, "cam-ingest", json));
        }
        long start = System.nanoTime();
        try (var kafka = new KafkaCompanion(kafkaServers)) {
            kafka.produceStrings().fromRecords(records).awaitCompletion(Duration.ofMinutes(5));
        }
        double produced = (System.nanoTime() - start) / 1e9;
        // The per-minute aggregate is small; counting raw frames would scan the big collection and slow the ingest.
        AtomicLong applied = new AtomicLong();
        await().atMost(Duration.ofMinutes(10))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> {
                    applied.set(appliedFrames(sessionId));
                    return applied.get() >= events;
                });
        double seconds = (System.nanoTime() - start) / 1e9;
        report(String.format(
                Locale.ROOT,
                "ingest: %,d FrameAnalyzed (5 faces each) produced in %.1f s, applied %,d in %.1f s = %.0f events/s",
                events,
                produced,
                applied.get(),
                seconds,
                applied.get() / seconds));
    }

    private long appliedFrames(String sessionId) {
        return db.getCollection("engagement_minutes")
                .aggregate(List.of(
                        new Document("$match", new Document("tenantId", tenant).append("sessionId", sessionId)),
                        new Document(
                                "$group", new Document("_id", null).append("frames", new Document("$sum", "$frames")))))
                .collect()
                .first()
                .map(row -> row == null ? 0L : ((Number) row.get("frames")).longValue())
                .await()
                .atMost(Duration.ofSeconds(60));
    }
}
