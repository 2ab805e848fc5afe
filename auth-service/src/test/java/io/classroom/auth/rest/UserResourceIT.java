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
import static io.classroom.auth.TestAccounts.userId;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import io.classroom.auth.security.Roles;
import io.classroom.auth.service.SigningKeys;
import io.classroom.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** User administration, tenant isolation, role checks, and every kind of bad token. */
@QuarkusTest
class UserResourceIT {

    @Inject
    SigningKeys keys;

    String tenant;
    String adminToken;
    String studentEmail;
    String studentId;

    @BeforeEach
    void newTenant() {
        tenant = randomTenant();
        adminToken = newTenantWithAdmin(tenant, randomEmail(tenant));
        studentEmail = randomEmail(tenant);
        studentId = register(tenant, studentEmail, "STUDENT");
    }

    @Test
    void teachersAndAdminsLookUsersUpStudentsCannot() {
        var teacherEmail = randomEmail(tenant);
        register(tenant, teacherEmail, "TEACHER");
        given().auth()
                .oauth2(accessToken(tenant, teacherEmail))
                .get("/api/auth/users/" + studentId)
                .then()
                .statusCode(200)
                .body("email", equalTo(studentEmail));
        given().auth()
                .oauth2(accessToken(tenant, studentEmail))
                .get("/api/auth/users/" + studentId)
                .then()
                .statusCode(403);
        given().auth()
                .oauth2(adminToken)
                .get("/api/auth/users/" + UUID.randomUUID())
                .then()
                .statusCode(404)
                .contentType("application/problem+json");
        given().auth()
                .oauth2(adminToken)
                .get("/api/auth/users/not-a-uuid")
                .then()
                .statusCode(404);
    }

    @Test
    void adminsListPageByPage() {
        register(tenant, randomEmail(tenant), "STUDENT");
        register(tenant, randomEmail(tenant), "TEACHER");
        given().auth()
                .oauth2(adminToken)
                .queryParam("size", 2)
                .get("/api/auth/users")
                .then()
                .statusCode(200)
                .body("items", hasSize(2))
                .body("total", equalTo(4));
        given().auth()
                .oauth2(adminToken)
                .queryParam("size", 3)
                .queryParam("page", 1)
                .get("/api/auth/users")
                .then()
                .statusCode(200)
                .body("items", hasSize(1));
        given().auth()
                .oauth2(adminToken)
                .queryParam("size", 101)
                .get("/api/auth/users")
                .then()
                .statusCode(400)
                .contentType("application/problem+json");
        given().auth()
                .oauth2(adminToken)
                .queryParam("page", -1)
                .get("/api/auth/users")
                .then()
                .statusCode(400);
        given().auth()
                .oauth2(accessToken(tenant, studentEmail))
                .get("/api/auth/users")
                .then()
                .statusCode(403);
    }

    @Test
    void adminsChangeRolesDisableEnableAndDelete() {
        setRoles(adminToken, studentId, List.of("TEACHER", "STUDENT"))
                .then()
                .statusCode(200)
                .body("roles", equalTo(List.of("TEACHER", "STUDENT")));
        setRoles(adminToken, studentId, List.of()).then().statusCode(400);
        setRoles(adminToken, studentId, List.of("ROOT")).then().statusCode(400);
        var adminId = given().auth()
                .oauth2(adminToken)
                .get("/api/auth/users/me")
                .then()
                .extract()
                .path("id");
        setRoles(adminToken, adminId.toString(), List.of("TEACHER")).then().statusCode(409);

        var session = login(tenant, studentEmail, PASSWORD);
        given().auth()
                .oauth2(adminToken)
                .post("/api/auth/users/" + studentId + "/disable")
                .then()
                .statusCode(200)
                .body("disabled", equalTo(true));
        client().body(Map.of("tenant", tenant, "email", studentEmail, "password", PASSWORD))
                .post("/api/auth/login")
                .then()
                .statusCode(401);
        client().body(Map.of("refreshToken", session.get("refreshToken")))
                .post("/api/auth/refresh")
                .then()
                .statusCode(401);
        client().body(Map.of("token", session.get("accessToken")))
                .post("/api/auth/introspect")
                .then()
                .body("active", equalTo(false));
        given().auth()
                .oauth2(adminToken)
                .post("/api/auth/users/" + studentId + "/enable")
                .then()
                .statusCode(200)
                .body("disabled", equalTo(false));
        login(tenant, studentEmail, PASSWORD);

        given().auth()
                .oauth2(adminToken)
                .delete("/api/auth/users/" + studentId)
                .then()
                .statusCode(204);
        given().auth()
                .oauth2(adminToken)
                .get("/api/auth/users/" + studentId)
                .then()
                .statusCode(404);
        given().auth()
                .oauth2(session.get("accessToken"))
                .get("/api/auth/users/me")
                .then()
                .statusCode(404);
        given().auth()
                .oauth2(adminToken)
                .delete("/api/auth/users/" + adminId)
                .then()
                .statusCode(409);
    }

