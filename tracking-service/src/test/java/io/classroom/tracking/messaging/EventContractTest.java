package io.classroom.tracking.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.classroom.testing.EventSchemas;
import io.classroom.tracking.AttendanceRecord;
import io.classroom.tracking.AttendanceStatus;
import io.classroom.tracking.PersonalSession;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import org.apache.kafka.common.errors.SerializationException;
import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;
import org.junit.jupiter.api.Test;

/**
 * Consumer contracts: every golden sample of the producers reads into this service's records, and what is not a valid
 * event is refused with a reason (the dead-letter topic's). Producer contract: what this service emits matches its
 * own schemas.
 */
class EventContractTest {

    static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .registerModule(ZonelessUtc.module())
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

    @Test
    void readsEveryClassSessionSample() {
        var events = EventSchemas.goldenSamples("classroom-service", "classroom.sessions.v1").stream()
                .map(json -> read(ClassSessionEvent.class, json))
                .toList();

        assertThat(events).extracting(ClassSessionEvent::type).contains("ClassSessionStarted", "ClassSessionEnded");
        var started = events.stream()
                .filter(e -> e.type().equals(ClassSessionEvent.STARTED))
                .findFirst()
                .orElseThrow();
        assertThat(started.roster()).hasSize(2);
        assertThat(started.teacherId()).isNotBlank();
        assertThat(started.attendanceThreshold()).isEqualTo(75.0);
        assertThat(started.lateGraceSeconds()).isEqualTo(300);
        assertThat(started.startedAt()).isEqualTo(Instant.parse("2026-09-01T08:00:00Z"));
        // classroom's sample may or may not carry the schedule yet: either reads
        if (started.scheduledStart() != null) {
            assertThat(started.trigger()).isIn("SCHEDULE", "MANUAL");
        }
        var ended = events.stream()
                .filter(e -> e.type().equals(ClassSessionEvent.ENDED))
                .findFirst()
                .orElseThrow();
        assertThat(ended.endedAt()).isEqualTo(Instant.parse("2026-09-01T08:45:00Z"));
    }

    /** The first golden sample of a producer whose type is {@code type}, changed by {@code change}. */
    private static String changed(String producer, String topic, String type, Consumer<ObjectNode> change)
            throws Exception {
        String sample = EventSchemas.goldenSamples(producer, topic).stream()
                .filter(json -> json.contains("\"" + type + "\"") && !json.contains("\"webcam:"))
                .findFirst()
                .orElseThrow();
        ObjectNode event = (ObjectNode) JSON.readTree(sample);
        change.accept(event);
        return JSON.writeValueAsString(event);
    }

    @Test
    void aScheduledStartIsReadAndAStartByHandHasNone() throws Exception {
        String topic = "classroom.sessions.v1";
        var scheduled = read(
                ClassSessionEvent.class,
                changed(
                        "classroom-service",
                        topic,
                        "ClassSessionStarted",
                        e -> e.put("scheduledStart", "2026-09-01T07:59:30Z").put("trigger", "SCHEDULE")));
        assertThat(scheduled.scheduledStart()).isEqualTo(Instant.parse("2026-09-01T07:59:30Z"));
        assertThat(scheduled.trigger()).isEqualTo("SCHEDULE");

        var byHand = read(
                ClassSessionEvent.class,
                changed(
                        "classroom-service",
                        topic,
                        "ClassSessionStarted",
                        e -> e.putNull("scheduledStart").put("trigger", "MANUAL")));
        assertThat(byHand.scheduledStart()).isNull();
        assertThat(byHand.trigger()).isEqualTo("MANUAL");

        var older = read(
                ClassSessionEvent.class,
                changed(
                        "classroom-service",
                        topic,
                        "ClassSessionStarted",
                        e -> e.remove(List.of("scheduledStart", "trigger"))));
        assertThat(older.scheduledStart()).isNull();
        assertThat(older.trigger()).isNull();
    }

