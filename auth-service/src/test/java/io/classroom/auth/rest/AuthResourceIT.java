package io.classroom.auth.rest;

import static io.classroom.auth.TestAccounts.PASSWORD;
import static io.classroom.auth.TestAccounts.accessToken;
import static io.classroom.auth.TestAccounts.client;
import static io.classroom.auth.TestAccounts.invite;
import static io.classroom.auth.TestAccounts.login;
import static io.classroom.auth.TestAccounts.newTenantWithAdmin;
import static io.classroom.auth.TestAccounts.randomEmail;
import static io.classroom.auth.TestAccounts.randomTenant;
import static io.classroom.auth.TestAccounts.register;
import static io.classroom.auth.TestAccounts.selfRegistration;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;

import io.classroom.auth.TestAccounts;
import io.classroom.auth.service.SigningKeys;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Registration, login, refresh rotation, logout, profile, password, introspection and every bad input on them. What
 * registration does not tell and how attempts are throttled: RegistrationIT and LoginThrottlingIT.
 */
@QuarkusTest
class AuthResourceIT {

    @Inject
    SigningKeys keys;

    String tenant;
    String adminToken;

    @BeforeEach
    void newTenant() {
        tenant = randomTenant();
        adminToken = newTenantWithAdmin(tenant, randomEmail(tenant));
    }

    @Test
    void anInvitedTeacherRegistersLogsInAndReadsOwnAccountWithTheSuiteClaims() {
        var email = randomEmail(tenant);
        var code = invite(adminToken, email, "TEACHER");
        client().body(registration(email, Map.of("invitationCode", code)))
                .post("/api/auth/register")
                .then()
                .statusCode(202)
                .body("status", equalTo("accepted"))
                .body("detail", equalTo("If this address may join the school, its account exists now: sign in."));

        var tokens = client().body(Map.of("tenant", tenant, "email", email.toUpperCase(), "password", PASSWORD))
                .post("/api/auth/login")
                .then()
                .statusCode(200)
                .body("tokenType", equalTo("Bearer"))
                .body("expiresIn", equalTo(900))
                .body("refreshToken", notNullValue())
                .extract();
        String access = tokens.path("accessToken");
        assertThat(JwtParts.header(access))
                .containsEntry("alg", "RS256")
                .containsEntry("kid", keys.current().kid());

        given().auth()
                .oauth2(access)
                .get("/api/auth/users/me")
                .then()
                .statusCode(200)
                .body("email", equalTo(email))
                .body("tenantId", equalTo(tenant))
                .body("roles", equalTo(List.of("TEACHER")))
                .body("passwordHash", equalTo(null));
        client().body(Map.of("token", access))
                .post("/api/auth/introspect")
                .then()
                .statusCode(200)
                .body("active", equalTo(true))
                .body("iss", equalTo("urn:classroom:auth"))
                .body("aud", hasItem("classroom-suite"))
                .body("upn", equalTo(email))
                .body("tenant", equalTo(tenant))
                .body("groups", equalTo(List.of("TEACHER")));
    }

    @Test
    void emailsAreUniquePerTenantIgnoringCase() {
        var email = randomEmail(tenant);
        register(tenant, email, "STUDENT");
        selfRegistration(adminToken, true);
        client().body(with(registration(email.toUpperCase(), Map.of()), "password", "another long secret"))
                .post("/api/auth/register")
                .then()
                .statusCode(202);
        // Nothing was created and the first account's password is unchanged.
        assertThat(userCount()).isEqualTo(2);
        login(tenant, email, PASSWORD);
        // The same email is free in another tenant.
        var other = randomTenant();
        newTenantWithAdmin(other, randomEmail(other));
        register(other, email, "STUDENT");
    }

    @Test
    void badRegistrationsAre400ProblemsBeforeAnyLookupAndCreateNothing() {
        var email = randomEmail(tenant);
        selfRegistration(adminToken, true);
        client().body("{\"tenant\": ")
                .post("/api/auth/register")
                .then()
                .statusCode(400)
                .body("status", equalTo(400));
        client().body("").post("/api/auth/register").then().statusCode(400);
        client().body("[1,2]").post("/api/auth/register").then().statusCode(400);
        client().body(Map.of("tenant", tenant, "email", email))
                .post("/api/auth/register")
                .then()
                .statusCode(400)
                .contentType("application/problem+json");
        var valid = registration(email, Map.of());
        assertRegistrationRefused(with(valid, "email", "not-an-email"), 400);
        assertRegistrationRefused(with(valid, "email", "a".repeat(320) + "@x.example"), 400);
        assertRegistrationRefused(with(valid, "displayName", "n".repeat(121)), 400);
        assertRegistrationRefused(with(valid, "password", "p".repeat(129)), 400);
        assertRegistrationRefused(with(valid, "tenant", "Bad Tenant!"), 400);
        assertRegistrationRefused(with(valid, "invitationCode", ""), 400);
        assertRegistrationRefused(with(valid, "role", "ROOT"), 400);
        for (var role : List.of("TEACHER", "ADMIN")) {
            client().body(with(valid, "role", role))
                    .post("/api/auth/register")
                    .then()
                    .statusCode(400)
                    .contentType("application/problem+json")
                    .body("type", equalTo("urn:classroom:problem:role-not-allowed"))
                    .body("detail", containsString("Roles are granted by an admin"));
        }
        // Not even an admin's token lets a registration name a role, nor an invitation's code another one.
        client().auth()
                .oauth2(adminToken)
                .body(with(valid, "role", "ADMIN"))
                .post("/api/auth/register")
                .then()
                .statusCode(400);
        client().body(with(with(valid, "role", "TEACHER"), "invitationCode", invite(adminToken, email, "TEACHER")))
                .post("/api/auth/register")
                .then()
                .statusCode(400);

        assertThat(userCount()).isEqualTo(1);
        // An explicit STUDENT is what self-registration gives anyway.
        client().body(with(valid, "role", "STUDENT"))
                .post("/api/auth/register")
                .then()
                .statusCode(202);
        assertThat(userCount()).isEqualTo(2);
    }

