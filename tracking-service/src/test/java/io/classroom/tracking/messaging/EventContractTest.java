package io.classroom.tracking.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
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
        var ended = events.stream()
                .filter(e -> e.type().equals(ClassSessionEvent.ENDED))
                .findFirst()
                .orElseThrow();
        assertThat(ended.endedAt()).isEqualTo(Instant.parse("2026-09-01T08:45:00Z"));
    }

    @Test
    void readsEveryObservationSample() {
        var frames = EventSchemas.goldenSamples("vision-service", "vision.observations.v1").stream()
                .map(json -> read(FrameAnalyzed.class, json))
                .toList();

        assertThat(frames).isNotEmpty();
        var frame = frames.get(0);
        assertThat(frame.frameId()).isNotBlank();
        assertThat(frame.capturedAt()).isNotNull();
        assertThat(frame.faces()).hasSize(2);
        assertThat(frame.faces().get(0).identity().userId())
                .isEqualTo(UUID.fromString("3f1c2a9e-5b7d-4c2e-9a61-0d2b8e4f7a10"));
        assertThat(frame.faces().get(0).attentive()).isTrue();
        assertThat(frame.faces().get(0).gaze().horizontalRatio()).isEqualTo(0.51);
        assertThat(frame.faces().get(1).identity()).isNull();
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
            assertThat(EventSchemas.validate(PersonalSessionEvent.TOPIC, JSON.writeValueAsString(event)))
                    .as(event.type())
                    .isEmpty();
        }
    }
}