    @Test
    void zonelessTimesInEventsAreUtc() throws Exception {
        var event = read(
                ClassSessionEvent.class,
                changed(
                        "classroom-service",
                        "classroom.sessions.v1",
                        "ClassSessionStarted",
                        e -> e.put("startedAt", "2026-09-01T08:00:00")
                                .put("scheduledStart", "2026-09-01T07:59:30.5")
                                .put("plannedEnd", "2026-09-01T10:45:00+02:00")));
        assertThat(event.startedAt()).isEqualTo(Instant.parse("2026-09-01T08:00:00Z"));
        assertThat(event.scheduledStart()).isEqualTo(Instant.parse("2026-09-01T07:59:30.500Z"));
        assertThat(event.plannedEnd()).isEqualTo(Instant.parse("2026-09-01T08:45:00Z"));
        var frame = read(
                FrameAnalyzed.class,
                changed(
                        "vision-service",
                        "vision.observations.v1",
                        "FrameAnalyzed",
                        e -> e.put("capturedAt", "2026-09-01T08:10:00.000")));
        assertThat(frame.capturedAt()).isEqualTo(Instant.parse("2026-09-01T08:10:00Z"));
        assertThatThrownBy(() -> read(
                        FrameAnalyzed.class,
                        changed(
                                "vision-service",
                                "vision.observations.v1",
                                "FrameAnalyzed",
                                e -> e.put("capturedAt", "2026-13-01T08:10:00"))))
                .hasMessageContaining("capturedAt");
    }

    @Test
    void aWebcamFrameSaysWhetherItsOwnerVerifiedAndHowManyOthersItShows() throws Exception {
        String topic = "vision.observations.v1";
        UUID owner = UUID.fromString("3f1c2a9e-5b7d-4c2e-9a61-0d2b8e4f7a10");
        var webcam = read(FrameAnalyzed.class, changed("vision-service", topic, "FrameAnalyzed", e -> {
            e.put("sourceId", "webcam:" + owner)
                    .put("userId", owner.toString())
                    .put("ownerVerified", true)
                    .put("othersInFrame", 1);
            ((ObjectNode) e.get("faces").get(1)).putNull("identity");
        }));
        assertThat(webcam.isWebcam()).isTrue();
        assertThat(webcam.ownerVerified()).isTrue();
        assertThat(webcam.othersInFrame()).isEqualTo(1);
        assertThat(webcam.faces().get(0).area())
                .isGreaterThan(webcam.faces().get(1).area());

        var room = EventSchemas.goldenSamples("vision-service", topic).stream()
                .map(json -> read(FrameAnalyzed.class, json))
                .filter(f -> !f.isWebcam())
                .findFirst()
                .orElseThrow();
        assertThat(room.ownerVerified()).isNull();
        assertThat(room.othersInFrame()).isNull();

        assertThatThrownBy(() -> read(
                        FrameAnalyzed.class,
                        changed("vision-service", topic, "FrameAnalyzed", e -> e.put("othersInFrame", -1))))
                .hasMessageContaining("othersInFrame");
    }

    @Test
    void readsEveryObservationSample() {
        var frames = EventSchemas.goldenSamples("vision-service", "vision.observations.v1").stream()
                .map(json -> read(FrameAnalyzed.class, json))
                .toList();

        assertThat(frames).isNotEmpty();
        var frame = frames.stream().filter(f -> !f.isWebcam()).findFirst().orElseThrow();
        assertThat(frame.frameId()).isNotBlank();
        assertThat(frame.capturedAt()).isNotNull();
        assertThat(frame.faces()).hasSize(2);
        assertThat(frame.faces().get(0).identity().userId())
                .isEqualTo(UUID.fromString("3f1c2a9e-5b7d-4c2e-9a61-0d2b8e4f7a10"));
        assertThat(frame.faces().get(0).attentive()).isTrue();
        assertThat(frame.faces().get(0).gaze().horizontalRatio()).isEqualTo(0.51);
        assertThat(frame.faces().get(1).identity()).isNull();
        // room-camera samples carry no webcam verdict; a webcam sample (once vision has one) names its owner
        frames.forEach(f -> {
            if (f.isWebcam()) {
                assertThat(f.userId()).isNotNull();
                assertThat(f.othersInFrame()).isNotNull();
            } else {
                assertThat(f.ownerVerified()).isNull();
            }
        });
    }

