package io.classroom.auth.rest;

import static io.classroom.auth.TestAccounts.PASSWORD;
import static io.classroom.auth.TestAccounts.newTenantWithAdmin;
import static io.classroom.auth.TestAccounts.randomAddress;
import static io.classroom.auth.TestAccounts.randomEmail;
import static io.classroom.auth.TestAccounts.randomTenant;
import static io.classroom.auth.TestAccounts.register;
import static io.classroom.auth.TestAccounts.selfRegistration;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Login latency at the production bcrypt cost, sequential and concurrent; the times of the refusals that must not be
 * told apart (wrong password, unknown email, unknown tenant) and of every registration outcome (all 202).
 * Run with {@code -Dgroups=benchmark -DexcludedGroups=}; excluded from the normal build.
 */
@QuarkusTest
@TestProfile(LoginBenchmarkIT.ProductionCost.class)
@Tag("benchmark")
class LoginBenchmarkIT {

    private static final int SEQUENTIAL = 40;
    private static final int THREADS = 8;
    private static final int PER_THREAD = 10;

    /** The benchmark measures the production default cost, not the fast test cost. */
    public static class ProductionCost implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("auth.password.bcrypt-cost", "12");
        }
    }

    @TestHTTPResource("/api/auth/login")
    URI loginUri;

    @TestHTTPResource("/api/auth/register")
    URI registerUri;

    @ConfigProperty(name = "auth.password.bcrypt-cost")
    int cost;

    @ConfigProperty(name = "auth.password.worker-pool-size")
    int workers;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void loginLatency() throws Exception {
        var tenant = randomTenant();
        newTenantWithAdmin(tenant, randomEmail(tenant));
        var email = randomEmail(tenant);
        register(tenant, email, "STUDENT");
        for (int i = 0; i < 5; i++) {
            assertThat(login(tenant, email, PASSWORD).status).isEqualTo(200);
        }

        var sequential = new ArrayList<Long>();
        for (int i = 0; i < SEQUENTIAL; i++) {
            sequential.add(login(tenant, email, PASSWORD).nanos);
        }
        report("sequential", sequential, 0);

        // Concurrent clients are different people: attempts in flight count against their account's limit.
        var pool = Executors.newFixedThreadPool(THREADS);
        try {
            var tasks = new ArrayList<Callable<List<Long>>>();
            for (int t = 0; t < THREADS; t++) {
                var client = randomEmail(tenant);
                register(tenant, client, "STUDENT");
                tasks.add(() -> {
                    var times = new ArrayList<Long>();
                    for (int i = 0; i < PER_THREAD; i++) {
                        var result = login(tenant, client, PASSWORD);
                        assertThat(result.status).isEqualTo(200);
                        times.add(result.nanos);
                    }
                    return times;
                });
            }
            var start = System.nanoTime();
            var concurrent = new ArrayList<Long>();
            for (var future : pool.invokeAll(tasks)) {
                concurrent.addAll(future.get());
            }
            report("concurrent x" + THREADS, concurrent, System.nanoTime() - start);
        } finally {
            pool.shutdownNow();
        }

        // Wrong password (4 per account, under the lockout limit) against unknown emails.
        var wrongPassword = new ArrayList<Long>();
        var unknownEmail = new ArrayList<Long>();
        for (int account = 0; account < 5; account++) {
            var known = randomEmail(tenant);
            register(tenant, known, "STUDENT");
            for (int i = 0; i < 4; i++) {
                var wrong = login(tenant, known, "not the password");
                var unknown = login(tenant, randomEmail(tenant), "not the password");
                assertThat(wrong.status).isEqualTo(401);
                assertThat(unknown.status).isEqualTo(401);
                wrongPassword.add(wrong.nanos);
                unknownEmail.add(unknown.nanos);
            }
        }
        report("401 wrong password", wrongPassword, 0);
        report("401 unknown email", unknownEmail, 0);
        var unknownTenant = new ArrayList<Long>();
        for (int i = 0; i < 20; i++) {
            var result = login(randomTenant(), randomEmail(tenant), "not the password");
            assertThat(result.status).isEqualTo(401);
            unknownTenant.add(result.nanos);
        }
        report("401 unknown tenant", unknownTenant, 0);

        // Registration answers 202 whatever happened, and takes as long (the password is hashed in every case).
        var closed = randomTenant();
        newTenantWithAdmin(closed, randomEmail(closed));
        var open = randomTenant();
        selfRegistration(newTenantWithAdmin(open, randomEmail(open)), true);
        var created = new ArrayList<Long>();
        var taken = new ArrayList<Long>();
        var notAllowed = new ArrayList<Long>();
        var noTenant = new ArrayList<Long>();
        for (int i = 0; i < 10; i++) {
            var newcomer = randomEmail(open);
            created.add(registration(open, newcomer));
            taken.add(registration(open, newcomer));
            notAllowed.add(registration(closed, randomEmail(closed)));
            noTenant.add(registration(randomTenant(), randomEmail(open)));
        }
        report("202 register created", created, 0);
        report("202 register taken", taken, 0);
        report("202 register closed", notAllowed, 0);
        report("202 register no tenant", noTenant, 0);
    }

    private long registration(String tenant, String email) throws Exception {
        var body = "{\"tenant\":\"%s\",\"email\":\"%s\",\"password\":\"%s\",\"displayName\":\"Bench\"}"
                .formatted(tenant, email, PASSWORD);
        var request = HttpRequest.newBuilder(registerUri)
                .header("Content-Type", "application/json")
                .header("X-Forwarded-For", randomAddress())
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        var start = System.nanoTime();
        var response = http.send(request, HttpResponse.BodyHandlers.discarding());
        var nanos = System.nanoTime() - start;
        assertThat(response.statusCode()).isEqualTo(202);
        return nanos;
    }

    private record Result(int status, long nanos) {}

    private Result login(String tenant, String email, String password) throws Exception {
        var random = ThreadLocalRandom.current();
        var body = "{\"tenant\":\"%s\",\"email\":\"%s\",\"password\":\"%s\"}".formatted(tenant, email, password);
        var request = HttpRequest.newBuilder(loginUri)
                .header("Content-Type", "application/json")
                .header("X-Forwarded-For", "10.9." + random.nextInt(256) + "." + random.nextInt(1, 255))
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        var start = System.nanoTime();
        var response = http.send(request, HttpResponse.BodyHandlers.discarding());
        return new Result(response.statusCode(), System.nanoTime() - start);
    }

    private void report(String name, List<Long> nanos, long wallNanos) {
        var sorted = new ArrayList<>(nanos);
        Collections.sort(sorted);
        var throughput = wallNanos > 0 ? " throughput=%.1f/s".formatted(sorted.size() / (wallNanos / 1e9)) : "";
        System.out.printf(
                "BENCHMARK login %-20s bcrypt-cost=%d workers=%d n=%d p50=%.1fms p99=%.1fms max=%.1fms%s%n",
                name,
                cost,
                workers,
                sorted.size(),
                percentile(sorted, 50) / 1e6,
                percentile(sorted, 99) / 1e6,
                sorted.get(sorted.size() - 1) / 1e6,
                throughput);
    }

    private static double percentile(List<Long> sorted, int p) {
        var index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(index, sorted.size() - 1)));
    }
}
