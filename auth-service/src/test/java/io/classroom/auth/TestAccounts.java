package io.classroom.auth;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Drives the public API the way clients do: fresh tenants, accounts and logins for every test. Accounts join as a
 * school's do: the tenant's admin invites them, they register with the code.
 */
public final class TestAccounts {

    public static final String OPERATOR_TENANT = "default";
    public static final String OPERATOR_EMAIL = "admin@classroom.local";
    public static final String OPERATOR_PASSWORD = "admin-dev-password";
    public static final String PASSWORD = "correct horse battery";

    /** The admin token of each tenant made by {@link #newTenantWithAdmin}, so that {@link #register} can invite. */
    private static final Map<String, String> ADMINS = new ConcurrentHashMap<>();

    private TestAccounts() {}

    /** A request from a random client address, so address counters of earlier runs never interfere. */
    public static RequestSpecification client() {
        return given().contentType(ContentType.JSON).header("X-Forwarded-For", randomAddress());
    }

    public static String randomAddress() {
        var random = ThreadLocalRandom.current();
        return "10." + random.nextInt(256) + "." + random.nextInt(256) + "." + random.nextInt(1, 255);
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
        var token = login(tenant, adminEmail, PASSWORD).get("accessToken");
        ADMINS.put(tenant, token);
        return token;
    }

    /** An account of a tenant made by {@link #newTenantWithAdmin}, through its admin's invitation; returns its id. */
    public static String register(String tenant, String email, String role) {
        var admin = ADMINS.get(tenant);
        if (admin == null) {
            throw new IllegalStateException("no admin known for tenant " + tenant + ": use newTenantWithAdmin");
        }
        return register(admin, tenant, email, role);
    }

    /** The admin invites, the person registers with the code; returns the new account's id. */
    public static String register(String adminToken, String tenant, String email, String role) {
        var code = invite(adminToken, email, role);
        client().body(registration(tenant, email, PASSWORD, Map.of("invitationCode", code)))
                .post("/api/auth/register")
                .then()
                .statusCode(202);
        return userId(adminToken, email);
    }

    /** An invitation of the admin's tenant; returns its code. */
    public static String invite(String adminToken, String email, String role) {
        return given().auth()
                .oauth2(adminToken)
                .contentType(ContentType.JSON)
                .body(Map.of("email", email, "role", role))
                .post("/api/auth/invitations")
                .then()
                .statusCode(201)
                .extract()
                .path("code");
    }

    /** Turns self-registration of the admin's tenant on or off. */
    public static void selfRegistration(String adminToken, boolean allowed) {
        given().auth()
                .oauth2(adminToken)
                .contentType(ContentType.JSON)
                .body(Map.of("selfRegistration", allowed))
                .put("/api/auth/tenants/current/settings")
                .then()
                .statusCode(200);
    }

    /** A registration body; {@code extra} adds or replaces fields. */
    public static Map<String, Object> registration(
            String tenant, String email, String password, Map<String, Object> extra) {
        var body = new HashMap<String, Object>(
                Map.of("tenant", tenant, "email", email, "password", password, "displayName", "User " + email));
        body.putAll(extra);
        return body;
    }

    /** The id of the account with this email in the admin's tenant, or null. */
    public static String userId(String adminToken, String email) {
        List<Map<String, Object>> users = given().auth()
                .oauth2(adminToken)
                .queryParam("size", 100)
                .get("/api/auth/users")
                .then()
                .statusCode(200)
                .extract()
                .path("items");
        return users.stream()
                .filter(user -> email.equalsIgnoreCase((String) user.get("email")))
                .map(user -> (String) user.get("id"))
                .findFirst()
                .orElse(null);
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
