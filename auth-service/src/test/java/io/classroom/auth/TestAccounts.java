package io.classroom.auth;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/** Drives the public API the way clients do: fresh tenants, accounts and logins for every test. */
public final class TestAccounts {

    public static final String OPERATOR_TENANT = "default";
    public static final String OPERATOR_EMAIL = "admin@classroom.local";
    public static final String OPERATOR_PASSWORD = "admin-dev-password";
    public static final String PASSWORD = "correct horse battery";

    private TestAccounts() {}

    /** A request from a random client address, so address counters of earlier runs never interfere. */
    public static RequestSpecification client() {
        var random = ThreadLocalRandom.current();
        var address = "10." + random.nextInt(256) + "." + random.nextInt(256) + "." + random.nextInt(1, 255);
        return given().contentType(ContentType.JSON).header("X-Forwarded-For", address);
    }

    public static String randomTenant() {
        return "t-" + UUID.randomUUID().toString().substring(0, 12);
    }

    public static String randomEmail(String tenant) {
        return "u-" + UUID.randomUUID().toString().substring(0, 8) + "@" + tenant + ".example";
    }

    public static String operatorToken() {
        return login(OPERATOR_TENANT, OPERATOR_EMAIL, OPERATOR_PASSWORD).get("accessToken");
    }

    /** A new tenant; returns its admin's access token. */
    public static String newTenantWithAdmin(String tenant, String adminEmail) {
        client().auth()
                .oauth2(operatorToken())
                .body(Map.of(
                        "id",
                        tenant,
                        "name",
                        "Test school " + tenant,
                        "admin",
                        Map.of("email", adminEmail, "password", PASSWORD, "displayName", "Admin " + tenant)))
                .post("/api/auth/tenants")
                .then()
                .statusCode(201);
        return login(tenant, adminEmail, PASSWORD).get("accessToken");
    }

    /** Registers a STUDENT or TEACHER and returns its id. */
    public static String register(String tenant, String email, String role) {
        return client().body(Map.of(
                        "tenant",
                        tenant,
                        "email",
                        email,
                        "password",
                        PASSWORD,
                        "displayName",
                        "User " + email,
                        "role",
                        role))
                .post("/api/auth/register")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
    }

    public static Map<String, String> login(String tenant, String email, String password) {
        var response = client().body(Map.of("tenant", tenant, "email", email, "password", password))
                .post("/api/auth/login")
                .then()
                .statusCode(200)
                .extract();
        return Map.of("accessToken", response.path("accessToken"), "refreshToken", response.path("refreshToken"));
    }

    public static String accessToken(String tenant, String email) {
        return login(tenant, email, PASSWORD).get("accessToken");
    }
}
