package io.classroom.auth.security;

import static io.classroom.auth.TestAccounts.PASSWORD;
import static io.classroom.auth.TestAccounts.accessToken;
import static io.classroom.auth.TestAccounts.login;
import static io.classroom.auth.TestAccounts.newTenantWithAdmin;
import static io.classroom.auth.TestAccounts.operatorToken;
import static io.classroom.auth.TestAccounts.randomAddress;
import static io.classroom.auth.TestAccounts.randomEmail;
import static io.classroom.auth.TestAccounts.randomTenant;
import static io.classroom.auth.TestAccounts.register;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every operation of auth-service's OpenAPI, called as every kind of principal, with the status each must get. A row per
 * operation, a column per principal; every row runs against a fresh tenant. Every refusal is a problem+json 4xx and
 * changes nothing (a snapshot of the object, read by the tenant's admin or from the database, is the same after it);
 * nothing another tenant's admin does, allowed or not, changes this tenant.
 *
 * <p>In auth-service no object belongs to a teacher (the objects are users, invitations, the tenant and the keys), so
 * TEACHER and OTHER_TEACHER are two teachers of the tenant and expect the same. STUDENT is the user the user rows act
 * on (its owner), OTHER_STUDENT another student of the tenant. FOREIGN is an admin of another tenant. OPERATOR is the
 * admin of the operator tenant (tenants and keys are its operations); it is not asked where the call would change the
 * suite's own operator account or tenant ({@link #SKIP}).
 */
@QuarkusTest
class AuthorizationMatrixIT {

    /** The principals, in the order each row calls them: allowed writes of the tenant's admin come last. */
    enum Who {
        ANONYMOUS,
        STUDENT,
        OTHER_STUDENT,
        TEACHER,
        OTHER_TEACHER,
        FOREIGN,
        OPERATOR,
        ADMIN
    }

    /** Not asked (see the class comment). */
    static final int SKIP = 0;

    /** The tenant a row runs against: its users, an open invitation, and each principal's access token. */
    record Fixture(
            String tenant,
            String adminToken,
            String studentId,
            String studentEmail,
            String invitationId,
            String newTenantId,
            Map<Who, String> tokens) {}

    /** One operation: how to call it, what each principal gets, and what must not change when it is refused. */
    record Row(
            String method,
            String template,
            Function<Fixture, String> path,
            Function<Fixture, Object> body,
            Function<Fixture, String> snapshot,
            Map<Who, Integer> expected) {

        String operation() {
            return method + " " + template;
        }
    }

    static Stream<String> operations() {
        return rows().stream().map(Row::operation);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("operations")
    void everyPrincipalGetsItsStatus(String operation) {
        check(rows().stream()
                .filter(row -> row.operation().equals(operation))
                .findFirst()
                .orElseThrow());
    }

    /** The matrix covers exactly the operations the OpenAPI document lists. */
    @Test
    void theMatrixCoversEveryOperationOfTheOpenApi() {
        Map<String, Map<String, Object>> paths = given().get("/q/openapi?format=json")
                .then()
                .statusCode(200)
                .extract()
                .path("paths");
        var documented = new HashSet<String>();
        paths.forEach((path, operations) -> operations.keySet().stream()
                .filter(method ->
                        Set.of("get", "put", "post", "patch", "delete").contains(method))
                .forEach(method -> documented.add(method.toUpperCase() + " " + path)));
        assertThat(rows().stream().map(Row::operation)).containsExactlyInAnyOrderElementsOf(documented);
    }

    private static List<Row> rows() {
        Function<Fixture, String> users = AuthorizationMatrixIT::usersOfTenant;
        Function<Fixture, String> invitations = AuthorizationMatrixIT::invitationsOfTenant;
        Function<Fixture, String> settings = AuthorizationMatrixIT::settingsOfTenant;
        // Columns: ANONYMOUS, STUDENT (owner), OTHER_STUDENT, TEACHER, OTHER_TEACHER, ADMIN, FOREIGN, OPERATOR
        return List.of(
                // anyone
                row("POST", "/api/auth/register")
                        .body(f -> Map.of(
                                "tenant",
                                f.tenant(),
                                "email",
                                randomEmail(f.tenant()),
                                "password",
                                PASSWORD,
                                "displayName",
                                "Walk In"))
                        .snapshot(users)
                        .all(202),
                row("POST", "/api/auth/login")
                        .body(AuthorizationMatrixIT::credentials)
                        .all(200),
                row("POST", "/api/auth/refresh")
                        .body(f -> Map.of("refreshToken", freshRefreshToken(f)))
                        .all(200),
                row("POST", "/api/auth/logout")
                        .body(f -> Map.of("refreshToken", freshRefreshToken(f)))
                        .all(204),
                row("POST", "/api/auth/introspect")
                        .body(f -> Map.of("token", f.tokens().get(Who.STUDENT)))
                        .all(200),
                row("GET", "/api/auth/.well-known/jwks.json").all(200),
                // any role, on oneself
                row("POST", "/api/auth/logout-all").snapshot(users).expect(401, 204, 204, 204, 204, 204, 204, SKIP),
                row("GET", "/api/auth/users/me").expect(401, 200, 200, 200, 200, 200, 200, 200),
                row("PATCH", "/api/auth/users/me")
                        .body(f -> Map.of("displayName", "Renamed"))
                        .snapshot(users)
                        .expect(401, 200, 200, 200, 200, 200, 200, SKIP),
                row("PUT", "/api/auth/users/me/password")
                        .body(f -> Map.of("currentPassword", PASSWORD, "newPassword", "a brand new secret"))
                        .snapshot(users)
                        .expect(401, 204, 204, 204, 204, 204, 204, SKIP),
                // teachers and admins of the tenant look users up
                row("GET", "/api/auth/users/{id}")
                        .path(f -> "/api/auth/users/" + f.studentId())
                        .expect(401, 403, 403, 200, 200, 200, 404, 404),
                // admins of the tenant
                row("GET", "/api/auth/users").expect(401, 403, 403, 403, 403, 200, 200, 200),
                row("PUT", "/api/auth/users/{id}/roles")
                        .path(f -> "/api/auth/users/" + f.studentId() + "/roles")
                        .body(f -> Map.of("roles", List.of("TEACHER")))
                        .snapshot(users)
                        .expect(401, 403, 403, 403, 403, 200, 404, 404),
                row("POST", "/api/auth/users/{id}/disable")
                        .path(f -> "/api/auth/users/" + f.studentId() + "/disable")
                        .snapshot(users)
                        .expect(401, 403, 403, 403, 403, 200, 404, 404),
                row("POST", "/api/auth/users/{id}/enable")
                        .path(f -> "/api/auth/users/" + f.studentId() + "/enable")
                        .snapshot(users)
                        .expect(401, 403, 403, 403, 403, 200, 404, 404),
                row("DELETE", "/api/auth/users/{id}")
                        .path(f -> "/api/auth/users/" + f.studentId())
                        .snapshot(users)
                        .expect(401, 403, 403, 403, 403, 204, 404, 404),
                row("GET", "/api/auth/tenants/current/settings").expect(401, 403, 403, 403, 403, 200, 200, 200),
                row("PUT", "/api/auth/tenants/current/settings")
                        .body(f -> Map.of("selfRegistration", true))
                        .snapshot(settings)
                        .expect(401, 403, 403, 403, 403, 200, 200, SKIP),
                row("POST", "/api/auth/invitations")
                        .body(f -> Map.of("email", randomEmail(f.tenant()), "role", "TEACHER"))
                        .snapshot(invitations)
                        .expect(401, 403, 403, 403, 403, 201, 201, SKIP),
                row("GET", "/api/auth/invitations").expect(401, 403, 403, 403, 403, 200, 200, 200),
                row("DELETE", "/api/auth/invitations/{id}")
                        .path(f -> "/api/auth/invitations/" + f.invitationId())
                        .snapshot(invitations)
                        .expect(401, 403, 403, 403, 403, 204, 404, 404),
                // admins of the operator tenant
                row("POST", "/api/auth/tenants")
                        .body(f -> Map.of(
                                "id",
                                f.newTenantId(),
                                "name",
                                "New school",
                                "admin",
                                Map.of(
                                        "email",
                                        "head@" + f.newTenantId() + ".example",
                                        "password",
                                        PASSWORD,
                                        "displayName",
                                        "Head")))
                        .snapshot(AuthorizationMatrixIT::tenantsNamedLikeTheNewOne)
                        .expect(401, 403, 403, 403, 403, 403, 403, 201),
                row("POST", "/api/auth/keys/rotate")
                        .snapshot(f ->
                                given().get("/api/auth/.well-known/jwks.json").asString())
                        .expect(401, 403, 403, 403, 403, 403, 403, 200));
    }

    private static void check(Row row) {
        var fixture = fixture();
        for (var who : Who.values()) {
            int expected = row.expected().get(who);
            if (expected == SKIP) {
                continue;
            }
            var before = row.snapshot().apply(fixture);
            var spec = given().contentType(ContentType.JSON).header("X-Forwarded-For", randomAddress());
            var token = fixture.tokens().get(who);
            if (token != null) {
                spec.auth().oauth2(token);
            }
            var body = row.body().apply(fixture);
            if (body != null) {
                spec.body(body);
            }
            var response = spec.request(row.method(), row.path().apply(fixture));
            var cell = row.operation() + " as " + who;
            assertThat(response.statusCode())
                    .as(cell + ": " + response.asString())
                    .isEqualTo(expected);
            if (expected >= 400) {
                assertThat(response.contentType()).as(cell).startsWith("application/problem+json");
                assertThat(response.jsonPath().getInt("status")).as(cell).isEqualTo(expected);
            }
            if (expected >= 400 || who == Who.FOREIGN) {
                assertThat(row.snapshot().apply(fixture))
                        .as(cell + " must change nothing here")
                        .isEqualTo(before);
            }
        }
    }

    /** A fresh tenant with an admin, two students, two teachers and an open invitation; another tenant's admin. */
    private static Fixture fixture() {
        var tenant = randomTenant();
        var admin = newTenantWithAdmin(tenant, randomEmail(tenant));
        var studentEmail = randomEmail(tenant);
        var studentId = register(tenant, studentEmail, "STUDENT");
        var tokens = new EnumMap<Who, String>(Who.class);
        tokens.put(Who.STUDENT, accessToken(tenant, studentEmail));
        tokens.put(Who.OTHER_STUDENT, newAccount(tenant, "STUDENT"));
        tokens.put(Who.TEACHER, newAccount(tenant, "TEACHER"));
        tokens.put(Who.OTHER_TEACHER, newAccount(tenant, "TEACHER"));
        tokens.put(Who.ADMIN, admin);
        var foreign = randomTenant();
        tokens.put(Who.FOREIGN, newTenantWithAdmin(foreign, randomEmail(foreign)));
        tokens.put(Who.OPERATOR, operatorToken());
        String invitationId = given().auth()
                .oauth2(admin)
                .contentType(ContentType.JSON)
                .body(Map.of("email", randomEmail(tenant), "role", "TEACHER"))
                .post("/api/auth/invitations")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        return new Fixture(tenant, admin, studentId, studentEmail, invitationId, randomTenant(), tokens);
    }

    private static String newAccount(String tenant, String role) {
        var email = randomEmail(tenant);
        register(tenant, email, role);
        return accessToken(tenant, email);
    }

    private static Map<String, String> credentials(Fixture f) {
        return Map.of("tenant", f.tenant(), "email", f.studentEmail(), "password", PASSWORD);
    }

    private static String freshRefreshToken(Fixture f) {
        return login(f.tenant(), f.studentEmail(), PASSWORD).get("refreshToken");
    }

    private static String usersOfTenant(Fixture f) {
        return given().auth()
                .oauth2(f.adminToken())
                .queryParam("size", 100)
                .get("/api/auth/users")
                .then()
                .statusCode(200)
                .extract()
                .asString();
    }

    private static String invitationsOfTenant(Fixture f) {
        return given().auth()
                .oauth2(f.adminToken())
                .get("/api/auth/invitations")
                .then()
                .statusCode(200)
                .extract()
                .asString();
    }

    private static String settingsOfTenant(Fixture f) {
        return given().auth()
                .oauth2(f.adminToken())
                .get("/api/auth/tenants/current/settings")
                .then()
                .statusCode(200)
                .extract()
                .asString();
    }

    /** How many tenants have the id the POST /tenants row uses (read from the database: no API lists tenants). */
    private static String tenantsNamedLikeTheNewOne(Fixture f) {
        var config = ConfigProvider.getConfig();
        try (var db = DriverManager.getConnection(
                        config.getValue("quarkus.datasource.jdbc.url", String.class),
                        config.getValue("quarkus.datasource.username", String.class),
                        config.getValue("quarkus.datasource.password", String.class));
                var query = db.prepareStatement("SELECT count(*) FROM tenants WHERE id = ?")) {
            query.setString(1, f.newTenantId());
            try (var rows = query.executeQuery()) {
                rows.next();
                return "tenants named " + f.newTenantId() + ": " + rows.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static RowBuilder row(String method, String template) {
        return new RowBuilder(method, template);
    }

    /** Builds a row: path and body, the snapshot a refusal must leave unchanged, the expected statuses. */
    private static final class RowBuilder {
        private final String method;
        private final String template;
        private Function<Fixture, String> path;
        private Function<Fixture, Object> body = f -> null;
        private Function<Fixture, String> snapshot = f -> "";

        RowBuilder(String method, String template) {
            this.method = method;
            this.template = template;
            this.path = f -> template;
        }

        RowBuilder path(Function<Fixture, String> path) {
            this.path = path;
            return this;
        }

        RowBuilder body(Function<Fixture, Object> body) {
            this.body = body;
            return this;
        }

        RowBuilder snapshot(Function<Fixture, String> snapshot) {
            this.snapshot = snapshot;
            return this;
        }

        Row expect(
                int anonymous,
                int student,
                int otherStudent,
                int teacher,
                int otherTeacher,
                int admin,
                int foreign,
                int operator) {
            var expected = new EnumMap<Who, Integer>(Who.class);
            expected.put(Who.ANONYMOUS, anonymous);
            expected.put(Who.STUDENT, student);
            expected.put(Who.OTHER_STUDENT, otherStudent);
            expected.put(Who.TEACHER, teacher);
            expected.put(Who.OTHER_TEACHER, otherTeacher);
            expected.put(Who.ADMIN, admin);
            expected.put(Who.FOREIGN, foreign);
            expected.put(Who.OPERATOR, operator);
            return new Row(method, template, path, body, snapshot, expected);
        }

        /** A public operation: the same for everyone, token or not. */
        Row all(int status) {
            return expect(status, status, status, status, status, status, status, status);
        }
    }
}
