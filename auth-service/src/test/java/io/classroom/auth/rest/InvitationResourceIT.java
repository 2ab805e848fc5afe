package io.classroom.auth.rest;

import static io.classroom.auth.TestAccounts.newTenantWithAdmin;
import static io.classroom.auth.TestAccounts.randomEmail;
import static io.classroom.auth.TestAccounts.randomTenant;
import static io.classroom.auth.TestAccounts.register;
import static io.classroom.auth.service.TokenHashes.sha256;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Admins invite, list and revoke; the code is shown once and stored only as its SHA-256. */
@QuarkusTest
class InvitationResourceIT {

    @Inject
    Pool postgres;

    String tenant;
    String adminToken;

    @BeforeEach
    void newTenant() {
        tenant = randomTenant();
        adminToken = newTenantWithAdmin(tenant, randomEmail(tenant));
    }

    @Test
    void theCodeIsShownOnceAndStoredOnlyAsItsHash() {
        var email = randomEmail(tenant);
        var created = create(Map.of("email", email, "role", "TEACHER"))
                .then()
                .statusCode(201)
                .body("email", equalTo(email))
                .body("role", equalTo("TEACHER"))
                .body("tenantId", equalTo(tenant))
                .extract();
        String code = created.path("code");
        assertThat(Base64.getUrlDecoder().decode(code)).hasSize(32);
        var validity =
                Duration.between(Instant.parse(created.path("createdAt")), Instant.parse(created.path("expiresAt")));
        assertThat(validity).isEqualTo(Duration.ofDays(7));

        var listed = given().auth()
                .oauth2(adminToken)
                .get("/api/auth/invitations")
                .then()
                .statusCode(200)
                .body("", hasSize(1))
                .body("[0].id", equalTo(created.path("id")))
                .extract()
                .asString();
        assertThat(listed).doesNotContain(code).doesNotContain("\"code\"");

        var row = postgres.preparedQuery("SELECT row_to_json(i)::text, code_hash FROM invitations i WHERE id = $1")
                .executeAndAwait(Tuple.of(java.util.UUID.fromString(created.path("id"))))
                .iterator()
                .next();
        assertThat(row.getString(0)).doesNotContain(code);
        assertThat(row.getString(1)).isEqualTo(sha256(code));
    }

    @Test
    void expiryIsOneToThirtyDaysAndEveryFieldIsChecked() {
        var email = randomEmail(tenant);
        var thirty = create(Map.of("email", email, "role", "STUDENT", "expiresInDays", 30))
                .then()
                .statusCode(201)
                .extract();
        assertThat(Duration.between(Instant.parse(thirty.path("createdAt")), Instant.parse(thirty.path("expiresAt"))))
                .isEqualTo(Duration.ofDays(30));
        for (var bad : List.<Map<String, Object>>of(
                Map.of("email", email, "role", "STUDENT", "expiresInDays", 31),
                Map.of("email", email, "role", "STUDENT", "expiresInDays", 0),
                Map.of("email", "not-an-email", "role", "STUDENT"),
                Map.of("email", email, "role", "ROOT"),
                Map.of("email", email))) {
            create(bad).then().statusCode(400).contentType("application/problem+json");
        }
        given().auth()
                .oauth2(adminToken)
                .contentType(ContentType.JSON)
                .body("{\"email\": ")
                .post("/api/auth/invitations")
                .then()
                .statusCode(400);
        given().auth()
                .oauth2(adminToken)
                .get("/api/auth/invitations")
                .then()
                .statusCode(200)
                .body("", hasSize(1));
    }

    @Test
    void anAddressWithAnAccountIsNotInvited() {
        var email = randomEmail(tenant);
        register(tenant, email, "STUDENT");
        create(Map.of("email", email.toUpperCase(), "role", "TEACHER"))
                .then()
                .statusCode(409)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:classroom:problem:account-exists"));
    }

    @Test
    void revokingEndsAnInvitationAndAnotherTenantsAdminSeesNone() {
        var other = randomTenant();
        var otherAdmin = newTenantWithAdmin(other, randomEmail(other));
        String id = create(Map.of("email", randomEmail(tenant), "role", "TEACHER"))
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        given().auth()
                .oauth2(otherAdmin)
                .get("/api/auth/invitations")
                .then()
                .statusCode(200)
                .body("", hasSize(0));
        given().auth()
                .oauth2(otherAdmin)
                .delete("/api/auth/invitations/" + id)
                .then()
                .statusCode(404)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:classroom:problem:invitation-not-found"));
        given().auth()
                .oauth2(adminToken)
                .delete("/api/auth/invitations/" + id)
                .then()
                .statusCode(204);
        given().auth()
                .oauth2(adminToken)
                .delete("/api/auth/invitations/" + id)
                .then()
                .statusCode(404);
        given().auth()
                .oauth2(adminToken)
                .get("/api/auth/invitations")
                .then()
                .statusCode(200)
                .body("", hasSize(0));
    }

    private io.restassured.response.Response create(Map<String, Object> body) {
        return given().auth()
                .oauth2(adminToken)
                .contentType(ContentType.JSON)
                .body(new HashMap<>(body))
                .post("/api/auth/invitations");
    }
}
