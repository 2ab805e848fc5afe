package io.classroom.classroom.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.classroom.classroom.ClassSession;
import io.classroom.classroom.EndReason;
import io.classroom.classroom.SessionState;
import io.classroom.classroom.SessionTrigger;
import io.classroom.testing.EventSchemas;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.common.errors.SerializationException;
import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;
import org.junit.jupiter.api.Test;

/**
 * Consumer contract: every golden sample of auth-service reads into this service's record, and what is not a valid
 * event is refused with a reason (the dead-letter topic's). Producer contract: what this service emits, as its outbox
 * stores it, matches its own schemas.
 */
class EventContractTest {

    private static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    private static final Validator VALIDATOR = Validation.byDefaultProvider()
            .configure()
            .messageInterpolator(new ParameterMessageInterpolator())
            .buildValidatorFactory()
            .getValidator();
    private static final String SESSIONS = ClassSessionEvent.TOPIC;

    private static UserEvent read(String json) {
        return EventDeserializer.standalone(UserEvent.class, JSON, VALIDATOR)
                .deserialize("auth.users.v1", json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void readsEveryUserSample() {
        var events = EventSchemas.goldenSamples("auth-service", "auth.users.v1").stream()
                .map(EventContractTest::read)
                .toList();

        assertThat(events)
                .extracting(UserEvent::type)
                .containsExactlyInAnyOrder(UserEvent.REGISTERED, UserEvent.UPDATED, UserEvent.DELETED);
        assertThat(events).allSatisfy(e -> {
            assertThat(e.tenantId()).isEqualTo("school-1");
            assertThat(e.userId()).isEqualTo(UUID.fromString("3f1c2a9e-5b7d-4c2e-9a61-0d2b8e4f7a10"));
            assertThat(e.occurredAt()).isNotNull();
        });
        assertThat(events)
                .filteredOn(e -> e.type().equals(UserEvent.UPDATED))
                .singleElement()
                .satisfies(e -> assertThat(e.displayName()).isEqualTo("Ada King"));
    }

    @Test
    void whatIsNotAValidUserEventIsRefusedWithTheReason() {
        assertThatThrownBy(() -> read(""))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("empty");
        assertThatThrownBy(() -> read("{not json")).hasMessageContaining("not a valid UserEvent");
        assertThatThrownBy(() -> read("{\"type\":\"UserDeleted\",\"tenantId\":\"t\"}"))
                .hasMessageContaining("eventId")
                .hasMessageContaining("occurredAt")
                .hasMessageContaining("userId");
        assertThatThrownBy(() -> read(user("UserDeleted", "\"not-a-user-id\"", null)))
                .hasMessageContaining("userId");
        assertThatThrownBy(() -> read(user("UserUpdated", "\"" + UUID.randomUUID() + "\"", null)))
                .hasMessageContaining("needs a displayName");
        assertThat(read(user("UserLoggedIn", "\"" + UUID.randomUUID() + "\"", null))
                        .type())
                .isEqualTo("UserLoggedIn");
    }

    @Test
    void ourSamplesMatchOurSchemas() {
        var samples = EventSchemas.goldenSamples("classroom-service", SESSIONS);
        assertThat(samples).hasSize(3);
        for (String sample : samples) {
            assertThat(EventSchemas.validate(SESSIONS, sample)).as(sample).isEmpty();
        }
    }

    @Test
    void emittedSessionEventsMatchTheSchemas() throws Exception {
        var session = endedSession();
        var outbox = new Outbox(JSON);

        var started = outbox.entry(SESSIONS, session.classId, ClassSessionStarted.of(UUID.randomUUID(), session));
        var ended = outbox.entry(
                SESSIONS,
                session.classId,
                ClassSessionEnded.of(UUID.randomUUID(), session, session.endedAt, session.endReason));

        assertThat(EventSchemas.validate(SESSIONS, started.payload)).isEmpty();
        assertThat(EventSchemas.validate(SESSIONS, ended.payload)).isEmpty();
        assertThat(started.type).isEqualTo("ClassSessionStarted");
        assertThat(started.key).isEqualTo(session.classId);
        assertThat(JSON.readTree(started.payload).get("eventId").asText()).isEqualTo(started.eventId);
        assertThat(JSON.readTree(started.payload).get("roomId").isNull()).isTrue();
        assertThat(JSON.readTree(started.payload).get("scheduledStart").isNull())
                .isTrue();
        assertThat(JSON.readTree(started.payload).get("trigger").asText()).isEqualTo("MANUAL");
        assertThat(JSON.readTree(ended.payload).get("endedAt").asText()).isEqualTo("2026-09-01T08:45:00.123Z");
        assertThat(ended.type).isEqualTo("ClassSessionEnded");
    }

    @Test
    void aScheduledStartCarriesItsScheduledStart() throws Exception {
        var session = endedSession();
        session.trigger = SessionTrigger.SCHEDULE;
        session.scheduledStart = Instant.parse("2026-09-01T08:00:00Z");

        var started =
                new Outbox(JSON).entry(SESSIONS, session.classId, ClassSessionStarted.of(UUID.randomUUID(), session));

        assertThat(EventSchemas.validate(SESSIONS, started.payload)).isEmpty();
        assertThat(JSON.readTree(started.payload).get("scheduledStart").asText())
                .isEqualTo("2026-09-01T08:00:00Z");
        assertThat(JSON.readTree(started.payload).get("trigger").asText()).isEqualTo("SCHEDULE");
        var withoutStart = (ObjectNode) JSON.readTree(started.payload);
        withoutStart.putNull("scheduledStart");
        assertThat(EventSchemas.validate(SESSIONS, withoutStart.toString())).isNotEmpty();
        withoutStart.put("trigger", "CRON");
        assertThat(EventSchemas.validate(SESSIONS, withoutStart.toString())).isNotEmpty();
    }

    @Test
    void theSchemasRefuseBrokenEvents() {
        var session = endedSession();
        var started = JSON.valueToTree(ClassSessionStarted.of(UUID.randomUUID(), session));
        var ended =
                JSON.valueToTree(ClassSessionEnded.of(UUID.randomUUID(), session, session.endedAt, session.endReason));

        ((ObjectNode) ended).put("sessionId", "not-a-uuid");
        ((ObjectNode) started).remove("roster");

        assertThat(EventSchemas.validate(SESSIONS, ended.toString())).isNotEmpty();
        assertThat(EventSchemas.validate(SESSIONS, started.toString())).isNotEmpty();
    }

    private static String user(String type, String userId, String displayName) {
        return """
                {"eventId":"%s","type":"%s","occurredAt":"2026-09-01T08:00:00Z","tenantId":"school-1","userId":%s%s}
                """.formatted(
                UUID.randomUUID(), type, userId, displayName == null ? "" : ",\"displayName\":\"" + displayName + "\"");
    }

    private static ClassSession endedSession() {
        var session = new ClassSession();
        session.id = UUID.randomUUID().toString();
        session.tenantId = "school-1";
        session.classId = UUID.randomUUID().toString();
        session.className = "Physics";
        session.teacherId = UUID.randomUUID().toString();
        session.roster = List.of(UUID.randomUUID().toString());
        session.cameraIds = List.of("cam-front");
        session.state = SessionState.ENDED;
        session.startedAt = Instant.parse("2026-09-01T08:00:00.123Z");
        session.plannedEnd = session.startedAt.plusSeconds(2700);
        session.endedAt = session.plannedEnd;
        session.endReason = EndReason.PLANNED_END;
        session.attendanceThreshold = 75;
        session.lateGraceSeconds = 300;
        return session;
    }
}
