package io.classroom.analytics.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;

import io.classroom.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.smallrye.jwt.build.Jwt;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
class PageResourceIT {

    private final String tenant = TestTokens.newTenant();
    private final String student = UUID.randomUUID().toString();
    private final String otherStudent = UUID.randomUUID().toString();
    private final String admin = UUID.randomUUID().toString();

    private void view(String user, String page, long seconds, Instant at) {
        var body = at == null
                ? Map.<String, Object>of("page", page, "timeSpentSeconds", seconds)
                : Map.<String, Object>of("page", page, "timeSpentSeconds", seconds, "timestamp", at.toString());
        given().auth()
                .oauth2(TestTokens.token(tenant, user, "STUDENT"))
                .contentType(ContentType.JSON)
                .body(body)
                .post("/api/analytics/pages/views")
                .then()
                .statusCode(201)
                .body("page", equalTo(page))
                .body("userId", equalTo(user))
                .body("tenantId", equalTo(tenant));
    }

    @Test
    void statsPerWindowAndUser() {
        Instant now = Instant.now();
        view(student, "/home", 10, null);
        view(student, "/home", 20, now.minus(2, ChronoUnit.DAYS));
        view(student, "/grades", 5, now.minus(10, ChronoUnit.DAYS));
        view(otherStudent, "/home", 7, now.minus(100, ChronoUnit.DAYS));

        given().auth()
                .oauth2(TestTokens.token(tenant, admin, "ADMIN"))
                .get("/api/analytics/pages/stats")
                .then()
                .statusCode(200)
                .body("tenantId", equalTo(tenant))
                .body("app", equalTo("classroom-web"))
                .body(
                        "windows.window",
                        org.hamcrest.Matchers.contains("last24h", "last7d", "last30d", "allTime", "range"))
                .body("windows[0].views", equalTo(1))
                .body("windows[1].views", equalTo(2))
                .body("windows[1].timeSpentSeconds", equalTo(30))
                .body("windows[2].views", equalTo(3))
                .body("windows[3].views", equalTo(4))
                .body("windows[3].pages.items[0].page", equalTo("/home"))
                .body("windows[3].pages.items[0].views", equalTo(3))
                .body("windows[3].pages.items[0].timeSpentSeconds", equalTo(37))
                .body("windows[3].pages.total", equalTo(2))
                // The requested range, by default the last 30 days.
                .body("windows[4].views", equalTo(3))
                .body("windows[4].until", notNullValue());

        // One row per page, second page of the list.
        given().auth()
                .oauth2(TestTokens.token(tenant, admin, "ADMIN"))
                .queryParam("size", 1)
                .queryParam("page", 1)
                .get("/api/analytics/pages/stats")
                .then()
                .statusCode(200)
                .body("windows[3].pages.items", hasSize(1))
                .body("windows[3].pages.items[0].page", equalTo("/grades"));

        // A student sees only themselves, by default and when asking for themselves.
        given().auth()
                .oauth2(TestTokens.token(tenant, student, "STUDENT"))
                .get("/api/analytics/pages/stats")
                .then()
                .statusCode(200)
                .body("userId", equalTo(student))
                .body("windows[3].views", equalTo(3));

        // Admin filter by user.
        given().auth()
                .oauth2(TestTokens.token(tenant, admin, "ADMIN"))
                .queryParam("userId", otherStudent)
                .get("/api/analytics/pages/stats")
                .then()
                .statusCode(200)
                .body("windows[3].views", equalTo(1))
                .body("windows[0].views", equalTo(0));
    }

    @Test
    void viewsAndTheirStatisticsBelongToOneApplication() {
        String token = TestTokens.token(tenant, student, "STUDENT");
        view(student, "/home", 10, null);
        given().auth()
                .oauth2(token)
                .contentType(ContentType.JSON)
                .body(Map.of("page", "/focus", "timeSpentSeconds", 30, "app", "focus-mobile"))
                .post("/api/analytics/pages/views")
                .then()
                .statusCode(201)
                .body("app", equalTo("focus-mobile"));

        given().auth()
                .oauth2(token)
                .get("/api/analytics/pages/stats")
                .then()
                .statusCode(200)
                .body("app", equalTo("classroom-web"))
                .body("windows[3].views", equalTo(1))
                .body("windows[3].pages.items[0].page", equalTo("/home"));
        given().auth()
                .oauth2(token)
                .queryParam("app", "focus-mobile")
                .get("/api/analytics/pages/stats")
                .then()
                .statusCode(200)
                .body("app", equalTo("focus-mobile"))
                .body("windows[3].views", equalTo(1))
                .body("windows[3].pages.items[0].page", equalTo("/focus"));
        given().auth()
                .oauth2(TestTokens.token(tenant, admin, "ADMIN"))
                .queryParam("app", "another-app")
                .get("/api/analytics/pages/stats")
                .then()
                .statusCode(200)
                .body("windows[3].views", equalTo(0));
        for (String bad : new String[] {"Focus", "x", "9lives", "focus_mobile", "{\"$ne\":null}", "a".repeat(41)}) {
            given().auth()
                    .oauth2(token)
                    .queryParam("app", bad)
                    .get("/api/analytics/pages/stats")
                    .then()
                    .statusCode(400)
                    .contentType("application/problem+json")
                    .body("type", equalTo("urn:classroom:problem:invalid-app"));
            given().auth()
                    .oauth2(token)
                    .contentType(ContentType.JSON)
                    .body(Map.of("page", "/a", "timeSpentSeconds", 3, "app", bad))
                    .post("/api/analytics/pages/views")
                    .then()
                    .statusCode(400)
                    .contentType("application/problem+json");
        }
    }

