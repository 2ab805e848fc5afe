package io.classroom.auth.service;

import io.classroom.auth.UserAccount;
import io.classroom.auth.config.AuthConfig;
import io.classroom.auth.error.Problems;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Response;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.function.LongFunction;

/**
 * Attempt counters in Redis that are counted BEFORE the attempt is checked: one Lua script increments every counter
 * of the attempt atomically and reads their remaining time, and only an attempt within every limit goes on to
 * bcrypt. So parallel guesses cannot all pass a check made before any of them was counted: with a limit of 5, 100
 * simultaneous logins to one account verify 5 passwords and answer 429 to the rest. Each counter expires one window
 * after its first attempt; 429 carries {@code Retry-After} = the remaining time of the counter that is over. Login
 * counts per account (tenant + normalised email, hashed so Redis holds no addresses) and per client address;
 * registration per client address.
 */
@ApplicationScoped
public class BruteForceGuard {

    /**
     * KEYS: the counters; ARGV[1]: the window in ms. Returns per key its count after this attempt and its remaining
     * ms. A counter without an expiry (e.g. left by a crash of an older version between INCR and EXPIRE) gets one.
     */
    private static final String COUNT = """
            local result = {}
            for i, key in ipairs(KEYS) do
              local count = redis.call('INCR', key)
              local ttl = redis.call('PTTL', key)
              if ttl < 0 then
                redis.call('PEXPIRE', key, ARGV[1])
                ttl = tonumber(ARGV[1])
              end
              result[2 * i - 1] = count
              result[2 * i] = ttl
            end
            return result""";

    /** A successful login: KEYS[1] the account's counter (cleared), KEYS[2] the address's (this attempt removed). */
    private static final String SUCCEEDED = """
            redis.call('DEL', KEYS[1])
            if tonumber(redis.call('GET', KEYS[2]) or '0') > 0 then
              redis.call('DECR', KEYS[2])
            end
            return 0""";

    private final ReactiveRedisDataSource redis;
    private final AuthConfig.BruteForce config;

    BruteForceGuard(ReactiveRedisDataSource redis, AuthConfig config) {
        this.redis = redis;
        this.config = config.bruteForce();
    }

    /** Counts a login attempt; fails with 429 (nothing to verify) when the account or the address is over. */
    public Uni<Void> countLogin(String tenantId, String email, String address) {
        return count(
                Problems::tooManyLoginFailures,
                new String[] {accountKey(tenantId, email), loginAddressKey(address)},
                new int[] {config.maxFailuresPerEmail(), config.maxFailuresPerAddress()});
    }

    /** A successful login clears the account's counter and takes itself off the address's. */
    public Uni<Void> loginSucceeded(String tenantId, String email, String address) {
        return redis.execute("EVAL", SUCCEEDED, "2", accountKey(tenantId, email), loginAddressKey(address))
                .replaceWithVoid();
    }

    /** Counts a registration; fails with 429 when the address is over its limit. */
    public Uni<Void> countRegistration(String address) {
        return count(Problems::tooManyRegistrations, new String[] {"auth:registrations:address:" + address}, new int[] {
            config.maxRegistrationsPerAddress()
        });
    }

    private Uni<Void> count(LongFunction<RuntimeException> refusal, String[] keys, int[] limits) {
        var args = new String[keys.length + 3];
        args[0] = COUNT;
        args[1] = Integer.toString(keys.length);
        System.arraycopy(keys, 0, args, 2, keys.length);
        args[args.length - 1] = Long.toString(config.window().toMillis());
        return redis.execute("EVAL", args).chain(counts -> {
            var retryAfterMillis = retryAfterMillis(counts, limits);
            return retryAfterMillis < 0
                    ? Uni.createFrom().voidItem()
                    : Uni.createFrom().failure(refusal.apply(Math.max(1, (retryAfterMillis + 999) / 1000)));
        });
    }

    /** The longest remaining time among the counters over their limit; -1 when none is. */
    private static long retryAfterMillis(Response counts, int[] limits) {
        long retryAfter = -1;
        for (int i = 0; i < limits.length; i++) {
            if (counts.get(2 * i).toLong() > limits[i]) {
                retryAfter = Math.max(retryAfter, counts.get(2 * i + 1).toLong());
            }
        }
        return retryAfter;
    }

    private static String accountKey(String tenantId, String email) {
        return "auth:login-failures:email:" + TokenHashes.sha256(tenantId + "\n" + UserAccount.normalise(email));
    }

    private static String loginAddressKey(String address) {
        return "auth:login-failures:address:" + address;
    }
}
