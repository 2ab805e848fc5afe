package io.classroom.analytics.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import io.classroom.analytics.messaging.Events.ActivityEvent;
import io.classroom.analytics.messaging.Events.AttendanceEvent;
import io.classroom.analytics.messaging.Events.ClassSessionEvent;
import io.classroom.analytics.messaging.Events.FrameAnalyzed;
import io.classroom.analytics.messaging.Events.UserEvent;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every golden sample of the producers parses into this consumer's records, with the fields it relies on. */
class EventContractTest {

    static List<String> samples(String producer, String topic) throws IOException {
        Path dir = Path.of("..", producer + "-service", "src", "test", "resources", "events", topic);
        try (Stream<Path> files = Files.list(dir)) {
            List<String> jsons = files.filter(f -> f.toString().endsWith(".json"))
                    .sorted()
                    .map(f -> {
                        try {
                            return Files.readString(f);
                        } catch (IOException e) {
                            throw new IllegalStateException(e);
                        }
                    })
                    .toList();
            assertThat(jsons).as("samples in " + dir).isNotEmpty();
            return jsons;
        }
    }

    @Test
    void classSessions() throws IOException {
        for (String json : samples("classroom", "classroom.sessions.v1")) {
            var event = EventParser.parse(json, ClassSessionEvent.class);
            assertThat(event.eventId()).isNotBlank();
            assertThat(event.tenantId()).isNotBlank();
            assertThat(event.sessionId()).isNotBlank();
            assertThat(event.classId()).isNotBlank();
            assertThat(event.startedAt()).isNotNull();
            assertThat(event.type()).isIn("ClassSessionStarted", "ClassSessionEnded");
            if (event.type().equals("ClassSessionStarted")) {
                assertThat(event.teacherId()).isNotBlank();
                assertThat(event.roster()).isNotEmpty();
                assertThat(event.cameraIds()).isNotEmpty();
            } else {
                assertThat(event.endedAt()).isAfter(event.startedAt());
            }
        }
    }

    @Test
    void observations() throws IOException {
        for (String json : samples("vision", "vision.observations.v1")) {
            var event = EventParser.parse(json, FrameAnalyzed.class);
            assertThat(event.type()).isEqualTo("FrameAnalyzed");
            assertThat(event.frameId()).isNotBlank();
            assertThat(event.sourceId()).isNotBlank();
            assertThat(event.capturedAt()).isNotNull();
            assertThat(event.faces()).isNotEmpty().allSatisfy(face -> {
                assertThat(face.box()).isNotNull();
                assertThat(face.box().width()).isPositive();
            });
            assertThat(event.faces())
                    .anySatisfy(face -> assertThat(face.identity().userId()).isNotBlank());
        }
    }

    @Test
    void attendance() throws IOException {
        for (String json : samples("tracking", "tracking.attendance.v1")) {
            var event = EventParser.parse(json, AttendanceEvent.class);
            assertThat(event.type()).isIn("AttendanceUpdated", "AttendanceFinalized");
            assertThat(event.sessionId()).isNotBlank();
            assertThat(event.classId()).isNotBlank();
            assertThat(event.userId()).isNotBlank();
            assertThat(event.status()).isNotBlank();
            assertThat(event.occurredAt()).isNotNull();
            assertThat(event.sessionStartedAt()).isNotNull();
        }
    }

    @Test
    void activity() throws IOException {
        for (String json : samples("tracking", "tracking.activity.v1")) {
            var event = EventParser.parse(json, ActivityEvent.class);
            assertThat(event.type()).startsWith("PersonalSession");
            assertThat(event.sessionId()).isNotBlank();
            assertThat(event.userId()).isNotBlank();
            assertThat(event.at()).isNotNull();
            if (event.type().equals("PersonalSessionEnded")) {
                assertThat(event.startedAt()).isNotNull();
                assertThat(event.activeSeconds()).isPositive();
                assertThat(event.activities()).isNotEmpty();
            }
        }
    }

    @Test
    void users() throws IOException {
        for (String json : samples("auth", "auth.users.v1")) {
            var event = EventParser.parse(json, UserEvent.class);
            assertThat(event.type()).isIn("UserRegistered", "UserUpdated", "UserDeleted");
            assertThat(event.userId()).isNotBlank();
            assertThat(event.tenantId()).isNotBlank();
            if (!event.type().equals("UserDeleted")) {
                assertThat(event.displayName()).isNotBlank();
            }
        }
    }
}
