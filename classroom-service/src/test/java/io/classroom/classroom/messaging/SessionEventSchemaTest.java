package io.classroom.classroom.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.classroom.classroom.ClassSession;
import io.classroom.classroom.EndReason;
import io.classroom.classroom.SessionState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The golden samples and the events this service builds both satisfy the published schemas. */
class SessionEventSchemaTest {

    private static final Path SAMPLES = Path.of("src/test/resources/events/classroom.sessions.v1");
    private final ObjectMapper mapper = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    @Test
    void goldenSamplesMatchTheirSchemas() throws Exception {
        try (var files = Files.list(SAMPLES)) {
            var samples = files.filter(p -> p.toString().endsWith(".json")).toList();
            assertThat(samples).hasSize(2);
            for (var sample : samples) {
                var json = mapper.readTree(sample.toFile());
                assertThat(EventSchemas.validate(json.get("type").asText(), json))
                        .as(sample.toString())
                        .isEmpty();
            }
        }
    }

    @Test
    void builtEventsMatchTheSchemasAndTheValidatorRejectsBrokenOnes() {
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
        session.startEventId = UUID.randomUUID().toString();
        session.endEventId = UUID.randomUUID().toString();

        var started = mapper.valueToTree(ClassSessionStarted.of(session));
        var ended = mapper.valueToTree(ClassSessionEnded.of(session));
        assertThat(EventSchemas.validate("ClassSessionStarted", started)).isEmpty();
        assertThat(EventSchemas.validate("ClassSessionEnded", ended)).isEmpty();
        assertThat(started.get("roomId").isNull()).isTrue();

        ((ObjectNode) ended).put("sessionId", "not-a-uuid");
        ((ObjectNode) started).remove("roster");
        assertThat(EventSchemas.validate("ClassSessionEnded", ended)).isNotEmpty();
        assertThat(EventSchemas.validate("ClassSessionStarted", started)).isNotEmpty();
    }
}