    @Test
    void everyActivitySampleNamesItsApplication() {
        for (String sample : EventSchemas.goldenSamples("tracking-service", "tracking.activity.v1")) {
            assertThat(sample).contains("\"app\": \"classroom-web\"");
        }
        var started = "{\"eventId\":\"%s\",\"type\":\"PersonalSessionStarted\",\"occurredAt\":\"2026-09-05T14:00:00Z\","
                + "\"tenantId\":\"school-1\",\"sessionId\":\"%s\",\"userId\":\"%s\",\"app\":\"%s\","
                + "\"at\":\"2026-09-05T14:00:00Z\"}";
        assertThat(EventSchemas.validate(
                        PersonalSessionEvent.TOPIC,
                        started.formatted(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), "focus-timer")))
                .isEmpty();
        assertThat(EventSchemas.validate(
                        PersonalSessionEvent.TOPIC,
                        started.formatted(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), "Focus Timer")))
                .isNotEmpty();
    }

    @Test
    void readsEveryUserSample() {
        var events = EventSchemas.goldenSamples("auth-service", "auth.users.v1").stream()
                .map(json -> read(UserEvent.class, json))
                .toList();

        assertThat(events).extracting(UserEvent::type).contains(UserEvent.DELETED);
        assertThat(events).allSatisfy(e -> assertThat(e.userId()).isNotNull());
    }

    @Test
    void whatIsNotAValidEventIsRefusedWithTheReason() {
        assertThatThrownBy(() -> read(FrameAnalyzed.class, "{not json"))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("not a valid FrameAnalyzed");
        assertThatThrownBy(() -> read(FrameAnalyzed.class, "{\"tenantId\":\"t\"}"))
                .hasMessageContaining("frameId")
                .hasMessageContaining("capturedAt");
        assertThatThrownBy(() -> read(
                        ClassSessionEvent.class,
                        "{\"eventId\":\"%s\",\"type\":\"ClassSessionEnded\",\"tenantId\":\"t\",\"sessionId\":\"nope\"}"
                                .formatted(UUID.randomUUID())))
                .hasMessageContaining("sessionId");
        String startWithNullInRoster = EventSchemas.goldenSamples("classroom-service", "classroom.sessions.v1").stream()
                .filter(json -> json.contains("ClassSessionStarted"))
                .findFirst()
                .orElseThrow()
                .replace("\"roster\": [", "\"roster\": [null,");
        assertThatThrownBy(() -> read(ClassSessionEvent.class, startWithNullInRoster))
                .hasMessageContaining("roster[0]");
        assertThatThrownBy(() -> read(
                        ClassSessionEvent.class,
                        "{\"eventId\":\"%s\",\"type\":\"ClassSessionEnded\",\"tenantId\":\"t\",\"sessionId\":\"%s\"}"
                                .formatted(UUID.randomUUID(), UUID.randomUUID())))
                .hasMessageContaining("needs endedAt");
        assertThatThrownBy(() -> read(UserEvent.class, "")).hasMessageContaining("empty");
    }

    @Test
    void ourSamplesMatchOurSchemas() {
        for (String topic : List.of("tracking.attendance.v1", "tracking.activity.v1")) {
            for (String sample : EventSchemas.goldenSamples("tracking-service", topic)) {
                assertThat(EventSchemas.validate(topic, sample)).as(sample).isEmpty();
            }
        }
    }

    @Test
    void emittedAttendanceEventsMatchTheSchema() throws Exception {
        var record = new AttendanceRecord();
        record.tenantId = "school-1";
        record.sessionId = UUID.randomUUID();
        record.classId = "physics";
        record.userId = UUID.randomUUID();
        record.presentSeconds = 2600;
        record.engagedSeconds = 2400;
        record.engagementPct = 88.89;
        record.status = AttendanceStatus.PRESENT;
        record.sessionStartedAt = Instant.parse("2026-09-01T08:00:00Z");
        record.sessionEndedAt = Instant.parse("2026-09-01T08:45:00Z");

        String json = JSON.writeValueAsString(AttendanceFinalized.of(record));

        assertThat(EventSchemas.validate(AttendanceFinalized.TOPIC, json)).isEmpty();
    }

    @Test
    void emittedActivityEventsMatchTheSchema() throws Exception {
        var session = new PersonalSession();
        session.id = UUID.randomUUID();
        session.tenantId = "school-1";
        session.userId = UUID.randomUUID();
        session.title = "Homework";
        session.app = "focus-timer";
        session.startedAt = Instant.parse("2026-09-05T14:00:00Z");
        session.endedAt = Instant.parse("2026-09-05T15:00:00Z");
        session.activitySource = "INFERRED";
        var at = Instant.parse("2026-09-05T14:30:00Z");

        List<PersonalSessionEvent> events = List.of(
                PersonalSessionEvent.Started.of(session, session.startedAt),
                PersonalSessionEvent.Paused.of(session, at),
                PersonalSessionEvent.Resumed.of(session, at),
                PersonalSessionEvent.Ended.of(session, Map.of("READING", 60L)));
        for (var event : events) {
            String json = JSON.writeValueAsString(event);
            assertThat(EventSchemas.validate(PersonalSessionEvent.TOPIC, json))
                    .as(event.type())
                    .isEmpty();
            assertThat(json).contains("\"app\":\"focus-timer\"");
        }
    }
}
