package io.classroom.vision.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.classroom.testing.EventSchemas;
import io.classroom.vision.GalleryFace;
import io.classroom.vision.facetrack.FaceTracker.TrackedFace;
import io.classroom.vision.gallery.Recognition.Identity;
import io.classroom.vision.pipeline.DetectedFace;
import io.classroom.vision.pipeline.FaceAnalysis;
import io.classroom.vision.pipeline.Gaze;
import io.classroom.vision.pipeline.HeadPose;
import io.classroom.vision.pipeline.ImageDecoder;
import io.classroom.vision.pipeline.Quality;
import io.classroom.vision.service.SessionRosters;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;
import org.junit.jupiter.api.Test;

/**
 * Consumer contracts: every golden sample of the producers (auth-service, classroom-service, camera-ingest's frame
 * headers, this service's faces) reads into this service's records, and what is not a valid event or frame is refused
 * with a reason (the dead-letter topic's). Producer contract: what this service emits matches its own schemas.
 */
class EventContractTest {

    static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    static final Validator VALIDATOR = Validation.byDefaultProvider()
            .configure()
            .messageInterpolator(new ParameterMessageInterpolator())
            .buildValidatorFactory()
            .getValidator();

    private static final String ADA = "3f1c2a9e-5b7d-4c2e-9a61-0d2b8e4f7a10";

