package io.classroom.tracking;

import static io.classroom.tracking.TestSupport.KAFKA;
import static io.classroom.tracking.TestSupport.frame;
import static io.classroom.tracking.TestSupport.produce;
import static io.classroom.tracking.TestSupport.token;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.classroom.tracking.TestSupport.Face;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import java.net.URI;
import java.net.URL;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Every operation of the OpenAPI and the live WebSocket, called as every kind of principal, with the expected status
 * of each cell (one row per operation). Refusals are problem+json and change nothing.
 */
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuthorizationMatrixIT {

    /** Who calls; the columns of the matrix, in this order. */
    enum Principal {
        ANONYMOUS,
        STUDENT_OWNER,
        STUDENT_OTHER,
        TEACHER_OWNER,
        TEACHER_OTHER,
        ADMIN,
        OTHER_TENANT
    }

    /**
     * The WebSocket outcomes: a snapshot, closed as not the caller's session (1008), or closed as no session of the
     * caller's tenant (4404, once tracking.session-wait is over).
     */
    private static final int SNAPSHOT = 101;

    private static final int CLOSED = 1008;
    private static final int UNKNOWN = 4404;

    private static final Instant START = Instant.parse("2026-02-02T08:00:00Z");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TestHTTPResource("/")
    URL base;

    private final String tenant = TestSupport.tenant();
    private final UUID ada = UUID.randomUUID();
    private final UUID bob = UUID.randomUUID();
    private final UUID teacher = UUID.randomUUID();
    private final UUID otherTeacher = UUID.randomUUID();
    private final UUID admin = UUID.randomUUID();
    private final UUID sessionId = UUID.randomUUID();
    private final String classId = "class-" + UUID.randomUUID();
    private String personalId;

    private String tokenOf(Principal principal) {
        return switch (principal) {
            case ANONYMOUS -> null;
            case STUDENT_OWNER -> token(ada, tenant, "STUDENT");
            case STUDENT_OTHER -> token(bob, tenant, "STUDENT");
            case TEACHER_OWNER -> token(teacher, tenant, "TEACHER");
            case TEACHER_OTHER -> token(otherTeacher, tenant, "TEACHER");
            case ADMIN -> token(admin, tenant, "ADMIN");
            case OTHER_TENANT -> token(UUID.randomUUID(), TestSupport.tenant(), "ADMIN");
        };
    }

    private boolean seeded;

    /**
     * A class session (Ada on the roster, taught by the owner teacher) that ended, and a personal session of Ada; made
     * once (one test instance for the class) before the first test, when RestAssured knows the test port.
     */
    @BeforeEach
    void seed() {
        if (seeded) {
            return;
        }
        seeded = true;
        try (var kafka = new KafkaCompanion(KAFKA)) {
            produce(
                    kafka,
                    "classroom.sessions.v1",
                    classId,
                    TestSupport.sessionStarted(tenant, sessionId, classId, teacher, List.of(ada), START));
            await().atMost(Duration.ofSeconds(60))
                    .untilAsserted(() -> given().auth()
                            .oauth2(tokenOf(Principal.ADMIN))
                            .get("/api/tracking/sessions/{id}", sessionId)
                            .then()
                            .statusCode(200));
            produce(
                    kafka,
                    "vision.observations.v1",
                    "cam-a",
                    frame(tenant, "cam-a", sessionId, null, START.plusSeconds(1), List.of(Face.of(ada, true))));
            await().atMost(Duration.ofSeconds(60))
                    .untilAsserted(() -> given().auth()
                            .oauth2(tokenOf(Principal.ADMIN))
                            .get("/api/tracking/sessions/{id}", sessionId)
                            .then()
                            .body("frames", equalTo(1)));
            produce(
                    kafka,
                    "classroom.sessions.v1",
                    classId,
                    TestSupport.sessionEnded(tenant, sessionId, classId, START, START.plusSeconds(60)));
            await().atMost(Duration.ofSeconds(60))
                    .untilAsserted(() -> given().auth()
                            .oauth2(tokenOf(Principal.ADMIN))
                            .get("/api/tracking/sessions/{id}/attendance", sessionId)
                            .then()
                            .body("", hasSize(1))
                            .body("[0].status", equalTo("ABSENT")));
        }
        personalId = given().auth()
                .oauth2(tokenOf(Principal.STUDENT_OWNER))
                .contentType(ContentType.JSON)
                .body("{\"title\":\"Homework\"}")
                .post("/api/tracking/personal-sessions")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
    }

    /**
     * One operation: method, path, body, and the expected status per principal in {@link Principal} order. {@code
     * state} reads what the operation could change (as the admin), so a refusal can be shown to change nothing.
     */
    record Row(
            String method,
            String template,
            Supplier<String> path,
            String body,
            Supplier<Object> state,
            int... expected) {

        Map<Principal, Integer> cells() {
            Map<Principal, Integer> cells = new EnumMap<>(Principal.class);
            for (Principal p : Principal.values()) {
                cells.put(p, expected[p.ordinal()]);
            }
            return cells;
        }
    }

    private List<Row> rows() {
        String s = "/api/tracking/sessions/";
        String p = "/api/tracking/personal-sessions";
        Supplier<Object> none = () -> null;
        Supplier<Object> override = () -> adminGet(s + sessionId + "/attendance/" + ada + "/overrides");
        Supplier<Object> personal = () -> given()
                .auth()
                .oauth2(tokenOf(Principal.ADMIN))
                .get(p + "/" + personalId)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getMap("")
                .entrySet()
                .stream()
                .filter(field -> !field.getKey().equals("activeSeconds")) // grows with the clock while it runs
                .toList();
        String override1 = "{\"status\":\"PRESENT\",\"reason\":\"seen in the corridor\"}";
        // columns: ANONYMOUS, STUDENT_OWNER, STUDENT_OTHER, TEACHER_OWNER, TEACHER_OTHER, ADMIN, OTHER_TENANT
        return List.of(
                new Row("GET", s + "{sessionId}", () -> s + sessionId, null, none, 401, 403, 403, 200, 404, 200, 404),
                new Row(
                        "GET",
                        s + "{sessionId}/attendance",
                        () -> s + sessionId + "/attendance",
                        null,
                        none,
                        401,
                        403,
                        403,
                        200,
                        404,
                        200,
                        404),
                new Row(
                        "PUT",
                        s + "{sessionId}/attendance/{userId}",
                        () -> s + sessionId + "/attendance/" + ada,
                        override1,
                        override,
                        401,
                        403,
                        403,
                        200,
                        404,
                        200,
                        404),
                new Row(
                        "GET",
                        s + "{sessionId}/attendance/{userId}/overrides",
                        () -> s + sessionId + "/attendance/" + ada + "/overrides",
                        null,
                        none,
                        401,
                        403,
                        403,
                        200,
                        404,
                        200,
                        404),
                new Row(
                        "GET",
                        "/api/tracking/me/attendance",
                        () -> "/api/tracking/me/attendance",
                        null,
                        none,
                        401,
                        200,
                        200,
                        200,
                        200,
                        200,
                        200),
                new Row(
                        "GET",
                        "/api/tracking/classes/{classId}/attendance",
                        () -> "/api/tracking/classes/" + classId + "/attendance",
                        null,
                        none,
                        401,
                        403,
                        403,
                        200,
                        404,
                        200,
                        404),
                new Row("POST", p, () -> p, "{}", none, 401, 201, 201, 201, 201, 201, 201),
                new Row("GET", p, () -> p, null, none, 401, 200, 200, 200, 200, 200, 200),
                // one user's sessions: their own; a teacher who taught them (Ada is on the owner teacher's roster);
                // any of the school's for an admin (another school's admin finds none of them)
                new Row("GET", p, () -> p + "?userId=" + ada, null, none, 401, 200, 403, 200, 404, 200, 200),
                new Row("GET", p + "/all", () -> p + "/all", null, none, 401, 403, 403, 403, 403, 200, 200),
                new Row("GET", p + "/{id}", () -> p + "/" + personalId, null, none, 401, 200, 404, 404, 404, 200, 404),
                new Row(
                        "POST",
                        p + "/{id}/pause",
                        () -> p + "/" + personalId + "/pause",
                        "{}",
                        personal,
                        401,
                        200,
                        404,
                        404,
                        404,
                        403,
                        404),
                new Row(
                        "POST",
                        p + "/{id}/resume",
                        () -> p + "/" + personalId + "/resume",
                        "{}",
                        personal,
                        401,
                        200,
                        404,
                        404,
                        404,
                        403,
                        404),
                new Row(
                        "POST",
                        p + "/{id}/activities",
                        () -> p + "/" + personalId + "/activities",
                        "{\"activities\":[{\"activity\":\"READING\",\"at\":\"" + Instant.now() + "\"}]}",
                        personal,
                        401,
                        200,
                        404,
                        404,
                        404,
                        403,
                        404),
                new Row(
                        "POST",
                        p + "/{id}/end",
                        () -> p + "/" + personalId + "/end",
                        "{}",
                        personal,
                        401,
                        200,
                        404,
                        404,
                        404,
                        403,
                        404));
    }

    private Object adminGet(String path) {
        return given().auth()
                .oauth2(tokenOf(Principal.ADMIN))
                .get(path)
                .then()
                .statusCode(200)
                .extract()
                .asString();
    }

    @Test
    void everyOperationAnswersEachPrincipalAsTheMatrixSays() {
        List<String> failures = new ArrayList<>();
        for (Row row : rows()) {
            // the owner last, so that a refused write is checked against the state before any allowed one
            List<Principal> order = new ArrayList<>(List.of(Principal.values()));
            order.sort((a, b) -> Integer.compare(
                    row.cells().get(a) < 400 ? 1 : 0, row.cells().get(b) < 400 ? 1 : 0));
            for (Principal principal : order) {
                Object before = row.state().get();
                Response response = call(row, principal);
                int expected = row.cells().get(principal);
                if (response.statusCode() != expected) {
                    failures.add("%s %s as %s: %d, expected %d"
                            .formatted(row.method(), row.template(), principal, response.statusCode(), expected));
                    continue;
                }
                if (expected >= 400) {
                    assertThat(response.contentType())
                            .as("%s %s as %s", row.method(), row.template(), principal)
                            .contains("application/problem+json");
                    assertThat(response.jsonPath().getInt("status")).isEqualTo(expected);
                    assertThat(row.state().get())
                            .as("%s %s as %s changed nothing", row.method(), row.template(), principal)
                            .isEqualTo(before);
                }
            }
        }
        assertThat(failures).isEmpty();
    }

    private Response call(Row row, Principal principal) {
        RequestSpecification request = given();
        String jwt = tokenOf(principal);
        if (jwt != null) {
            request = request.auth().oauth2(jwt);
        }
        if (row.body() != null) {
            request = request.contentType(ContentType.JSON).body(row.body());
        }
        return request.request(row.method(), row.path().get());
    }

    @Test
    void theMatrixCoversEveryOperationOfTheOpenApi() throws Exception {
        var paths = JSON.readTree(given().get("/q/openapi?format=json")
                        .then()
                        .statusCode(200)
                        .extract()
                        .asString())
                .get("paths");
        Set<String> documented = new TreeSet<>();
        Set<String> methods = Set.of("get", "put", "post", "delete", "patch", "head", "options");
        paths.fields()
                .forEachRemaining(path -> path.getValue().fieldNames().forEachRemaining(method -> {
                    if (methods.contains(method)) {
                        documented.add(method.toUpperCase() + " " + path.getKey());
                    }
                }));
        Set<String> covered = new TreeSet<>();
        rows().forEach(row -> covered.add(row.method() + " " + row.template()));
        assertThat(covered).isEqualTo(documented);
    }

    @Test
    void ownDataOnlyInTheCallersOwnListings() {
        given().auth()
                .oauth2(tokenOf(Principal.STUDENT_OWNER))
                .get("/api/tracking/me/attendance")
                .then()
                .body("", hasSize(1))
                .body("[0].userId", equalTo(ada.toString()));
        given().auth()
                .oauth2(tokenOf(Principal.STUDENT_OTHER))
                .get("/api/tracking/me/attendance")
                .then()
                .body("", hasSize(0));
        given().auth()
                .oauth2(tokenOf(Principal.STUDENT_OTHER))
                .get("/api/tracking/personal-sessions")
                .then()
                .body("id", Matchers.not(Matchers.hasItem(personalId)));
        given().auth()
                .oauth2(tokenOf(Principal.ADMIN))
                .get("/api/tracking/personal-sessions/all")
                .then()
                .body("id", Matchers.hasItem(personalId));
        given().auth()
                .oauth2(tokenOf(Principal.OTHER_TENANT))
                .get("/api/tracking/personal-sessions/all")
                .then()
                .body("id", Matchers.not(Matchers.hasItem(personalId)));
        for (Principal staff : List.of(Principal.TEACHER_OWNER, Principal.ADMIN)) {
            given().auth()
                    .oauth2(tokenOf(staff))
                    .queryParam("userId", ada.toString())
                    .get("/api/tracking/personal-sessions")
                    .then()
                    .statusCode(200)
                    .body("id", Matchers.hasItem(personalId))
                    .body("userId", Matchers.everyItem(equalTo(ada.toString())));
        }
        given().auth()
                .oauth2(tokenOf(Principal.OTHER_TENANT))
                .queryParam("userId", ada.toString())
                .get("/api/tracking/personal-sessions")
                .then()
                .statusCode(200)
                .body("", hasSize(0));
    }

    /** The live WebSocket: rows per kind of session, expected outcome per principal (401 at the upgrade). */
    @Test
    void theLiveWebSocketAnswersEachPrincipalAsTheMatrixSays() throws Exception {
        // columns: ANONYMOUS, STUDENT_OWNER, STUDENT_OTHER, TEACHER_OWNER, TEACHER_OTHER, ADMIN, OTHER_TENANT
        Map<String, int[]> rows = Map.of(
                "class session " + sessionId,
                new int[] {401, CLOSED, CLOSED, SNAPSHOT, CLOSED, SNAPSHOT, UNKNOWN},
                "personal session " + personalId,
                new int[] {401, SNAPSHOT, CLOSED, CLOSED, CLOSED, SNAPSHOT, UNKNOWN});
        List<String> failures = new ArrayList<>();
        for (var row : rows.entrySet()) {
            String id = row.getKey().substring(row.getKey().lastIndexOf(' ') + 1);
            for (Principal principal : Principal.values()) {
                int expected = row.getValue()[principal.ordinal()];
                int actual = connect(id, tokenOf(principal));
                if (actual != expected) {
                    failures.add("WS %s as %s: %d, expected %d".formatted(row.getKey(), principal, actual, expected));
                }
            }
        }
        assertThat(failures).isEmpty();
    }

    /** SNAPSHOT, the close code (without any message) or the HTTP status of a refused upgrade. */
    private int connect(String sessionId, String jwt) throws Exception {
        URI uri = URI.create(base.toString().replaceFirst("^http", "ws") + "ws/sessions/" + sessionId);
        var client = new Client();
        var builder = HttpClient.newHttpClient().newWebSocketBuilder();
        if (jwt != null) {
            builder.subprotocols(
                    "bearer-token-carrier",
                    URLEncoder.encode("quarkus-http-upgrade#Authorization#Bearer " + jwt, StandardCharsets.UTF_8)
                            .replace("+", "%20"));
        }
        WebSocket socket;
        try {
            socket = builder.buildAsync(uri, client)
                    .orTimeout(60, TimeUnit.SECONDS)
                    .join();
        } catch (RuntimeException e) {
            if (e.getCause() instanceof WebSocketHandshakeException refused) {
                return refused.getResponse().statusCode();
            }
            throw e;
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> !client.messages.isEmpty() || client.closeCode != -1);
        String first = client.messages.peek();
        if (first != null && first.contains("\"snapshot\"")) {
            socket.abort();
            return SNAPSHOT;
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> client.closeCode != -1);
        return client.messages.isEmpty() ? client.closeCode : -2;
    }

    /** Text messages received, and the close code (-1 while open). */
    static final class Client implements WebSocket.Listener {
        final BlockingQueue<String> messages = new LinkedBlockingQueue<>();
        volatile int closeCode = -1;
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                messages.add(partial.toString());
                partial.setLength(0);
            }
            socket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket socket, int statusCode, String reason) {
            closeCode = statusCode;
            return null;
        }
    }
}
