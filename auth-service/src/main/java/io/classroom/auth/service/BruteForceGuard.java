package io.classroom.auth.service;

import io.classroom.auth.UserAccount;
import io.classroom.auth.config.AuthConfig;
import io.classroom.auth.error.Problems;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.keys.ReactiveKeyCommands;
import io.quarkus.redis.datasource.value.ReactiveValueCommands;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Failed-login counters in Redis, per (tenant, email) and per client address, each expiring one window after its
 * first failure. At the limit, logins answer 429 with {@code Retry-After} (the counter's remaining time). Emails are
 * hashed in the keys so Redis holds no addresses.
 */
@ApplicationScoped
public class BruteForceGuard {

    private final ReactiveValueCommands<String, Long> counters;
    private final ReactiveKeyCommands<String> keys;
    private final AuthConfig.BruteForce config;

    BruteForceGuard(ReactiveRedisDataSource redis, AuthConfig config) {
        this.counters = redis.value(Long.class);
        this.keys = redis.key();
        this.config = config.bruteForce();
    }

    /** Fails with 429 when either counter has reached its limit. */
    public Uni<Void> checkAllowed(String tenantId, String email, String address) {
        var emailKey = emailKey(tenantId, email);
        var addressKey = addressKey(address);
        return counters.mget(emailKey, addressKey).chain(values -> {
            if (reached(values.get(emailKey), config.maxFailuresPerEmail())) {
                return tooMany(emailKey);
            }
            if (reached(values.get(addressKey), config.maxFailuresPerAddress())) {
                return tooMany(addressKey);
            }
            return Uni.createFrom().voidItem();
        });
    }

    public Uni<Void> recordFailure(String tenantId, String email, String address) {
        return increment(emailKey(tenantId, email)).chain(() -> increment(addressKey(address)));
    }

    /** A successful login clears the email's counter (not the address's: one address may try many emails). */
    public Uni<Void> recordSuccess(String tenantId, String email) {
        return keys.del(emailKey(tenantId, email)).replaceWithVoid();
    }

    private Uni<Void> increment(String key) {
        return counters.incr(key)
                .chain(count -> count == 1
                        ? keys.expire(key, config.window()).replaceWithVoid()
                        : Uni.createFrom().voidItem());
    }

    private Uni<Void> tooMany(String key) {
        return keys.ttl(key).chain(ttl -> {
            var retryAfter = ttl > 0 ? ttl : config.window().toSeconds();
            return Uni.createFrom().failure(Problems.tooManyLoginFailures(retryAfter));
        });
    }

    private static boolean reached(Long count, int limit) {
        return count != null && count >= limit;
    }

    private static String emailKey(String tenantId, String email) {
        return "auth:login-failures:email:" + TokenHashes.sha256(tenantId + "\n" + UserAccount.normalise(email));
    }

    private static String addressKey(String address) {
        return "auth:login-failures:address:" + address;
    }
}
