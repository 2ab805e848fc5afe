package io.classroom.auth.rest;

import static io.classroom.auth.TestAccounts.PASSWORD;
import static io.classroom.auth.TestAccounts.client;
import static io.classroom.auth.TestAccounts.invite;
import static io.classroom.auth.TestAccounts.login;
import static io.classroom.auth.TestAccounts.newTenantWithAdmin;
import static io.classroom.auth.TestAccounts.randomAddress;
import static io.classroom.auth.TestAccounts.randomEmail;
import static io.classroom.auth.TestAccounts.randomTenant;
import static io.classroom.auth.TestAccounts.register;
import static io.classroom.auth.TestAccounts.registration;
import static io.classroom.auth.TestAccounts.selfRegistration;
import static io.classroom.auth.TestAccounts.userId;
import static io.classroom.auth.service.TokenHashes.sha256;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Who may join a tenant, and that registration tells nothing: the same 202 and body whether the tenant exists, takes
 * self-registrations, the address has an account, the invitation is valid, or the account was created. Registrations
 * are limited per client address.
 */
@QuarkusTest
class RegistrationIT {

    private static final String PASSWORD_OF_THE_ATTEMPT = "the newcomer's own secret";

    @Inject
    Pool postgres;

    @ConfigProperty(name = "auth.brute-force.max-registrations-per-address")
    int registrationsPerAddress;

    String tenant;
    String adminToken;

    @BeforeEach
    void newTenant() {
        tenant = randomTenant();
        adminToken = newTenantWithAdmin(tenant, randomEmail(tenant));
    }

    @Test
    void selfRegistrationCreatesStudentsOnlyOnceTheAdminAllowsIt() {
        given().auth()
                .oauth2(adminToken)
                .get("/api/auth/tenants/current/settings")
                .then()
                .statusCode(200)
                .body("tenantId", equalTo(tenant))
                .body("selfRegistration", equalTo(false));
        var early = randomEmail(tenant);
        attempt(tenant, early, Map.of());
        assertThat(userId(adminToken, early)).isNull();

        given().auth()
                .oauth2(adminToken)
                .contentType(ContentType.JSON)
                .body(Map.of("selfRegistration", true))
                .put("/api/auth/tenants/current/settings")
                .then()
                .statusCode(200)
                .body("tenantId", equalTo(tenant))
                .body("selfRegistration", equalTo(true));
        var student = randomEmail(tenant);
        attempt(tenant, student, Map.of());
        given().auth()
                .oauth2(login(tenant, student, PASSWORD_OF_THE_ATTEMPT).get("accessToken"))
                .get("/api/auth/users/me")
                .then()
                .statusCode(200)
                .body("roles", equalTo(List.of("STUDENT")));

        selfRegistration(adminToken, false);
        var late = randomEmail(tenant);
        attempt(tenant, late, Map.of());
        assertThat(userId(adminToken, late)).isNull();
        given().auth()
                .oauth2(adminToken)
                .contentType(ContentType.JSON)
                .body(Map.of())
                .put("/api/auth/tenants/current/settings")
                .then()
                .statusCode(400)
                .contentType("application/problem+json");
    }

    @Test
    void everyOutcomeAnswersTheSame202AndBody() {
        selfRegistration(adminToken, true);
        var other = randomTenant();
        var otherAdmin = newTenantWithAdmin(other, randomEmail(other));
        var closed = randomTenant();
        newTenantWithAdmin(closed, randomEmail(closed));

        var taken = randomEmail(tenant);
        register(tenant, taken, "STUDENT");
        var invited = randomEmail(tenant);
        var invitedCode = invite(adminToken, invited, "TEACHER");
        var revoked = randomEmail(tenant);
        var revokedCode = invite(adminToken, revoked, "TEACHER");
        revoke(revokedCode);
        var expired = randomEmail(tenant);
        var expiredCode = invite(adminToken, expired, "TEACHER");
        expire(expiredCode);
        var usedTwice = randomEmail(tenant);
        var usedCode = invite(adminToken, usedTwice, "TEACHER");
        var someoneElse = randomEmail(tenant);
        var someoneElsesCode = invite(adminToken, someoneElse, "TEACHER");
        var foreign = randomEmail(tenant);
        var foreignCode = invite(otherAdmin, foreign, "ADMIN");
        var walkIn = randomEmail(tenant);

        var answers = new LinkedHashMap<String, String>();
        answers.put("unknown tenant", attempt(randomTenant(), randomEmail(tenant), Map.of()));
        answers.put("self-registration off", attempt(closed, randomEmail(closed), Map.of()));
        answers.put("email taken", attempt(tenant, taken.toUpperCase(), Map.of()));
        answers.put("unknown code", attempt(tenant, randomEmail(tenant), Map.of("invitationCode", "no-such-code")));
        answers.put("revoked code", attempt(tenant, revoked, Map.of("invitationCode", revokedCode)));
        answers.put("expired code", attempt(tenant, expired, Map.of("invitationCode", expiredCode)));
        answers.put("another address's code", attempt(tenant, walkIn, Map.of("invitationCode", someoneElsesCode)));
        answers.put("another tenant's code", attempt(tenant, foreign, Map.of("invitationCode", foreignCode)));
        answers.put("created by invitation", attempt(tenant, invited, Map.of("invitationCode", invitedCode)));
        answers.put("created by self-registration", attempt(tenant, randomEmail(tenant), Map.of()));
        answers.put("first use of a code", attempt(tenant, usedTwice, Map.of("invitationCode", usedCode)));
        answers.put("code used again", attempt(tenant, usedTwice, Map.of("invitationCode", usedCode)));
        assertThat(answers.values()).as(answers.toString()).containsOnly(answers.get("created by invitation"));

        // What happened, seen by the admin: only the allowed registrations created accounts, with the right roles.
        assertThat(roles(invited)).isEqualTo(List.of("TEACHER"));
        assertThat(roles(usedTwice)).isEqualTo(List.of("TEACHER"));
        for (var refused : List.of(revoked, expired, walkIn, foreign)) {
            assertThat(userId(adminToken, refused)).as(refused).isNull();
        }
        // The taken account kept its password; the code of someone else still works for them.
        login(tenant, taken, PASSWORD);
        attempt(tenant, someoneElse, Map.of("invitationCode", someoneElsesCode));
        assertThat(roles(someoneElse)).isEqualTo(List.of("TEACHER"));
    }

