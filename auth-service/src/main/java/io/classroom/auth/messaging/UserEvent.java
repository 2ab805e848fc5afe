package io.classroom.auth.messaging;

import io.classroom.auth.Role;
import io.classroom.auth.UserAccount;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

/** Events of {@code auth.users.v1}: flat envelope (eventId, type, occurredAt, tenantId) plus payload, key = userId. */
public sealed interface UserEvent extends Event {

    String TOPIC = "auth.users.v1";

    String DELETED = "UserDeleted";

    Instant occurredAt();

    String tenantId();

    UUID userId();

    /** A new account. */
    record UserRegistered(
            UUID eventId,
            String type,
            Instant occurredAt,
            String tenantId,
            UUID userId,
            String email,
            String displayName,
            List<Role> roles)
            implements UserEvent {

        public static UserRegistered of(UserAccount user) {
            return new UserRegistered(
                    UUID.randomUUID(),
                    "UserRegistered",
                    now(),
                    user.tenantId,
                    user.id,
                    user.email,
                    user.displayName,
                    user.roles.stream().sorted().toList());
        }
    }

    /** Display name, roles or the disabled flag changed. */
    record UserUpdated(
            UUID eventId,
            String type,
            Instant occurredAt,
            String tenantId,
            UUID userId,
            String email,
            String displayName,
            List<Role> roles,
            boolean disabled)
            implements UserEvent {

        public static UserUpdated of(UserAccount user) {
            return new UserUpdated(
                    UUID.randomUUID(),
                    "UserUpdated",
                    now(),
                    user.tenantId,
                    user.id,
                    user.email,
                    user.displayName,
                    user.roles.stream().sorted().toList(),
                    user.disabled);
        }
    }

    /** The account was erased: every service erases or anonymises the user's data. */
    record UserDeleted(UUID eventId, String type, Instant occurredAt, String tenantId, UUID userId)
            implements UserEvent {

        public static UserDeleted of(UserAccount user) {
            return new UserDeleted(UUID.randomUUID(), DELETED, now(), user.tenantId, user.id);
        }
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }
}