    @Test
    void anotherTenantsUsersAreInvisible() {
        var other = randomTenant();
        var otherAdmin = newTenantWithAdmin(other, randomEmail(other));
        given().auth()
                .oauth2(otherAdmin)
                .get("/api/auth/users/" + studentId)
                .then()
                .statusCode(404);
        setRoles(otherAdmin, studentId, List.of("ADMIN")).then().statusCode(404);
        given().auth()
                .oauth2(otherAdmin)
                .post("/api/auth/users/" + studentId + "/disable")
                .then()
                .statusCode(404);
        given().auth()
                .oauth2(otherAdmin)
                .delete("/api/auth/users/" + studentId)
                .then()
                .statusCode(404);
        given().auth()
                .oauth2(otherAdmin)
                .get("/api/auth/users")
                .then()
                .statusCode(200)
                .body("total", equalTo(1));
        // An admin of another tenant cannot make an ADMIN here either: registration grants no role.
        client().auth()
                .oauth2(otherAdmin)
                .body(Map.of(
                        "tenant",
                        tenant,
                        "email",
                        randomEmail(tenant),
                        "password",
                        PASSWORD,
                        "displayName",
                        "Intruder",
                        "role",
                        "ADMIN"))
                .post("/api/auth/register")
                .then()
                .statusCode(400);
        // Nor can its invitation code: the invitation belongs to its own tenant.
        var intruder = randomEmail(tenant);
        client().body(Map.of(
                        "tenant",
                        tenant,
                        "email",
                        intruder,
                        "password",
                        PASSWORD,
                        "displayName",
                        "Intruder",
                        "invitationCode",
                        invite(otherAdmin, intruder, "ADMIN")))
                .post("/api/auth/register")
                .then()
                .statusCode(202);
        assertThat(userId(adminToken, intruder)).isNull();
        assertStudentUnchanged();
    }

    @Test
    void studentsGet403OnAdminEndpoints() {
        var student = accessToken(tenant, studentEmail);
        setRoles(student, studentId, List.of("ADMIN")).then().statusCode(403);
        given().auth()
                .oauth2(student)
                .post("/api/auth/users/" + studentId + "/disable")
                .then()
                .statusCode(403);
        given().auth()
                .oauth2(student)
                .delete("/api/auth/users/" + studentId)
                .then()
                .statusCode(403);
        given().auth().oauth2(student).post("/api/auth/keys/rotate").then().statusCode(403);
        client().auth()
                .oauth2(student)
                .body(Map.of(
                        "id",
                        randomTenant(),
                        "name",
                        "x",
                        "admin",
                        Map.of("email", "a@b.example", "password", PASSWORD, "displayName", "x")))
                .post("/api/auth/tenants")
                .then()
                .statusCode(403);
        assertStudentUnchanged();
    }