    @Test
    void anInvitationGivesItsRoleOnceAndOnlyToItsAddress() {
        var email = randomEmail(tenant);
        var code = invite(adminToken, email, "ADMIN");
        var second = invite(adminToken, email, "TEACHER");
        attempt(tenant, randomEmail(tenant), Map.of("invitationCode", code));
        attempt(tenant, email, Map.of("invitationCode", code));
        assertThat(roles(email)).isEqualTo(List.of("ADMIN"));
        // The address's other invitation is gone with the one used.
        given().auth()
                .oauth2(adminToken)
                .get("/api/auth/invitations")
                .then()
                .statusCode(200)
                .body("size()", equalTo(0));
        attempt(tenant, randomEmail(tenant), Map.of("invitationCode", second));
        assertThat(invitationRows(second)).isZero();
        // The new admin acts as one.
        given().auth()
                .oauth2(login(tenant, email, PASSWORD_OF_THE_ATTEMPT).get("accessToken"))
                .get("/api/auth/users")
                .then()
                .statusCode(200);
    }

    @Test
    void registrationsFromOneAddressAreLimited() {
        var address = randomAddress();
        for (int i = 0; i < registrationsPerAddress; i++) {
            fromAddress(address, registration(randomTenant(), randomEmail(tenant), PASSWORD, Map.of()))
                    .then()
                    .statusCode(202);
        }
        fromAddress(address, registration(tenant, randomEmail(tenant), PASSWORD, Map.of()))
                .then()
                .statusCode(429)
                .header("Retry-After", notNullValue())
                .contentType("application/problem+json")
                .body("type", equalTo("urn:classroom:problem:too-many-registrations"));
        // Validation comes first and is not counted; other addresses are not affected.
        fromAddress(address, registration(tenant, "not-an-email", PASSWORD, Map.of()))
                .then()
                .statusCode(400);
        fromAddress(randomAddress(), registration(tenant, randomEmail(tenant), PASSWORD, Map.of()))
                .then()
                .statusCode(202);
    }

    /** Registers and returns the whole answer, after checking it is the one 202. */
    private static String attempt(String tenant, String email, Map<String, Object> extra) {
        return client().body(registration(tenant, email, PASSWORD_OF_THE_ATTEMPT, extra))
                .post("/api/auth/register")
                .then()
                .statusCode(202)
                .contentType(ContentType.JSON)
                .body("detail", equalTo("If this address may join the school, its account exists now: sign in."))
                .extract()
                .asString();
    }

    private static io.restassured.response.Response fromAddress(String address, Map<String, Object> body) {
        return given().contentType(ContentType.JSON)
                .header("X-Forwarded-For", address)
                .body(body)
                .post("/api/auth/register");
    }

    private List<String> roles(String email) {
        var id = userId(adminToken, email);
        assertThat(id).as(email + " has an account").isNotNull();
        return given().auth()
                .oauth2(adminToken)
                .get("/api/auth/users/" + id)
                .then()
                .statusCode(200)
                .extract()
                .path("roles");
    }

    private void revoke(String code) {
        var id = invitationId(code);
        given().auth()
                .oauth2(adminToken)
                .delete("/api/auth/invitations/" + id)
                .then()
                .statusCode(204);
    }

    /** Moves an invitation's expiry into the past (an admin cannot give less than a day). */
    private void expire(String code) {
        postgres.preparedQuery("UPDATE invitations SET expires_at = now() - interval '1 second' WHERE code_hash = $1")
                .executeAndAwait(Tuple.of(sha256(code)));
    }

    private UUID invitationId(String code) {
        return postgres.preparedQuery("SELECT id FROM invitations WHERE code_hash = $1")
                .executeAndAwait(Tuple.of(sha256(code)))
                .iterator()
                .next()
                .getUUID(0);
    }

    private long invitationRows(String code) {
        return postgres.preparedQuery("SELECT count(*) FROM invitations WHERE code_hash = $1")
                .executeAndAwait(Tuple.of(sha256(code)))
                .iterator()
                .next()
                .getLong(0);
    }
}
