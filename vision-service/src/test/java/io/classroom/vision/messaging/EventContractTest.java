package io.classroom.vision.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import io.classroom.vision.pipeline.ImageDecoder;
import io.classroom.vision.service.SessionRosters;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.UUID;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

/** Consumer contracts against the producers' golden samples, and this module's own samples against its schemas. */
class EventContractTest {

    @Test
    void parsesEveryAuthUserSample() throws Exception {
        try (var files = Files.list(Schemas.sibling("auth-service/src/test/resources/events/auth.users.v1"))) {
            var samples = files.filter(f -> f.toString().endsWith(".json")).toList();
            assertThat(samples).isNotEmpty();
            for (var sample : samples) {
                var event = Schemas.JSON.readValue(Files.readString(sample), UserEvent.class);
                assertThat(event.eventId()).isNotNull();
                assertThat(event.tenantId()).isNotBlank();
                assertThat(event.userId()).isNotNull();
                assertThat(event.type()).isIn("UserRegistered", "UserUpdated", "UserDeleted");
            }
        }
    }

    @Test
    void parsesEverySessionSampleAndKeepsTheRoster() throws Exception {
        var rosters = new SessionRosters();
        var dir = Schemas.sibling("classroom-service/src/test/resources/events/classroom.sessions.v1");
        var started =
                Schemas.JSON.readValue(Files.readString(dir.resolve("ClassSessionStarted.json")), SessionEvent.class);
        SessionEventConsumer.apply(started, rosters);
        assertThat(rosters.roster("school-1", started.sessionId()))
                .containsExactlyInAnyOrder(
                        UUID.fromString("3f1c2a9e-5b7d-4c2e-9a61-0d2b8e4f7a10"),
                        UUID.fromString("7a2d4c6e-8f10-4b12-a314-c5d6e7f80912"));
        assertThat(rosters.roster("other-school", started.sessionId())).isNull();
        var ended = Schemas.JSON.readValue(Files.readString(dir.resolve("ClassSessionEnded.json")), SessionEvent.class);
        SessionEventConsumer.apply(ended, rosters);
        assertThat(rosters.roster("school-1", started.sessionId())).isNull();
    }

    @Test
    void parsesTheGoldenFrameHeadersAndImage() throws Exception {
        var dir = Schemas.sibling("camera-ingest-service/src/test/resources/events/ingest.frames.v1");
        var golden = Schemas.readTree(dir.resolve("Frame.headers.json"));
        var headers = new RecordHeaders();
        golden.fields()
                .forEachRemaining(
                        e -> headers.add(e.getKey(), e.getValue().asText().getBytes(StandardCharsets.UTF_8)));
        var parsed = FrameHeaders.parse(headers);
        assertThat(parsed.sourceId()).isEqualTo("cam-front");
        assertThat(parsed.sessionId()).isNotNull();
        assertThat(parsed.userId()).isNull();
        assertThat(parsed.contentType()).isEqualTo("image/jpeg");
        var image = new ImageDecoder(16_777_216, 8192).decode(Files.readAllBytes(dir.resolve("Frame.jpg")));
        assertThat(image.cols()).isEqualTo(parsed.width());
        assertThat(image.rows()).isEqualTo(parsed.height());
    }

    @Test
    void ownSamplesMatchOwnSchemas() throws Exception {
        for (var name : new String[] {"FaceEnrolled", "FaceDeleted"}) {
            var sample = Files.readString(
                    java.nio.file.Path.of("src/test/resources/events/vision.faces.v1/" + name + ".json"));
            Schemas.assertValid("events/vision.faces.v1/" + name + ".schema.json", sample);
            var event = Schemas.JSON.readValue(sample, FaceSetEvent.class);
            Schemas.assertValid(
                    "events/vision.faces.v1/" + name + ".schema.json", Schemas.JSON.writeValueAsString(event));
        }
        Schemas.assertValid(
                "events/vision.observations.v1/FrameAnalyzed.schema.json",
                Files.readString(
                        java.nio.file.Path.of("src/test/resources/events/vision.observations.v1/FrameAnalyzed.json")));
    }
}
