package io.classroom.classroom.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** auth-service's golden auth.users.v1 samples parse into this service's own record with what it needs. */
class AuthUsersContractTest {

    private static final Path SAMPLES = Path.of("../auth-service/src/test/resources/events/auth.users.v1");
    private final ObjectMapper mapper = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

    @Test
    void everyGoldenSampleParses() throws Exception {
        try (var files = Files.list(SAMPLES)) {
            var events = files.filter(p -> p.toString().endsWith(".json"))
                    .map(p -> {
                        try {
                            return mapper.readValue(p.toFile(), AuthUserEvent.class);
                        } catch (Exception e) {
                            throw new AssertionError("cannot parse " + p, e);
                        }
                    })
                    .toList();

            assertThat(events.stream().map(AuthUserEvent::type).collect(Collectors.toSet()))
                    .isEqualTo(Set.of(AuthUserEvent.REGISTERED, AuthUserEvent.UPDATED, AuthUserEvent.DELETED));
            for (var event : events) {
                assertThat(event.isComplete()).as(event.type()).isTrue();
                if (!event.type().equals(AuthUserEvent.DELETED)) {
                    assertThat(event.displayName()).as(event.type()).isNotBlank();
                }
            }
        }
    }
}
