package io.classroom.tracking;

import io.classroom.testing.TestTokens;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.clients.producer.ProducerRecord;

/** Tokens and event messages for the integration tests; every test uses its own random tenant and ids. */
public final class TestSupport {

    public static final String KAFKA = "127.0.0.1:9092";

    private TestSupport() {}

    public static String tenant() {
        return TestTokens.newTenant();
    }

    public static String token(UUID userId, String tenant, String... roles) {
        return TestTokens.token(tenant, userId, roles);
    }

    public static void produce(KafkaCompanion kafka, String topic, String key, String value) {
        kafka.produceStrings()
                .fromRecords(new ProducerRecord<>(topic, key, value))
                .awaitCompletion(Duration.ofSeconds(60));
    }

    public static void produceAll(KafkaCompanion kafka, List<ProducerRecord<String, String>> records) {
        kafka.produceStrings().fromRecords(records).awaitCompletion(Duration.ofSeconds(60));
    }

    public static String sessionStarted(
            String tenant, UUID sessionId, String classId, UUID teacherId, List<UUID> roster, Instant startedAt) {
        return sessionStarted(
                tenant, sessionId, classId, teacherId, roster, startedAt, null, List.of("cam-a", "cam-b"));
    }

    /** A start by the schedule (scheduledStart given, trigger SCHEDULE) or by hand (null, MANUAL). */
    public static String sessionStarted(
            String tenant,
            UUID sessionId,
            String classId,
            UUID teacherId,
            List<UUID> roster,
            Instant startedAt,
            Instant scheduledStart,
            List<String> cameraIds) {
        return """
                {"eventId":"%s","type":"ClassSessionStarted","occurredAt":"%s","tenantId":"%s","sessionId":"%s",
                 "classId":"%s","className":"Physics","roomId":"room-a","teacherId":"%s","roster":[%s],
                 "cameraIds":[%s],"startedAt":"%s","scheduledStart":%s,"trigger":"%s","plannedEnd":"%s",
                 "attendanceThreshold":75,"lateGraceSeconds":60}
                """.formatted(
                        UUID.randomUUID(),
                        startedAt,
                        tenant,
                        sessionId,
                        classId,
                        teacherId,
                        roster.stream().map(id -> "\"" + id + "\"").collect(Collectors.joining(",")),
                        cameraIds.stream().map(id -> "\"" + id + "\"").collect(Collectors.joining(",")),
                        startedAt,
                        scheduledStart == null ? "null" : "\"" + scheduledStart + "\"",
                        scheduledStart == null ? "MANUAL" : "SCHEDULE",
                        startedAt.plusSeconds(400));
    }

    public static String sessionEnded(String tenant, UUID sessionId, String classId, Instant startedAt, Instant end) {
        return """
                {"eventId":"%s","type":"ClassSessionEnded","occurredAt":"%s","tenantId":"%s","sessionId":"%s",
                 "classId":"%s","startedAt":"%s","endedAt":"%s","reason":"DEACTIVATED"}
                """.formatted(UUID.randomUUID(), end, tenant, sessionId, classId, startedAt, end);
    }

    /** A face: recognised user (or null) and attentiveness, with a plausible pose and gaze direction. */
    public record Face(UUID userId, boolean attentive, double yaw, double pitch, double gazeH, String direction) {
        public Face(UUID userId, boolean attentive, double yaw, double pitch, double gazeH) {
            this(userId, attentive, yaw, pitch, gazeH, "CENTER");
        }

        public static Face of(UUID userId, boolean attentive) {
            return new Face(userId, attentive, attentive ? 2 : 40, -3, 0.5);
        }
    }

    /** A room camera's frame ({@code owner} null), or a webcam frame of an older producer (no verdict). */
    public static String frame(
            String tenant, String sourceId, UUID sessionId, UUID owner, Instant capturedAt, List<Face> faces) {
        return frame(tenant, sourceId, sessionId, owner, capturedAt, faces, "");
    }

    /**
     * A frame of {@code owner}'s webcam (source {@code webcam:<owner>}) as vision sends it: whether its largest face
     * verified as the owner, and how many other faces it shows.
     */
    public static String webcamFrame(
            String tenant,
            UUID sessionId,
            UUID owner,
            Instant capturedAt,
            boolean verified,
            int others,
            List<Face> faces) {
        return frame(
                tenant,
                "webcam:" + owner,
                sessionId,
                owner,
                capturedAt,
                faces,
                ",\"ownerVerified\":%s,\"othersInFrame\":%d".formatted(verified, others));
    }

    private static String frame(
            String tenant,
            String sourceId,
            UUID sessionId,
            UUID owner,
            Instant capturedAt,
            List<Face> faces,
            String webcamFields) {
        String facesJson = faces.stream()
                .map(f -> """
                        {"box":{"x":0.1,"y":0.1,"width":0.1,"height":0.2},"detScore":0.9,"yawDeg":%s,"pitchDeg":%s,
                         "gaze":{"direction":"%s","horizontalRatio":%s,"verticalRatio":0.5},"attentive":%s,
                         "identity":%s}""".formatted(
                                f.yaw(),
                                f.pitch(),
                                f.direction(),
                                f.gazeH(),
                                f.attentive(),
                                f.userId() == null ? "null" : "{\"userId\":\"" + f.userId() + "\",\"similarity\":0.7}"))
                .collect(Collectors.joining(","));
        return """
                {"eventId":"%s","type":"FrameAnalyzed","occurredAt":"%s","tenantId":"%s",
                 "frameId":"%s:%d","sourceId":"%s","sessionId":"%s","userId":%s,"capturedAt":"%s",
                 "processedAt":"%s","frameWidth":1280,"frameHeight":720,"faces":[%s],
                 "models":{"detector":"yunet"}%s}
                """.formatted(
                        UUID.randomUUID(),
                        capturedAt,
                        tenant,
                        sourceId + "-" + sessionId,
                        capturedAt.toEpochMilli(),
                        sourceId,
                        sessionId,
                        owner == null ? "null" : "\"" + owner + "\"",
                        capturedAt,
                        capturedAt,
                        facesJson,
                        webcamFields);
    }
}