    @Test
    void tokensThatDoNotVerifyGet401AndChangeNothing() {
        var adminId = given().auth()
                .oauth2(adminToken)
                .get("/api/auth/users/me")
                .then()
                .extract()
                .path("id")
                .toString();
        var current = keys.current();
        var now = Instant.now();

        var expired = claims(adminId)
                .issuedAt(now.minusSeconds(3600))
                .expiresAt(now.minusSeconds(1800))
                .jws()
                .keyId(current.kid())
                .sign(current.privateKey());
        var wrongIssuer = claims(adminId)
                .issuer("urn:someone:else")
                .jws()
                .keyId(current.kid())
                .sign(current.privateKey());
        var wrongAudience = claims(adminId)
                .audience("another-suite")
                .jws()
                .keyId(current.kid())
                .sign(current.privateKey());
        var unknownKid = claims(adminId).jws().keyId("no-such-kid").sign(current.privateKey());
        var noTenant = Jwt.issuer(TestTokens.ISSUER)
                .audience(TestTokens.AUDIENCE)
                .subject(adminId)
                .groups(Set.of(Roles.ADMIN))
                .expiresIn(600)
                .jws()
                .keyId(current.kid())
                .sign(current.privateKey());
        // Shaped like ours and trusted by every other service in tests, but signed with test-support's key.
        var foreignSigned = TestTokens.token(tenant, adminId, Roles.ADMIN);
        var hs256 = claims(adminId)
                .jws()
                .keyId(current.kid())
                .algorithm(SignatureAlgorithm.HS256)
                .signWithSecret("a-shared-secret-of-at-least-32-bytes!!");
        var parts = adminToken.split("\\.");
        var tamperedPayload = Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                        .replace("\"ADMIN\"", "\"ADMIN\",\"TEACHER\"")
                        .getBytes(StandardCharsets.UTF_8));
        var tampered = parts[0] + "." + tamperedPayload + "." + parts[2];
        var algNone = Base64.getUrlEncoder()
                        .withoutPadding()
                        .encodeToString(("{\"alg\":\"none\",\"kid\":\"" + current.kid() + "\"}")
                                .getBytes(StandardCharsets.UTF_8))
                + "." + parts[1] + ".";

        for (var bad : List.of(
                expired, wrongIssuer, wrongAudience, unknownKid, noTenant, foreignSigned, hs256, tampered, algNone)) {
            given().auth()
                    .oauth2(bad)
                    .get("/api/auth/users/me")
                    .then()
                    .statusCode(401)
                    .header("WWW-Authenticate", org.hamcrest.Matchers.startsWith("Bearer"));
            given().auth()
                    .oauth2(bad)
                    .delete("/api/auth/users/" + studentId)
                    .then()
                    .statusCode(401);
            setRoles(bad, studentId, List.of("ADMIN")).then().statusCode(401);
            client().body(Map.of("token", bad))
                    .post("/api/auth/introspect")
                    .then()
                    .statusCode(200)
                    .body("active", equalTo(false));
        }
        given().get("/api/auth/users/me")
                .then()
                .statusCode(401)
                .contentType("application/problem+json")
                .body("status", equalTo(401));
        assertStudentUnchanged();
    }

    private JwtClaimsBuilder claims(String subject) {
        return Jwt.issuer(TestTokens.ISSUER)
                .audience(TestTokens.AUDIENCE)
                .subject(subject)
                .upn("admin@" + tenant + ".example")
                .groups(Set.of(Roles.ADMIN))
                .claim("tenant", tenant)
                .expiresIn(600);
    }

    private void assertStudentUnchanged() {
        given().auth()
                .oauth2(adminToken)
                .get("/api/auth/users/" + studentId)
                .then()
                .statusCode(200)
                .body("roles", equalTo(List.of("STUDENT")))
                .body("disabled", equalTo(false));
    }

    private static io.restassured.response.Response setRoles(String token, String userId, List<String> roles) {
        return given().auth()
                .oauth2(token)
                .contentType(ContentType.JSON)
                .body(Map.of("roles", roles))
                .put("/api/auth/users/" + userId + "/roles");
    }
}