    private static <T> T read(Class<T> type, String json) {
        return EventDeserializer.standalone(type, JSON, VALIDATOR)
                .deserialize("topic", json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void readsEveryUserSample() {
        var events = EventSchemas.goldenSamples("auth-service", "auth.users.v1").stream()
                .map(json -> read(UserEvent.class, json))
                .toList();

        assertThat(events).extracting(UserEvent::type).contains(UserEvent.DELETED);
        assertThat(events).allSatisfy(e -> {
            assertThat(e.userId()).isEqualTo(UUID.fromString(ADA));
            assertThat(e.tenantId()).isEqualTo("school-1");
        });
    }

    @Test
    void readsEverySessionSampleAndKeepsTheRoster() {
        var events = EventSchemas.goldenSamples("classroom-service", "classroom.sessions.v1").stream()
                .map(json -> read(SessionEvent.class, json))
                .toList();
        var started = events.stream()
                .filter(e -> e.type().equals(SessionEvent.STARTED))
                .findFirst()
                .orElseThrow();
        var ended = events.stream()
                .filter(e -> e.type().equals(SessionEvent.ENDED))
                .findFirst()
                .orElseThrow();

        var rosters = new SessionRosters();
        SessionEventConsumer.apply(started, rosters);
        assertThat(rosters.roster("school-1", started.sessionId()))
                .containsExactlyInAnyOrder(
                        UUID.fromString(ADA), UUID.fromString("7a2d4c6e-8f10-4b12-a314-c5d6e7f80912"));
        assertThat(rosters.roster("other-school", started.sessionId())).isNull();
        // The teacher may identify in the session and calibrate its cameras; nobody else, no other tenant.
        var teacher = UUID.fromString("b9e8d7c6-b5a4-4938-8271-605f4e3d2c1b");
        assertThat(rosters.session("school-1", started.sessionId()).teacherId()).isEqualTo(teacher);
        assertThat(rosters.teachesWith("school-1", teacher, "cam-front")).isTrue();
        assertThat(rosters.teachesWith("school-1", UUID.fromString(ADA), "cam-front"))
                .isFalse();
        assertThat(rosters.teachesWith("other-school", teacher, "cam-front")).isFalse();
        // A start without a teacher still restricts recognition to its roster; no teacher leads it.
        var withoutTeacher = read(
                SessionEvent.class,
                EventSchemas.goldenSamples("classroom-service", "classroom.sessions.v1").stream()
                        .filter(json -> json.contains(SessionEvent.STARTED))
                        .findFirst()
                        .orElseThrow()
                        .replace("\"teacherId\"", "\"formerTeacherId\"")
                        .replace(
                                started.sessionId().toString(),
                                UUID.randomUUID().toString()));
        SessionEventConsumer.apply(withoutTeacher, rosters);
        assertThat(rosters.roster("school-1", withoutTeacher.sessionId())).hasSize(2);
        assertThat(rosters.session("school-1", withoutTeacher.sessionId()).taughtBy(teacher))
                .isFalse();
        rosters.ended(withoutTeacher.sessionId());
        assertThat(rosters.inUse("school-1", "cam-front")).isTrue();
        SessionEventConsumer.apply(ended, rosters);
        assertThat(rosters.roster("school-1", started.sessionId())).isNull();
        assertThat(rosters.teachesWith("school-1", teacher, "cam-front")).isFalse();
        assertThat(rosters.inUse("school-1", "cam-front")).isFalse();
    }

    @Test
    void readsTheGoldenFrameHeadersAndImage() throws IOException {
        var dir = EventSchemas.moduleDir("camera-ingest-service").resolve("src/test/resources/events/ingest.frames.v1");
        var jpeg = Files.readAllBytes(dir.resolve("Frame.jpg"));

        var frame = readFrame(goldenHeaders(), jpeg);

        var h = frame.headers();
        assertThat(h.frameId()).isEqualTo("cam-front:1756714200000");
        assertThat(h.sourceId()).isEqualTo("cam-front");
        assertThat(h.sessionId()).isEqualTo(UUID.fromString("5e6f7a8b-9c0d-4e1f-a2b3-c4d5e6f7a8b9"));
        assertThat(h.userId()).isNull();
        assertThat(h.capturedAt()).isEqualTo(Instant.parse("2026-09-01T08:10:00Z"));
        assertThat(h.tenantId()).isEqualTo("school-1");
        var image = new ImageDecoder(16_777_216, 8192).decode(frame.jpeg());
        assertThat(image.cols()).isEqualTo(h.width());
        assertThat(image.rows()).isEqualTo(h.height());
        // A dead-lettered frame keeps its JPEG as the value.
        assertThat(new Frame.Serializer().serialize("ingest.frames.v1.vision-service.dlq", frame))
                .isEqualTo(jpeg);
    }

    @Test
    void whatIsNotAValidFrameIsRefusedWithTheReason() {
        byte[] jpeg = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xD9};
        assertThatThrownBy(() -> readFrame(goldenHeaders(Map.of("tenantId", "")), jpeg))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("headers.tenantId");
        var withoutCapturedAt = goldenHeaders();
        withoutCapturedAt.remove("capturedAt");
        assertThatThrownBy(() -> readFrame(withoutCapturedAt, jpeg)).hasMessageContaining("headers.capturedAt");
        assertThatThrownBy(() -> readFrame(goldenHeaders(Map.of("capturedAt", "yesterday")), jpeg))
                .hasMessageContaining("capturedAt")
                .hasMessageContaining("yesterday");
        assertThatThrownBy(() -> readFrame(goldenHeaders(Map.of("sessionId", "nope")), jpeg))
                .hasMessageContaining("sessionId");
        assertThatThrownBy(() -> readFrame(goldenHeaders(Map.of("width", "0")), jpeg))
                .hasMessageContaining("headers.width");
        assertThatThrownBy(() -> readFrame(goldenHeaders(Map.of("contentType", "image/png")), jpeg))
                .hasMessageContaining("headers.contentType must be image/jpeg");
        assertThatThrownBy(() -> readFrame(goldenHeaders(), new byte[0])).hasMessageContaining("jpeg is empty");
        assertThatThrownBy(() -> readFrame(goldenHeaders(), null)).hasMessageContaining("jpeg");
        assertThatThrownBy(() -> Frame.Deserializer.standalone(VALIDATOR).deserialize("ingest.frames.v1", jpeg))
                .hasMessageContaining("headers");
    }

    @Test
    void readsOurFaceSamplesAndRefusesInvalidOnes() {
        for (String json : EventSchemas.goldenSamples("vision-service", FaceSetEvent.TOPIC)) {
            var event = read(FaceSetEvent.class, json);
            assertThat(event.userId()).isEqualTo(UUID.fromString(ADA));
            assertThat(event.type()).isIn(FaceSetEvent.ENROLLED, FaceSetEvent.DELETED);
        }
        assertThatThrownBy(() -> read(FaceSetEvent.class, "{not json"))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("not a valid FaceSetEvent");
        assertThatThrownBy(() -> read(
                        FaceSetEvent.class,
                        "{\"eventId\":\"%s\",\"type\":\"FaceEnrolled\",\"tenantId\":\"t\",\"userId\":\"%s\",\"faces\":[{}]}"
                                .formatted(UUID.randomUUID(), UUID.randomUUID())))
                .hasMessageContaining("faces[0].faceId")
                .hasMessageContaining("faces[0].vector");
    }

    @Test
    void whatIsNotAValidEventIsRefusedWithTheReason() {
        assertThatThrownBy(() -> read(UserEvent.class, "")).hasMessageContaining("empty");
        assertThatThrownBy(() -> read(UserEvent.class, "{\"type\":\"UserDeleted\",\"tenantId\":\"t\"}"))
                .hasMessageContaining("eventId")
                .hasMessageContaining("userId");
        assertThatThrownBy(() -> read(
                        SessionEvent.class,
                        "{\"eventId\":\"%s\",\"type\":\"ClassSessionStarted\",\"tenantId\":\"t\",\"sessionId\":\"%s\"}"
                                .formatted(UUID.randomUUID(), UUID.randomUUID())))
                .hasMessageContaining("needs its roster");
        String startWithBadRosterEntry =
                EventSchemas.goldenSamples("classroom-service", "classroom.sessions.v1").stream()
                        .filter(json -> json.contains(SessionEvent.STARTED))
                        .findFirst()
                        .orElseThrow()
                        .replace("\"roster\": [", "\"roster\": [\"not-a-uuid\",");
        assertThatThrownBy(() -> read(SessionEvent.class, startWithBadRosterEntry))
                .hasMessageContaining("roster[0]");
    }

    @Test
    void ourSamplesMatchOurSchemas() {
        for (String topic : List.of(FaceSetEvent.TOPIC, FrameAnalyzed.TOPIC)) {
            for (String sample : EventSchemas.goldenSamples("vision-service", topic)) {
                assertThat(EventSchemas.validate(topic, sample)).as(sample).isEmpty();
            }
        }
    }

    @Test
    void emittedFrameAnalyzedMatchesTheSchema() throws Exception {
        var headers = readFrame(goldenHeaders(), new byte[] {1}).headers();
        var known = new TrackedFace(
                "cam-front-1",
                face(40, new Gaze(Gaze.Direction.CENTER, 0.51, 0.48, 0.6, true)),
                new Identity(UUID.fromString(ADA), 0.72),
                true);
        var unknown = new TrackedFace("cam-front-2", face(200, null), null, false);

        var event = FrameAnalyzed.of(headers, 320, 240, List.of(known, unknown));
        String json = JSON.writeValueAsString(event);

        assertThat(EventSchemas.validate(FrameAnalyzed.TOPIC, json)).as(json).isEmpty();
        JsonNode tree = JSON.readTree(json);
        assertThat(tree.get("unknownFaces").asInt()).isEqualTo(1);
        assertThat(tree.get("faces").get(0).get("identity").get("userId").asText())
                .isEqualTo(ADA);
    }

    @Test
    void emittedWebcamFrameAnalyzedStatesTheOwnerAndMatchesTheSchemaRules() throws Exception {
        var headers = readFrame(goldenHeaders(Map.of("userId", ADA, "sourceId", "webcam:" + ADA)), new byte[] {1})
                .headers();
        var owner = new TrackedFace(
                "webcam-1",
                face(40, new Gaze(Gaze.Direction.CENTER, 0.5, 0.5, 0.6, true)),
                new Identity(UUID.fromString(ADA), 0.68),
                true);
        var other = new TrackedFace("webcam-2", face(200, null), null, false);

        JsonNode verified = JSON.readTree(
                JSON.writeValueAsString(FrameAnalyzed.ofWebcam(headers, 320, 240, List.of(owner, other), true)));
        assertThat(EventSchemas.validate(FrameAnalyzed.TOPIC, verified.toString()))
                .as(verified.toString())
                .isEmpty();
        assertThat(verified.get("ownerVerified").asBoolean()).isTrue();
        assertThat(verified.get("othersInFrame").asInt()).isEqualTo(1);
        assertThat(verified.get("unknownFaces").asInt()).isEqualTo(1);

        var unverifiedOwner = new TrackedFace(owner.trackId(), owner.analysis(), null, true);
        JsonNode rejected = JSON.readTree(JSON.writeValueAsString(
                FrameAnalyzed.ofWebcam(headers, 320, 240, List.of(unverifiedOwner, other), false)));
        assertThat(EventSchemas.validate(FrameAnalyzed.TOPIC, rejected.toString()))
                .as(rejected.toString())
                .isEmpty();
        assertThat(rejected.get("ownerVerified").asBoolean()).isFalse();
        assertThat(rejected.get("othersInFrame").asInt()).isEqualTo(2);

        JsonNode room = JSON.readTree(JSON.writeValueAsString(
                FrameAnalyzed.of(readFrame(goldenHeaders(), new byte[] {1}).headers(), 320, 240, List.of(other))));
        assertThat(room.get("ownerVerified").isNull()).isTrue();
        assertThat(room.get("othersInFrame").isNull()).isTrue();

        // what a consumer may rely on: a webcam frame says whether its owner verified, only the owner is identified
        var withoutVerdict = verified.deepCopy();
        ((ObjectNode) withoutVerdict).remove("ownerVerified");
        assertThat(EventSchemas.validate(FrameAnalyzed.TOPIC, withoutVerdict.toString()))
                .isNotEmpty();
        var identityWithoutOwner = verified.deepCopy();
        ((ObjectNode) identityWithoutOwner).put("ownerVerified", false);
        assertThat(EventSchemas.validate(FrameAnalyzed.TOPIC, identityWithoutOwner.toString()))
                .isNotEmpty();
        var twoIdentities = verified.deepCopy();
        ((ObjectNode) twoIdentities.get("faces").get(1))
                .set("identity", verified.get("faces").get(0).get("identity"));
        assertThat(EventSchemas.validate(FrameAnalyzed.TOPIC, twoIdentities.toString()))
                .isNotEmpty();
        var roomWithVerdict = room.deepCopy();
        ((ObjectNode) roomWithVerdict).put("ownerVerified", true);
        assertThat(EventSchemas.validate(FrameAnalyzed.TOPIC, roomWithVerdict.toString()))
                .isNotEmpty();
    }

    @Test
    void emittedFaceEventsMatchTheSchema() throws Exception {
        var vector = new float[128];
        vector[0] = 1;
        var face = new GalleryFace(
                UUID.randomUUID(),
                "school-1",
                UUID.fromString(ADA),
                "mobilefacenet-foamliu",
                vector,
                OffsetDateTime.now());

        // A FaceDeleted carries the remaining faces; a user left with none gets a tombstone, not an event.
        for (var event : List.of(
                FaceSetEvent.of(FaceSetEvent.ENROLLED, "school-1", face.userId(), List.of(face)),
                FaceSetEvent.of(FaceSetEvent.DELETED, "school-1", face.userId(), List.of(face)))) {
            String json = JSON.writeValueAsString(event);
            assertThat(EventSchemas.validate(FaceSetEvent.TOPIC, json)).as(json).isEmpty();
            // and this service's replicas read back what it publishes
            assertThat(read(FaceSetEvent.class, json).faces()).hasSameSizeAs(event.faces());
        }
    }

    @Test
    void anEmptyFaceDeletedNoLongerMatchesTheSchema() throws Exception {
        String empty = JSON.writeValueAsString(
                FaceSetEvent.of(FaceSetEvent.DELETED, "school-1", UUID.fromString(ADA), List.of()));
        assertThat(EventSchemas.validate(FaceSetEvent.TOPIC, empty)).isNotEmpty();
        // Earlier versions published it: still on the topic until compacted, it is read as "no faces".
        assertThat(read(FaceSetEvent.class, empty).faces()).isEmpty();
    }

    private static FaceAnalysis face(float x, Gaze gaze) {
        var landmarks = new float[] {x + 20, 80, x + 50, 80, x + 35, 100, x + 22, 120, x + 48, 120};
        return new FaceAnalysis(
                new DetectedFace(x, 60, 70, 90, landmarks, 0.93f),
                new HeadPose(4.2, -3.1, 1.0, -0.05),
                gaze,
                new Quality(70, 180.5, true, null),
                true,
                null);
    }

    private static Frame readFrame(Map<String, String> headers, byte[] value) {
        var record = new RecordHeaders();
        headers.forEach((name, v) -> record.add(name, v.getBytes(StandardCharsets.UTF_8)));
        return Frame.Deserializer.standalone(VALIDATOR).deserialize("ingest.frames.v1", record, value);
    }

    /** camera-ingest's golden frame headers, with some replaced. */
    private static Map<String, String> goldenHeaders(Map<String, String> replaced) {
        var headers = goldenHeaders();
        headers.putAll(replaced);
        return headers;
    }

    private static Map<String, String> goldenHeaders() {
        Path file = EventSchemas.moduleDir("camera-ingest-service")
                .resolve("src/test/resources/events/ingest.frames.v1/Frame.headers.json");
        try {
            var headers = new java.util.LinkedHashMap<String, String>();
            JSON.readTree(Files.readString(file))
                    .fields()
                    .forEachRemaining(e -> headers.put(e.getKey(), e.getValue().asText()));
            return headers;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
