package io.classroom.classroom.messaging;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.classroom.classroom.service.UserDirectoryService;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Consumes {@code auth.users.v1}. The returned Uni completes once the effect is stored, so the offset is committed
 * only then; a message that cannot be parsed fails and goes to the dead-letter topic.
 */
@ApplicationScoped
public class AuthUsersConsumer {

    private static final int STORE_ATTEMPTS = 5;

    private final ObjectMapper mapper;
    private final UserDirectoryService users;

    public AuthUsersConsumer(ObjectMapper mapper, UserDirectoryService users) {
        this.mapper = mapper;
        this.users = users;
    }

    @Incoming("auth-users")
    public Uni<Void> consume(String payload) {
        AuthUserEvent event;
        try {
            event = mapper.readValue(payload, AuthUserEvent.class);
        } catch (JsonProcessingException e) {
            return Uni.createFrom().failure(new IllegalArgumentException("unreadable auth.users.v1 message", e));
        }
        if (!event.isComplete()) {
            return Uni.createFrom().failure(new IllegalArgumentException("auth.users.v1 message lacks its envelope"));
        }
        // Store failures are retried here; only what still fails after that is dead-lettered.
        return users.apply(event)
                .onFailure()
                .retry()
                .withBackOff(Duration.ofMillis(200), Duration.ofSeconds(5))
                .atMost(STORE_ATTEMPTS);
    }
}