    @Test
    void passwordPolicyGivesAClearDetail() {
        var email = randomEmail(tenant);
        client().body(with(registration(email, Map.of()), "password", "short"))
                .post("/api/auth/register")
                .then()
                .statusCode(400)
                .body("type", equalTo("urn:classroom:problem:weak-password"))
                .body("detail", containsString("at least 10 characters"));
        client().body(with(registration(email, Map.of()), "password", email.toUpperCase()))
                .post("/api/auth/register")
                .then()
                .statusCode(400)
                .body("detail", containsString("email"));
        client().body(with(registration(email, Map.of()), "password", "Password123"))
                .post("/api/auth/register")
                .then()
                .statusCode(400)
                .body("detail", containsString("too common"));
    }

    @Test
    void wrongPasswordAndUnknownEmailGiveTheSameAnswer() {
        var email = randomEmail(tenant);
        register(tenant, email, "STUDENT");
        var wrongPassword = client().body(Map.of("tenant", tenant, "email", email, "password", "not the password"))
                .post("/api/auth/login")
                .then()
                .statusCode(401)
                .contentType("application/problem+json")
                .extract()
                .asString();
        var unknownEmail = client().body(
                        Map.of("tenant", tenant, "email", randomEmail(tenant), "password", "not the password"))
                .post("/api/auth/login")
                .then()
                .statusCode(401)
                .extract()
                .asString();
        var unknownTenant = client().body(Map.of("tenant", randomTenant(), "email", email, "password", PASSWORD))
                .post("/api/auth/login")
                .then()
                .statusCode(401)
                .extract()
                .asString();
        var disabledEmail = randomEmail(tenant);
        var disabledId = register(tenant, disabledEmail, "TEACHER");
        given().auth()
                .oauth2(adminToken)
                .post("/api/auth/users/" + disabledId + "/disable")
                .then()
                .statusCode(200);
        var disabled = client().body(Map.of("tenant", tenant, "email", disabledEmail, "password", PASSWORD))
                .post("/api/auth/login")
                .then()
                .statusCode(401)
                .extract()
                .asString();
        assertThat(unknownEmail)
                .isEqualTo(wrongPassword)
                .isEqualTo(unknownTenant)
                .isEqualTo(disabled);
        client().body("{oops").post("/api/auth/login").then().statusCode(400);
        client().body(Map.of("tenant", tenant)).post("/api/auth/login").then().statusCode(400);
    }

    @Test
    void repeatedFailuresForOneEmailGive429WithRetryAfter() {
        var email = randomEmail(tenant);
        register(tenant, email, "STUDENT");
        for (int i = 0; i < 5; i++) {
            client().body(Map.of("tenant", tenant, "email", email, "password", "wrong password " + i))
                    .post("/api/auth/login")
                    .then()
                    .statusCode(401);
        }
        client().body(Map.of("tenant", tenant, "email", email, "password", PASSWORD))
                .post("/api/auth/login")
                .then()
                .statusCode(429)
                .header("Retry-After", notNullValue())
                .contentType("application/problem+json")
                .body("type", equalTo("urn:classroom:problem:too-many-login-failures"));
    }

    @Test
    void repeatedFailuresFromOneAddressGive429AndSuccessResetsTheEmailCounter() {
        var email = randomEmail(tenant);
        register(tenant, email, "STUDENT");
        var address = "192.0.2." + (1 + (int) (Math.random() * 250));
        for (int i = 0; i < 4; i++) {
            loginFrom(address, email, "wrong password").then().statusCode(401);
        }
        loginFrom(address, email, PASSWORD).then().statusCode(200);
        // The email counter was reset by the success; the address counter keeps counting up to its limit (50).
        for (int i = 4; i < 50; i++) {
            loginFrom(address, randomEmail(tenant), "wrong password").then().statusCode(401);
        }
        loginFrom(address, email, PASSWORD).then().statusCode(429).header("Retry-After", notNullValue());
        loginFrom("198.51.100.7", email, PASSWORD).then().statusCode(200);
    }

