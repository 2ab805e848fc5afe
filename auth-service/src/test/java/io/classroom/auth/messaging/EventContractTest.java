package io.classroom.auth.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.classroom.auth.Role;
import io.classroom.auth.UserAccount;
import io.classroom.auth.messaging.UserEvent.UserDeleted;
import io.classroom.auth.messaging.UserEvent.UserRegistered;
import io.classroom.auth.messaging.UserEvent.UserUpdated;
import io.classroom.testing.EventSchemas;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Producer contract of auth.users.v1: the golden samples consumers read and the events this service emits (serialised
 * as the outbox does, by Jackson with ISO-8601 instants) match the JSON Schemas.
 */
class EventContractTest {

    private static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    @Test
    void ourSamplesMatchOurSchemas() {
        var samples = EventSchemas.goldenSamples("auth-service", UserEvent.TOPIC);
        assertThat(samples).hasSize(3);
        for (String sample : samples) {
            assertThat(EventSchemas.validate(UserEvent.TOPIC, sample))
                    .as(sample)
                    .isEmpty();
        }
    }

    @Test
    void emittedEventsMatchTheSchemas() throws Exception {
        var user = new UserAccount();
        user.id = UUID.randomUUID();
        user.tenantId = "school-1";
        user.email = "Ada@school-1.example";
        user.displayName = "Ada Lovelace";
        user.roles = EnumSet.of(Role.TEACHER, Role.ADMIN);
        user.disabled = true;
        user.createdAt = Instant.parse("2026-09-01T08:00:00Z");
        user.updatedAt = user.createdAt;

        List<UserEvent> events = List.of(UserRegistered.of(user), UserUpdated.of(user), UserDeleted.of(user));
        for (var event : events) {
            String json = JSON.writeValueAsString(event);
            assertThat(EventSchemas.validate(UserEvent.TOPIC, json)).as(json).isEmpty();
            var read = JSON.readTree(json);
            assertThat(read.get("type").asText()).isEqualTo(event.type());
            assertThat(read.get("userId").asText()).isEqualTo(user.id.toString());
            assertThat(read.has("TOPIC")).isFalse();
        }
        assertThat(JSON.readTree(JSON.writeValueAsString(UserUpdated.of(user)))
                        .get("roles")
                        .toString())
                .isEqualTo("[\"ADMIN\",\"TEACHER\"]");
    }
}