    @Test
    void aTimestampWithoutZoneIsUtcAndAMalformedOneNamesItsParameter() {
        String token = TestTokens.token(tenant, student, "STUDENT");
        given().auth()
                .oauth2(token)
                .contentType(ContentType.JSON)
                .body(Map.of("page", "/a", "timeSpentSeconds", 3, "timestamp", "2026-09-01T08:10:00"))
                .post("/api/analytics/pages/views")
                .then()
                .statusCode(201)
                .body("at", equalTo("2026-09-01T08:10:00Z"));
        given().auth()
                .oauth2(token)
                .contentType(ContentType.JSON)
                .body(Map.of("page", "/b", "timeSpentSeconds", 3, "timestamp", "2026-09-01T10:10:00+02:00"))
                .post("/api/analytics/pages/views")
                .then()
                .statusCode(201)
                .body("at", equalTo("2026-09-01T08:10:00Z"));
        given().auth()
                .oauth2(token)
                .queryParam("from", "2026-09-01T08:10:00")
                .queryParam("to", "2026-09-01T08:10:01")
                .get("/api/analytics/pages/stats")
                .then()
                .statusCode(200)
                .body("windows[4].since", equalTo("2026-09-01T08:10:00Z"))
                .body("windows[4].views", equalTo(2));
        given().auth()
                .oauth2(token)
                .contentType(ContentType.JSON)
                .body(Map.of("page", "/a", "timeSpentSeconds", 3, "timestamp", "01/09/2026 08:10"))
                .post("/api/analytics/pages/views")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:classroom:problem:invalid-date"))
                .body("detail", containsString("'timestamp'"));
        given().auth()
                .oauth2(token)
                .queryParam("to", "2026-09-01T25:00:00")
                .get("/api/analytics/pages/stats")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:classroom:problem:invalid-date"))
                .body("detail", containsString("'to'"));
    }

    @Test
    void otherTenantsSeeNothing() {
        view(student, "/secret", 10, null);
        given().auth()
                .oauth2(TestTokens.token(TestTokens.newTenant(), admin, "ADMIN"))
                .get("/api/analytics/pages/stats")
                .then()
                .statusCode(200)
                .body("windows[3].views", equalTo(0))
                .body("windows[3].pages.items", hasSize(0));
    }

    @Test
    void studentAskingForSomeoneElseIs403() {
        given().auth()
                .oauth2(TestTokens.token(tenant, student, "STUDENT"))
                .queryParam("userId", otherStudent)
                .get("/api/analytics/pages/stats")
                .then()
                .statusCode(403)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:classroom:problem:forbidden"));
        // A teacher who does not teach that student.
        given().auth()
                .oauth2(TestTokens.token(tenant, UUID.randomUUID().toString(), "TEACHER"))
                .queryParam("userId", otherStudent)
                .get("/api/analytics/pages/stats")
                .then()
                .statusCode(403);
    }

    @Test
    void aTokenNamingNoTenantIs401() {
        String noTenant = Jwt.issuer(TestTokens.ISSUER)
                .audience(TestTokens.AUDIENCE)
                .subject(student)
                .groups(Set.of("STUDENT"))
                .sign();
        given().auth()
                .oauth2(noTenant)
                .get("/api/analytics/pages/stats")
                .then()
                .statusCode(401)
                .header("WWW-Authenticate", equalTo("Bearer"));
    }

    @Test
    void badInputIs400WithAProblem() {
        String token = TestTokens.token(tenant, student, "STUDENT");
        for (String body : new String[] {
            "{\"timeSpentSeconds\":3}",
            "{\"page\":\"\",\"timeSpentSeconds\":3}",
            "{\"page\":\"/a\",\"timeSpentSeconds\":-1}",
            "{\"page\":\"/a\"}",
            "{\"page\":\"/a\",\"timeSpentSeconds\":3,\"timestamp\":\"not a date\"}",
            "{\"page\":\"/a\",\"timeSpentSeconds\":3,\"timestamp\":\"2999-01-01T00:00:00Z\"}",
            "not json"
        }) {
            given().auth()
                    .oauth2(token)
                    .contentType(ContentType.JSON)
                    .body(body)
                    .post("/api/analytics/pages/views")
                    .then()
                    .statusCode(400)
                    .contentType("application/problem+json")
                    .body("status", equalTo(400))
                    .body("title", notNullValue());
        }
        given().auth()
                .oauth2(token)
                .queryParam("size", 100_000)
                .get("/api/analytics/pages/stats")
                .then()
                .statusCode(400)
                .body("type", equalTo("urn:classroom:problem:invalid-page"));
        given().auth()
                .oauth2(token)
                .queryParam("page", "x")
                .get("/api/analytics/pages/stats")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:classroom:problem:invalid-page"));
    }

    @Test
    void tokenIsRequired() {
        given().contentType(ContentType.JSON)
                .body("{\"page\":\"/a\",\"timeSpentSeconds\":3}")
                .post("/api/analytics/pages/views")
                .then()
                .statusCode(401);
        given().get("/api/analytics/pages/stats")
                .then()
                .statusCode(401)
                .contentType("application/problem+json")
                .body("status", equalTo(401));
        given().auth()
                .oauth2("not-a-token")
                .get("/api/analytics/pages/stats")
                .then()
                .statusCode(401);
    }
}
