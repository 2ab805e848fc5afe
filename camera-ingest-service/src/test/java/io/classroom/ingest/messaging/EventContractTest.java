package io.classroom.ingest.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.classroom.ingest.CamerasTopic;
import io.classroom.ingest.Frame;
import io.classroom.ingest.FramesTopic;
import io.classroom.ingest.service.CameraSessionAnnouncer;
import io.classroom.ingest.stream.StreamSpec;
import io.classroom.testing.EventSchemas;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import javax.imageio.ImageIO;
import org.apache.kafka.common.errors.SerializationException;
import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;
import org.junit.jupiter.api.Test;

/**
 * Consumer contract: every golden sample of classroom-service's classroom.sessions.v1 and of tracking-service's
 * tracking.activity.v1 reads into this service's records, and what is not a valid event is refused with a reason (the
 * dead-letter topic's). Producer contract: the headers this service writes on ingest.frames.v1 and its ingest.cameras.v1
 * events match its own schemas.
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

    private static ClassSessionEvent read(String json) {
        return EventDeserializer.standalone(ClassSessionEvent.class, JSON, VALIDATOR)
                .deserialize("classroom.sessions.v1", json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void readsEveryClassSessionSample() {
        var events = EventSchemas.goldenSamples("classroom-service", "classroom.sessions.v1").stream()
                .map(EventContractTest::read)
                .toList();

        assertThat(events)
                .extracting(ClassSessionEvent::type)
                .contains(ClassSessionEvent.STARTED, ClassSessionEvent.ENDED);
        assertThat(events).allSatisfy(event -> {
            assertThat(event.eventId()).isNotNull();
            assertThat(event.tenantId()).isNotBlank();
            assertThat(event.sessionId()).isNotNull();
        });
        var started = events.stream()
                .filter(e -> e.type().equals(ClassSessionEvent.STARTED))
                .findFirst()
                .orElseThrow();
        assertThat(started.roster()).hasSize(2);
        assertThat(started.cameraIds()).containsExactly("cam-front");
        assertThat(started.teacherId()).isNotBlank();
        assertThat(started.plannedEnd()).isEqualTo(Instant.parse("2026-09-01T08:45:00Z"));
    }

    @Test
    void whatIsNotAValidEventIsRefusedWithTheReason() {
        assertThatThrownBy(() -> read("{not json"))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("not a valid ClassSessionEvent");
        assertThatThrownBy(() -> read("")).hasMessageContaining("empty");
        assertThatThrownBy(() -> read("{\"type\":\"ClassSessionEnded\",\"tenantId\":\"t\"}"))
                .hasMessageContaining("eventId")
                .hasMessageContaining("sessionId");
        assertThatThrownBy(() -> read(
                        "{\"eventId\":\"%s\",\"type\":\"ClassSessionEnded\",\"tenantId\":\"t\",\"sessionId\":\"nope\"}"
                                .formatted(UUID.randomUUID())))
                .hasMessageContaining("sessionId");
        assertThatThrownBy(() -> read(
                        "{\"eventId\":\"%s\",\"type\":\"ClassSessionEnded\",\"tenantId\":\" \",\"sessionId\":\"%s\"}"
                                .formatted(UUID.randomUUID(), UUID.randomUUID())))
                .hasMessageContaining("tenantId");
        String startWithNullCamera = EventSchemas.goldenSamples("classroom-service", "classroom.sessions.v1").stream()
                .filter(json -> json.contains(ClassSessionEvent.STARTED))
                .findFirst()
                .orElseThrow()
                .replace("\"cameraIds\": [", "\"cameraIds\": [null,");
        assertThatThrownBy(() -> read(startWithNullCamera)).hasMessageContaining("cameraIds[0]");
    }

    private static PersonalSessionEvent readActivity(String json) {
        return EventDeserializer.standalone(PersonalSessionEvent.class, JSON, VALIDATOR)
                .deserialize("tracking.activity.v1", json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void readsEveryPersonalSessionSample() {
        var events = EventSchemas.goldenSamples("tracking-service", "tracking.activity.v1").stream()
                .map(EventContractTest::readActivity)
                .toList();

        assertThat(events)
                .extracting(PersonalSessionEvent::type)
                .contains(
                        PersonalSessionEvent.STARTED,
                        PersonalSessionEvent.PAUSED,
                        PersonalSessionEvent.RESUMED,
                        PersonalSessionEvent.ENDED);
        assertThat(events).allSatisfy(event -> {
            assertThat(event.eventId()).isNotNull();
            assertThat(event.occurredAt()).isNotNull();
            assertThat(event.tenantId()).isNotBlank();
            assertThat(event.sessionId()).isNotNull();
            assertThat(event.userId()).isNotNull();
        });
    }

    @Test
    void aPersonalSessionEventWithoutOwnerOrSessionIsRefusedWithTheReason() {
        var started = EventSchemas.goldenSamples("tracking-service", "tracking.activity.v1").stream()
                .filter(json -> json.contains(PersonalSessionEvent.STARTED))
                .findFirst()
                .orElseThrow();
        assertThatThrownBy(() -> readActivity(started.replaceAll("\"userId\":\\s*\"[^\"]*\",", "")))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("invalid PersonalSessionEvent")
                .hasMessageContaining("userId");
        assertThatThrownBy(
                        () -> readActivity(started.replaceAll("\"sessionId\":\\s*\"[^\"]*\"", "\"sessionId\": \"x\"")))
                .hasMessageContaining("not a valid PersonalSessionEvent")
                .hasMessageContaining("sessionId");
        assertThatThrownBy(() -> readActivity("{\"type\":\"PersonalSessionEnded\"}"))
                .hasMessageContaining("eventId")
                .hasMessageContaining("occurredAt")
                .hasMessageContaining("tenantId");
    }

    @Test
    void ourHeaderSampleMatchesOurSchema() throws Exception {
        var sample = Files.readString(EventSchemas.moduleDir("camera-ingest-service")
                .resolve("src/test/resources/events/ingest.frames.v1/Frame.headers.json"));
        Map<String, String> headers =
                JSON.readValue(sample, JSON.getTypeFactory().constructMapType(Map.class, String.class, String.class));

        assertThat(FramesTopic.violations(headers)).isEmpty();
    }

    @Test
    void publishedFrameHeadersMatchTheSchema() {
        var capturedAt = Instant.parse("2026-09-01T08:10:00.123456Z");
        var camera =
                new Frame("cam:1756714200123", "cam", "school-1", null, null, capturedAt, 640, 360, new byte[] {1});
        var webcam = new Frame(
                "webcam:u:1",
                "webcam:" + UUID.randomUUID(),
                "school-1",
                UUID.randomUUID().toString(),
                UUID.randomUUID().toString(),
                capturedAt,
                320,
                240,
                new byte[] {1});

        for (var frame : new Frame[] {camera, webcam}) {
            var headers = FramePublisher.headers(frame);
            assertThat(FramesTopic.violations(headers)).as(headers.toString()).isEmpty();
            assertThat(headers)
                    .containsEntry("capturedAt", "2026-09-01T08:10:00.123Z")
                    .containsEntry("contentType", "image/jpeg");
        }
        assertThat(FramePublisher.headers(camera)).doesNotContainKeys("sessionId", "userId");
        assertThat(FramePublisher.headers(webcam)).containsEntry("userId", webcam.userId());
        // The schema is strict enough to catch a broken header.
        var broken = new java.util.LinkedHashMap<>(FramePublisher.headers(webcam));
        broken.put("width", "0");
        broken.put("sessionId", "not-a-uuid");
        assertThat(FramesTopic.violations(broken)).hasSize(2);
    }

    @Test
    void ourCameraSamplesMatchOurSchema() {
        var samples = EventSchemas.goldenSamples("camera-ingest-service", CamerasTopic.TOPIC);
        assertThat(samples).hasSizeGreaterThanOrEqualTo(2);
        for (var sample : samples) {
            assertThat(EventSchemas.validate(CamerasTopic.TOPIC, sample))
                    .as(sample)
                    .isEmpty();
        }
    }

    @Test
    void announcedCamerasMatchTheSchema() throws Exception {
        var spec = new StreamSpec(
                UUID.randomUUID(),
                "Front of room A",
                "room-a",
                "school-1",
                UUID.randomUUID(),
                "rtsp://192.0.2.10:554/stream1",
                null,
                true,
                1,
                640,
                360,
                80,
                Instant.EPOCH);
        var image = new BufferedImage(640, 360, BufferedImage.TYPE_INT_RGB);
        var jpeg = new ByteArrayOutputStream();
        ImageIO.write(image, "jpg", jpeg);
        var frame = new Frame("f", "s", "school-1", null, null, Instant.now(), 640, 360, jpeg.toByteArray());

        for (int width : new int[] {320, 0}) {
            var json = JSON.writeValueAsString(CameraSessionAnnouncer.event(spec, frame, width));
            assertThat(EventSchemas.validate(CamerasTopic.TOPIC, json)).as(json).isEmpty();
        }
        var broken = JSON.writeValueAsString(CameraSessionAnnouncer.event(spec, frame, 320))
                .replace("\"image/jpeg\"", "\"image/png\"");
        assertThat(EventSchemas.validate(CamerasTopic.TOPIC, broken)).isNotEmpty();
    }
}
