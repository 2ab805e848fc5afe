package io.classroom.auth.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** Every setting of auth-service, under the {@code auth.} prefix. */
@ConfigMapping(prefix = "auth")
public interface AuthConfig {

    /** Access and refresh token settings. */
    Token token();

    /** Signing key settings. */
    Keys keys();

    /** Password hashing and policy. */
    Password password();

    /** Brute-force protection of login and registration. */
    BruteForce bruteForce();

    /** Tenant and admin created at start when absent. */
    Bootstrap bootstrap();

    /** How often the outbox relay sends what an earlier run could not (it also runs right after every commit). */
    @WithDefault("10S")
    Duration outboxRelayEvery();

    /**
     * A UserDeleted is sent again this long after the first time, a little more than the topic's {@code segment.ms}:
     * Kafka rolls a segment only on an append, and compaction (which removes the user's older records, with their
     * name and email) never touches the active segment.
     */
    @WithDefault("11S")
    Duration erasureCompactionNudge();

    /** Access and refresh token settings. */
    interface Token {
        /** The {@code iss} claim of every access token. */
        @WithDefault("urn:classroom:auth")
        String issuer();

        /** The {@code aud} claim of every access token. */
        @WithDefault("classroom-suite")
        String audience();

        /** Lifetime of an access token. */
        @WithDefault("PT15M")
        Duration accessTtl();

        /** Lifetime of a refresh token; each refresh issues a new one with a fresh lifetime. */
        @WithDefault("P14D")
        Duration refreshTtl();

        /** Clock skew tolerated when checking {@code exp} and {@code iat}. */
        @WithDefault("PT30S")
        Duration clockSkew();
    }

    /** Signing key settings. */
    interface Keys {
        /** Base64 AES key (16, 24 or 32 bytes) that encrypts private signing keys at rest (AES-GCM). */
        String encryptionKey();

        /** RSA modulus size of new signing keys. */
        @WithDefault("2048")
        int rsaBits();

        /** How often each replica reloads the key set from the database (picks up rotations by other replicas). */
        @WithDefault("60s")
        String reloadInterval();
    }

    /** Password hashing and policy. */
    interface Password {
        /** bcrypt cost (log2 of the rounds). */
        @WithDefault("12")
        int bcryptCost();

        /** Threads of the worker pool that runs bcrypt and key generation (never the event loop). */
        @WithDefault("4")
        int workerPoolSize();

        /**
         * Tasks that may wait for a crypto worker; beyond them a request answers 503 with Retry-After at once instead
         * of queueing without bound (32 waiting on 4 workers at cost 12: about two seconds).
         */
        @WithDefault("32")
        int workerQueueSize();

        /** Minimum password length in characters. */
        @WithDefault("10")
        int minLength();
    }

    /**
     * Brute-force protection of login and registration. Attempts are counted before they are checked: a login is
     * verified only while its counters are within the limits; a success clears the account's counter and takes itself
     * off the address's, so what the counters hold is failures plus attempts in flight.
     */
    interface BruteForce {
        /** Login attempts for one account (tenant, email) not followed by a success within the window before 429. */
        @WithDefault("5")
        int maxFailuresPerEmail();

        /** Login attempts from one client address not followed by a success within the window before 429. */
        @WithDefault("50")
        int maxFailuresPerAddress();

        /**
         * Registrations from one client address within the window before 429 (each one costs a bcrypt hash): room for
         * a class registering at once behind its school's NAT.
         */
        @WithDefault("60")
        int maxRegistrationsPerAddress();

        /** Window of every counter, from its first attempt; also the longest Retry-After. */
        @WithDefault("PT15M")
        Duration window();
    }

    /** Tenant and admin created at start when absent. */
    interface Bootstrap {
        /** Id of the operator tenant; its admins may create tenants and rotate keys. */
        @WithDefault("default")
        String tenantId();

        /** Display name of the operator tenant. */
        @WithDefault("Default school")
        String tenantName();

        /** Email of the bootstrap admin. */
        @WithDefault("admin@classroom.local")
        String adminEmail();

        /** Password of the bootstrap admin; without it no admin is created. */
        Optional<String> adminPassword();

        /** Display name of the bootstrap admin. */
        @WithDefault("Administrator")
        String adminDisplayName();
    }
}
