package io.classroom.auth.rest;

import static io.classroom.auth.TestAccounts.PASSWORD;
import static io.classroom.auth.TestAccounts.client;
import static io.classroom.auth.TestAccounts.newTenantWithAdmin;
import static io.classroom.auth.TestAccounts.randomAddress;
import static io.classroom.auth.TestAccounts.randomEmail;
import static io.classroom.auth.TestAccounts.randomTenant;
import static io.classroom.auth.TestAccounts.register;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Attempts are counted before they are checked: parallel guesses cannot all slip past a check made before any of them
 * was counted. Each test sends 100 wrong passwords at once and counts what was verified (401) against what was refused
 * without a password check (429).
 */
@QuarkusTest
class LoginThrottlingIT {

    private static final int PARALLEL = 100;
    private static final int PER_ACCOUNT = 5;
    private static final int PER_ADDRESS = 50;

    @TestHTTPResource("/api/auth/login")
    URI loginUri;

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(30))
            .build();

    @Test
    void oneHundredParallelGuessesAtOneAccountVerifyAtMostItsLimit() {
        var tenant = randomTenant();
        newTenantWithAdmin(tenant, randomEmail(tenant));
        var email = randomEmail(tenant);
        register(tenant, email, "STUDENT");

        // Each guess from its own address: only the account's counter can stop them.
        var statuses = inParallel(i -> request(tenant, email, "wrong guess " + i, randomAddress()));

        assertThat(statuses).as("401 verified, 429 refused unverified").containsOnlyKeys(401, 429);
        assertThat(statuses.get(401)).as(statuses.toString()).isEqualTo(PER_ACCOUNT);
        assertThat(statuses.get(429)).as(statuses.toString()).isEqualTo(PARALLEL - PER_ACCOUNT);
        // The account stays locked for the window, even for the right password.
        client().body(Map.of("tenant", tenant, "email", email, "password", PASSWORD))
                .post("/api/auth/login")
                .then()
                .statusCode(429)
                .header("Retry-After", notNullValue())
                .contentType("application/problem+json")
                .body("type", equalTo("urn:classroom:problem:too-many-login-failures"));
    }

    @Test
    void oneHundredParallelGuessesFromOneAddressVerifyAtMostItsLimit() {
        var tenant = randomTenant();
        newTenantWithAdmin(tenant, randomEmail(tenant));
        var address = randomAddress();

        // Each guess at its own (unknown) account: only the address's counter can stop them.
        var statuses = inParallel(i -> request(tenant, randomEmail(tenant), "wrong guess", address));

        // Beyond the crypto pool's queue a check is refused with 503 rather than waiting: not verified either.
        assertThat(statuses.keySet()).as("401 verified, 429 and 503 refused").isSubsetOf(401, 429, 503);
        var verified = statuses.getOrDefault(401, 0L);
        var busy = statuses.getOrDefault(503, 0L);
        var refused = statuses.getOrDefault(429, 0L);
        assertThat(verified + busy).as(statuses.toString()).isLessThanOrEqualTo(PER_ADDRESS);
        assertThat(refused).as(statuses.toString()).isGreaterThanOrEqualTo(PARALLEL - PER_ADDRESS);
    }

    private Map<Integer, Long> inParallel(Function<Integer, HttpRequest> request) {
        var responses = new ArrayList<CompletableFuture<HttpResponse<String>>>();
        for (int i = 0; i < PARALLEL; i++) {
            responses.add(http.sendAsync(request.apply(i), HttpResponse.BodyHandlers.ofString()));
        }
        return responses.stream()
                .map(CompletableFuture::join)
                .peek(response -> assertThat(response.headers().firstValue("Content-Type"))
                        .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json")))
                .collect(Collectors.groupingBy(HttpResponse::statusCode, Collectors.counting()));
    }

    private HttpRequest request(String tenant, String email, String password, String address) {
        var body = "{\"tenant\":\"%s\",\"email\":\"%s\",\"password\":\"%s\"}".formatted(tenant, email, password);
        return HttpRequest.newBuilder(loginUri)
                .timeout(Duration.ofSeconds(120))
                .header("Content-Type", "application/json")
                .header("X-Forwarded-For", address)
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
    }
}
