package io.classroom.tracking.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.classroom.tracking.AttendanceRecord;
import io.classroom.tracking.AttendanceStatus;
import io.classroom.tracking.PersonalSession;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Consumer contracts against the producers' golden samples, and our own events against our schemas. */
class EventContractTest {

    private static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    private final SimpleMeterRegistry metrics = new SimpleMeterRegistry();
    private final MessageParser parser = new MessageParser(JSON, metrics);

    private static List<String> samples(String producer, String topic) throws IOException {
        try (Stream<Path> files = Files.list(Path.of("..", producer, "src/test/resources/events", topic))) {
            return files.filter(f -> f.toString().endsWith(".json"))
                    .sorted()
                    .map(f -> {
                        try {
                            return Files.readString(f);
                        } catch (IOException e) {
                            throw new IllegalStateException(e);
                        }
                    })
                    .toList();
        }
    }

    @Test
    void parsesEveryClassSessionSample() throws IOException {
        var events = samples("classroom-service", "classroom.sessions.v1").stream()
                .map(parser::classSessionEvent)
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
    void parsesEveryObservationSample() throws IOException {
        var frames = samples("vision-service", "vision.observations.v1").stream()
                .map(parser::frameAnalyzed)
                .toList();

        assertThat(frames).isNotEmpty();
        var frame = frames.get(0);
        assertThat(frame.frameId()).isNotBlank();
        assertThat(frame.capturedAt()).isNotNull();
        assertThat(frame.faces()).hasSize(2);
        assertThat(frame.faces().get(0).identity().userId()).isEqualTo("3f1c2a9e-5b7d-4c2e-9a61-0d2b8e4f7a10");
        assertThat(frame.faces().get(0).attentive()).isTrue();
        assertThat(frame.faces().get(0).gaze().horizontalRatio()).isEqualTo(0.51);
        assertThat(frame.faces().get(1).identity()).isNull();
    }

    @Test
    void parsesEveryUserSample() throws IOException {
        var events = samples("auth-service", "auth.users.v1").stream()
                .map(parser::userEvent)
                .toList();

        assertThat(events).extracting(UserEvent::type).contains(UserEvent.DELETED);
        assertThat(events).allSatisfy(e -> assertThat(e.userId()).isNotBlank());
    }

    @Test
    void malformedMessagesAreRejectedWithAReasonAndCounted() {
        assertThatThrownBy(() -> parser.frameAnalyzed("{not json"))
                .isInstanceOf(MalformedMessageException.class)
                .hasMessageContaining("FrameAnalyzed");
        assertThatThrownBy(() -> parser.frameAnalyzed("{\"tenantId\":\"t\"}"))
                .isInstanceOf(MalformedMessageException.class)
                .hasMessageContaining("frameId");
        assertThatThrownBy(() -> parser.classSessionEvent(
                        "{\"type\":\"ClassSessionEnded\",\"tenantId\":\"t\",\"sessionId\":\"nope\"}"))
                .hasMessageContaining("sessionId");

        assertThat(metrics.counter("tracking.messages.dead.lettered", "topic", "vision.observations.v1")
                        .count())
                .isEqualTo(2);
    }

    @Test
    void ourSamplesMatchOurSchemas() throws IOException {
        for (String topic : List.of("tracking.attendance.v1", "tracking.activity.v1")) {
            for (String sample : samples("tracking-service", topic)) {
                assertThat(SchemaValidation.validate(topic, sample)).as(sample).isEmpty();
            }
        }
    }

    @Test
    void emittedAttendanceEventsMatchTheSchema() throws IOException {
        var record = new AttendanceRecord();
        record.eventId = UUID.randomUUID();
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

        String json = JSON.writeValueAsString(AttendanceEvent.finalized(record, Instant.now()));

        assertThat(SchemaValidation.validate("tracking.attendance.v1", json)).isEmpty();
    }

    @Test
    void emittedActivityEventsMatchTheSchema() throws IOException {
        var publisher = new ActivityPublisher(null, JSON, metrics);
        var session = new PersonalSession();
        session.id = UUID.randomUUID();
        session.tenantId = "school-1";
        session.userId = UUID.randomUUID();
        session.title = "Homework";
        session.startedAt = Instant.parse("2026-09-05T14:00:00Z");
        session.activitySource = "INFERRED";
        var at = Instant.parse("2026-09-05T15:00:00Z");

        for (String step : List.of("Started", "Paused", "Resumed", "Ended")) {
            var event = publisher.event(step, session, at, Map.of("READING", 60L));
            assertThat(SchemaValidation.validate("tracking.activity.v1", JSON.writeValueAsString(event)))
                    .as(step)
                    .isEmpty();
        }
    }
}
