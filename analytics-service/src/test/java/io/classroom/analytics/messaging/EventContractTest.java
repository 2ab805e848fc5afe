package io.classroom.analytics.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.classroom.testing.EventSchemas;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;
import org.apache.kafka.common.errors.SerializationException;
import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;
import org.junit.jupiter.api.Test;

/**
 * Consumer contracts: every golden sample of the five producers' topics reads into this service's records, and what is
 * not a valid event is refused with a reason naming the field (the dead-letter topic's {@code dead-letter-reason}).
 */
class EventContractTest {

    static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    static final Validator VALIDATOR = Validation.byDefaultProvider()
            .configure()
            .messageInterpolator(new ParameterMessageInterpolator())
            .buildValidatorFactory()
            .getValidator();

    private static <T> T read(Class<T> type, String json) {
        return EventDeserializer.standalone(type, JSON, VALIDATOR)
                .deserialize("topic", json.getBytes(StandardCharsets.UTF_8));
    }

    private static <T> List<T> samples(String producer, String topic, Class<T> type) {
        var samples = EventSchemas.goldenSamples(producer, topic);
        assertThat(samples).as("golden samples of " + topic).isNotEmpty();
        return samples.stream().map(json -> read(type, json)).toList();
    }

    /** The golden sample of {@code type} on {@code topic}, changed by {@code change}. */
    private static String changed(String producer, String topic, String type, Consumer<ObjectNode> change) {
        var json = EventSchemas.goldenSamples(producer, topic).stream()
                .filter(sample -> sample.contains("\"" + type + "\""))
                .findFirst()
                .orElseThrow();
        try {
            var node = (ObjectNode) JSON.readTree(json);
            change.accept(node);
            return JSON.writeValueAsString(node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void readsEveryClassSessionSample() {
        var events = samples("classroom-service", "classroom.sessions.v1", ClassSessionEvent.class);

        assertThat(events)
                .extracting(ClassSessionEvent::type)
                .contains(ClassSessionEvent.STARTED, ClassSessionEvent.ENDED);
        assertThat(events).allSatisfy(e -> {
            assertThat(e.sessionId()).isNotBlank();
            assertThat(e.classId()).isNotBlank();
            assertThat(e.startedAt()).isNotNull();
        });
        var started = events.stream()
                .filter(e -> e.type().equals(ClassSessionEvent.STARTED))
                .findFirst()
                .orElseThrow();
        assertThat(started.teacherId()).isNotBlank();
        assertThat(started.roster()).hasSize(2);
        assertThat(started.cameraIds()).containsExactly("cam-front");
        assertThat(started.className()).isEqualTo("Physics 101");
        assertThat(started.attendanceThreshold()).isEqualTo(75);
        var ended = events.stream()
                .filter(e -> e.type().equals(ClassSessionEvent.ENDED))
                .findFirst()
                .orElseThrow();
        assertThat(ended.endedAt()).isEqualTo(Instant.parse("2026-09-01T08:45:00Z"));
    }

    @Test
    void readsEveryActivitySample() {
        var events = samples("tracking-service", "tracking.activity.v1", ActivityEvent.class);

        assertThat(events).extracting(ActivityEvent::type).contains(ActivityEvent.STARTED, ActivityEvent.ENDED);
        assertThat(events).allSatisfy(e -> {
            assertThat(e.sessionId()).isNotBlank();
            assertThat(e.userId()).isNotBlank();
            assertThat(e.at()).isNotNull();
            assertThat(e.app()).isEqualTo("classroom-web");
        });
        var ended = events.stream()
                .filter(e -> e.type().equals(ActivityEvent.ENDED))
                .findFirst()
                .orElseThrow();
        assertThat(ended.start()).isEqualTo(Instant.parse("2026-09-05T14:00:00Z"));
        assertThat(ended.end()).isEqualTo(Instant.parse("2026-09-05T15:00:00Z"));
        assertThat(ended.activeSeconds()).isEqualTo(3300);
        assertThat(ended.activities()).containsEntry("READING", 1500L);
    }

    @Test
    void readsEveryAttendanceSample() {
        var events = samples("tracking-service", "tracking.attendance.v1", AttendanceEvent.class);

        assertThat(events).extracting(AttendanceEvent::type).contains("AttendanceUpdated", AttendanceEvent.FINALIZED);
        assertThat(events).allSatisfy(e -> {
            assertThat(e.sessionId()).isNotBlank();
            assertThat(e.classId()).isNotBlank();
            assertThat(e.userId()).isNotBlank();
            assertThat(e.status()).isIn("PENDING", "PRESENT", "ABSENT");
            assertThat(e.occurredAt()).isNotNull();
            assertThat(e.sessionStartedAt()).isNotNull();
        });
    }

    @Test
    void readsEveryObservationSample() {
        var frames = samples("vision-service", "vision.observations.v1", FrameAnalyzed.class);

        assertThat(frames).allSatisfy(frame -> {
            assertThat(frame.frameId()).isNotBlank();
            assertThat(frame.sourceId()).isNotBlank();
            assertThat(frame.capturedAt()).isNotNull();
            assertThat(frame.faces())
                    .isNotEmpty()
                    .allSatisfy(face -> assertThat(face.box().width()).isPositive());
        });
        var faces = frames.get(0).faces();
        assertThat(faces.get(0).attentive()).isTrue();
        assertThat(faces.get(0).identity().userId()).isEqualTo("3f1c2a9e-5b7d-4c2e-9a61-0d2b8e4f7a10");
        assertThat(faces.get(1).identity()).isNull();
    }

    @Test
    void readsEveryUserSample() {
        var events = samples("auth-service", "auth.users.v1", UserEvent.class);

        assertThat(events)
                .extracting(UserEvent::type)
                .contains(UserEvent.REGISTERED, UserEvent.UPDATED, UserEvent.DELETED);
        assertThat(events).allSatisfy(e -> assertThat(e.userId()).isNotBlank());
        assertThat(events)
                .filteredOn(e -> !e.type().equals(UserEvent.DELETED))
                .allSatisfy(e -> assertThat(e.displayName()).isNotBlank());
    }

    @Test
    void whatIsNotJsonIsRefused() {
        assertThatThrownBy(() -> read(FrameAnalyzed.class, "{not json"))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("not a valid FrameAnalyzed");
        assertThatThrownBy(() -> read(UserEvent.class, "")).hasMessageContaining("empty");
    }

    @Test
    void theEnvelopeIsRequired() {
        for (var field : List.of("eventId", "type", "tenantId")) {
            assertThatThrownBy(() -> read(
                            UserEvent.class,
                            changed("auth-service", "auth.users.v1", "UserDeleted", e -> e.remove(field))))
                    .isInstanceOf(SerializationException.class)
                    .hasMessageContaining("invalid UserEvent")
                    .hasMessageContaining(field);
        }
        assertThatThrownBy(() -> read(
                        AttendanceEvent.class,
                        changed(
                                "tracking-service",
                                "tracking.attendance.v1",
                                "AttendanceUpdated",
                                e -> e.put("eventId", "not-a-uuid"))))
                .hasMessageContaining("not a valid AttendanceEvent")
                .hasMessageContaining("eventId");
    }

    @Test
    void invalidClassSessionsAreRefusedWithTheField() {
        String topic = "classroom.sessions.v1";
        assertThatThrownBy(() -> read(
                        ClassSessionEvent.class,
                        changed("classroom-service", topic, "ClassSessionEnded", e -> e.remove("sessionId"))))
                .hasMessageContaining("sessionId");
        assertThatThrownBy(() -> read(
                        ClassSessionEvent.class,
                        changed("classroom-service", topic, "ClassSessionEnded", e -> e.remove("endedAt"))))
                .hasMessageContaining("needs endedAt");
        assertThatThrownBy(() -> read(
                        ClassSessionEvent.class,
                        changed("classroom-service", topic, "ClassSessionStarted", e -> e.remove("teacherId"))))
                .hasMessageContaining("teacherId");
        assertThatThrownBy(() -> read(
                        ClassSessionEvent.class,
                        changed(
                                "classroom-service",
                                topic,
                                "ClassSessionStarted",
                                e -> e.withArrayProperty("roster").insertNull(0))))
                .hasMessageContaining("roster[0]");
        assertThatThrownBy(() -> read(
                        ClassSessionEvent.class,
                        changed(
                                "classroom-service",
                                topic,
                                "ClassSessionStarted",
                                e -> e.put("attendanceThreshold", 150))))
                .hasMessageContaining("attendanceThreshold");
    }

    @Test
    void invalidActivityIsRefusedWithTheField() {
        String topic = "tracking.activity.v1";
        assertThatThrownBy(() -> read(
                        ActivityEvent.class,
                        changed("tracking-service", topic, "PersonalSessionPaused", e -> e.remove("userId"))))
                .hasMessageContaining("userId");
        assertThatThrownBy(() -> read(
                        ActivityEvent.class,
                        changed("tracking-service", topic, "PersonalSessionStarted", e -> e.remove("at"))))
                .hasMessageContaining("timed");
        assertThatThrownBy(() -> read(
                        ActivityEvent.class,
                        changed(
                                "tracking-service",
                                topic,
                                "PersonalSessionEnded",
                                e -> e.withObjectProperty("activities").put("READING", -1))))
                .hasMessageContaining("activities");
        assertThatThrownBy(() -> read(
                        ActivityEvent.class,
                        changed("tracking-service", topic, "PersonalSessionStarted", e -> e.put("app", "Focus App"))))
                .hasMessageContaining("app");
        // A producer older than the application field: read, the session is then the classroom web app's.
        assertThat(read(
                                ActivityEvent.class,
                                changed("tracking-service", topic, "PersonalSessionStarted", e -> e.remove("app")))
                        .app())
                .isNull();
    }

    @Test
    void invalidAttendanceIsRefusedWithTheField() {
        for (var field : List.of("sessionId", "userId", "status", "occurredAt")) {
            assertThatThrownBy(() -> read(
                            AttendanceEvent.class,
                            changed(
                                    "tracking-service",
                                    "tracking.attendance.v1",
                                    "AttendanceUpdated",
                                    e -> e.remove(field))))
                    .hasMessageContaining(field);
        }
    }

    @Test
    void readsEveryCameraSample() {
        var cameras = samples("camera-ingest-service", "ingest.cameras.v1", CameraSessionEvent.class);

        assertThat(cameras).allSatisfy(camera -> {
            assertThat(camera.type()).isEqualTo(CameraSessionEvent.STARTED);
            assertThat(camera.cameraName()).isNotBlank();
            assertThat(camera.sessionId()).isNotBlank();
        });
        assertThat(cameras)
                .filteredOn(c -> c.snapshot() != null)
                .singleElement()
                .satisfies(camera -> {
                    assertThat(camera.snapshot().jpeg()).startsWith(0xff, 0xd8);
                    assertThat(camera.snapshot().width()).isEqualTo(32);
                });
    }

    @Test
    void invalidCamerasAreRefusedWithTheField() {
        String topic = "ingest.cameras.v1";
        String producer = "camera-ingest-service";
        for (var field : List.of("sessionId", "cameraId", "cameraName", "occurredAt")) {
            assertThatThrownBy(() -> read(
                            CameraSessionEvent.class,
                            changed(producer, topic, "CameraSessionStarted", e -> e.remove(field))))
                    .hasMessageContaining(field);
        }
        assertThatThrownBy(() -> read(
                        CameraSessionEvent.class,
                        changed(
                                producer,
                                topic,
                                "CameraSessionStarted",
                                e -> e.withObjectProperty("snapshot").put("data", "not base64!"))))
                .hasMessageContaining("base64");
        assertThatThrownBy(() -> read(
                        CameraSessionEvent.class,
                        changed(
                                producer,
                                topic,
                                "CameraSessionStarted",
                                e -> e.withObjectProperty("snapshot").put("width", 4000))))
                .hasMessageContaining("snapshot.width");
        assertThatThrownBy(() -> read(
                        CameraSessionEvent.class,
                        changed(
                                producer,
                                topic,
                                "CameraSessionStarted",
                                e -> e.withObjectProperty("snapshot").put("data", "A".repeat(200_004)))))
                .hasMessageContaining("snapshot.data");
    }

    @Test
    void invalidFramesAreRefusedWithTheField() {
        String topic = "vision.observations.v1";
        for (var field : List.of("frameId", "sourceId", "capturedAt", "faces")) {
            assertThatThrownBy(() -> read(
                            FrameAnalyzed.class,
                            changed("vision-service", topic, "FrameAnalyzed", e -> e.remove(field))))
                    .hasMessageContaining(field);
        }
        assertThatThrownBy(() -> read(
                        FrameAnalyzed.class,
                        changed(
                                "vision-service",
                                topic,
                                "FrameAnalyzed",
                                e -> ((ObjectNode) e.withArrayProperty("faces").get(1)).remove("box"))))
                .hasMessageContaining("faces[1].box");
        assertThatThrownBy(() -> read(
                        FrameAnalyzed.class,
                        changed(
                                "vision-service",
                                topic,
                                "FrameAnalyzed",
                                e -> ((ObjectNode) e.withArrayProperty("faces")
                                                .get(0)
                                                .get("box"))
                                        .put("x", 1.5))))
                .hasMessageContaining("faces[0].box.x");
        assertThatThrownBy(() -> read(
                        FrameAnalyzed.class,
                        changed(
                                "vision-service",
                                topic,
                                "FrameAnalyzed",
                                e -> ((ObjectNode) e.withArrayProperty("faces")
                                                .get(0)
                                                .get("identity"))
                                        .putNull("userId"))))
                .hasMessageContaining("faces[0].identity.userId");
        assertThatThrownBy(() -> read(
                        FrameAnalyzed.class,
                        changed(
                                "vision-service",
                                topic,
                                "FrameAnalyzed",
                                e -> e.withArrayProperty("faces").insertNull(0))))
                .hasMessageContaining("faces[0]");
    }

    @Test
    void invalidUserEventsAreRefusedWithTheField() {
        assertThatThrownBy(() -> read(
                        UserEvent.class,
                        changed("auth-service", "auth.users.v1", "UserRegistered", e -> e.put("userId", " "))))
                .hasMessageContaining("userId");
    }
}
