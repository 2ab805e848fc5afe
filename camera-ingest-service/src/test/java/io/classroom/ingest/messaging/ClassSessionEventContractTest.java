package io.classroom.ingest.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Every golden sample of classroom-service's classroom.sessions.v1 parses into this service's record. */
class ClassSessionEventContractTest {

    private static final Path SAMPLES = Path.of("../classroom-service/src/test/resources/events/classroom.sessions.v1");

    private final ObjectMapper mapper = new ObjectMapper().registerModule(new JavaTimeModule());

    @Test
    void parsesEveryGoldenSample() throws IOException {
        try (var files = Files.list(SAMPLES)) {
            var samples = files.filter(p -> p.toString().endsWith(".json")).toList();
            assertThat(samples).isNotEmpty();
            for (var sample : samples) {
                var event = mapper.readValue(sample.toFile(), ClassSessionEvent.class);
                assertThat(event.eventId()).isNotBlank();
                assertThat(event.tenantId()).isNotBlank();
                assertThat(event.sessionId()).isNotBlank();
                assertThat(event.type()).isIn(ClassSessionEvent.STARTED, ClassSessionEvent.ENDED);
                if (event.type().equals(ClassSessionEvent.STARTED)) {
                    assertThat(event.roster()).isNotEmpty();
                    assertThat(event.cameraIds()).isNotNull();
                    assertThat(event.plannedEnd()).isNotNull();
                } else {
                    assertThat(event.endedAt()).isNotNull();
                }
            }
        }
    }
}