    @Test
    void refreshTokensRotateAndReuseRevokesTheFamily() {
        var email = randomEmail(tenant);
        register(tenant, email, "STUDENT");
        var first = login(tenant, email, PASSWORD).get("refreshToken");
        String second = refresh(first).then().statusCode(200).extract().path("refreshToken");
        assertThat(second).isNotEqualTo(first);
        String third = refresh(second).then().statusCode(200).extract().path("refreshToken");

        // Replaying a rotated token: refused, and the live descendant dies with it.
        refresh(first)
                .then()
                .statusCode(401)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:classroom:problem:invalid-refresh-token"));
        refresh(third).then().statusCode(401);

        // Other families (other devices) are untouched.
        var otherDevice = login(tenant, email, PASSWORD).get("refreshToken");
        refresh(otherDevice).then().statusCode(200);
        refresh("made-up-token").then().statusCode(401);
        client().body(Map.of()).post("/api/auth/refresh").then().statusCode(400);
    }

    @Test
    void logoutRevokesOneAndLogoutAllRevokesEvery() {
        var email = randomEmail(tenant);
        register(tenant, email, "STUDENT");
        var phone = login(tenant, email, PASSWORD);
        var laptop = login(tenant, email, PASSWORD);
        var tablet = login(tenant, email, PASSWORD);

        client().body(Map.of("refreshToken", phone.get("refreshToken")))
                .post("/api/auth/logout")
                .then()
                .statusCode(204);
        refresh(phone.get("refreshToken")).then().statusCode(401);
        refresh(laptop.get("refreshToken")).then().statusCode(200);

        given().post("/api/auth/logout-all").then().statusCode(401);
        given().auth()
                .oauth2(tablet.get("accessToken"))
                .post("/api/auth/logout-all")
                .then()
                .statusCode(204);
        refresh(tablet.get("refreshToken")).then().statusCode(401);
    }

    @Test
    void ownProfileAndPasswordCanBeChanged() {
        var email = randomEmail(tenant);
        register(tenant, email, "STUDENT");
        var session = login(tenant, email, PASSWORD);
        var token = session.get("accessToken");

        given().auth()
                .oauth2(token)
                .contentType(ContentType.JSON)
                .body(Map.of("displayName", "Ada King"))
                .patch("/api/auth/users/me")
                .then()
                .statusCode(200)
                .body("displayName", equalTo("Ada King"));
        given().auth()
                .oauth2(token)
                .contentType(ContentType.JSON)
                .body(Map.of("displayName", ""))
                .patch("/api/auth/users/me")
                .then()
                .statusCode(400);

        changePassword(token, "not my password", "a brand new secret").then().statusCode(403);
        changePassword(token, PASSWORD, "short").then().statusCode(400);
        changePassword(token, PASSWORD, "a brand new secret").then().statusCode(204);

        refresh(session.get("refreshToken")).then().statusCode(401);
        client().body(Map.of("tenant", tenant, "email", email, "password", PASSWORD))
                .post("/api/auth/login")
                .then()
                .statusCode(401);
        login(tenant, email, "a brand new secret");
    }

    @Test
    void introspectionIsInactiveForAnythingThatDoesNotVerify() {
        var email = randomEmail(tenant);
        register(tenant, email, "STUDENT");
        var token = accessToken(tenant, email);
        client().body(Map.of("token", "garbage"))
                .post("/api/auth/introspect")
                .then()
                .statusCode(200)
                .body("active", equalTo(false))
                .body("sub", equalTo(null));
        client().body(Map.of("token", token.substring(0, token.length() - 4) + "AAAA"))
                .post("/api/auth/introspect")
                .then()
                .body("active", equalTo(false));
        client().body(Map.of("token", "")).post("/api/auth/introspect").then().statusCode(400);
    }

    private io.restassured.response.Response loginFrom(String address, String email, String password) {
        return given().contentType(ContentType.JSON)
                .header("X-Forwarded-For", address)
                .body(Map.of("tenant", tenant, "email", email, "password", password))
                .post("/api/auth/login");
    }

    private static io.restassured.response.Response refresh(String refreshToken) {
        return client().body(Map.of("refreshToken", refreshToken)).post("/api/auth/refresh");
    }

    private static io.restassured.response.Response changePassword(String token, String current, String next) {
        return given().auth()
                .oauth2(token)
                .contentType(ContentType.JSON)
                .body(Map.of("currentPassword", current, "newPassword", next))
                .put("/api/auth/users/me/password");
    }

    private void assertRegistrationRefused(Map<String, Object> body, int status) {
        client().body(body)
                .post("/api/auth/register")
                .then()
                .statusCode(status)
                .contentType("application/problem+json")
                .body("status", equalTo(status))
                .body("title", notNullValue());
    }

    private Map<String, Object> registration(String email, Map<String, Object> extra) {
        return TestAccounts.registration(tenant, email, PASSWORD, extra);
    }

    private int userCount() {
        return given().auth()
                .oauth2(adminToken)
                .get("/api/auth/users")
                .then()
                .statusCode(200)
                .extract()
                .path("total");
    }

    private static Map<String, Object> with(Map<String, Object> body, String field, Object value) {
        var copy = new HashMap<>(body);
        copy.put(field, value);
        return copy;
    }
}
