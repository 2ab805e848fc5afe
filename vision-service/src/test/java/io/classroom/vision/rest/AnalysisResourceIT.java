package io.classroom.vision.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import io.classroom.testing.TestTokens;
import io.classroom.vision.pipeline.TestAssets;
import io.quarkus.test.junit.QuarkusTest;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
class AnalysisResourceIT {

    private static final byte[] GROUP = TestAssets.read(TestAssets.faces().resolve("group/obama_and_biden.jpg"));
    private static final byte[] OBAMA = TestAssets.read(TestAssets.faces().resolve("obama/enrol/obama.jpg"));
    private static final byte[] OBAMA_PROBE = TestAssets.read(TestAssets.faces().resolve("obama/probe/obama1.jpg"));
    private static final byte[] BIDEN = TestAssets.read(TestAssets.faces().resolve("biden/enrol/biden.jpg"));

    @Test
    void analysesEveryFaceOfAGroupPhoto() {
        given().auth()
                .oauth2(TestTokens.token(TestTokens.newTenant(), UUID.randomUUID(), "STUDENT"))
                .contentType("image/jpeg")
                .body(GROUP)
                .post("/api/vision/analyze")
                .then()
                .statusCode(200)
                .body("width", equalTo(2000))
                .body("faces", hasSize(3))
                .body("faces[0].landmarks", hasSize(5))
                .body("faces[0].pose.yawDeg", notNullValue())
                .body("faces[0].quality.usable", equalTo(true))
                .body("faces[0].identity", nullValue())
                .body("models.embedder", equalTo("mobilefacenet-foamliu"));
    }

    @Test
    void badImagesGetProblemBodies() {
        var token = TestTokens.token(TestTokens.newTenant(), UUID.randomUUID(), "TEACHER");
        given().auth()
                .oauth2(token)
                .contentType("image/jpeg")
                .body("not an image".getBytes())
                .post("/api/vision/analyze")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:classroom:problem:invalid-image"))
                .body("detail", containsString("not a JPEG or PNG"));
        given().auth()
                .oauth2(token)
                .contentType("image/jpeg")
                .body(new byte[0])
                .post("/api/vision/analyze")
                .then()
                .statusCode(400)
                .body("title", notNullValue());
        given().auth()
                .oauth2(token)
                .contentType("image/jpeg")
                .body(Arrays.copyOf(OBAMA, OBAMA.length / 2))
                .post("/api/vision/analyze")
                .then()
                .statusCode(400)
                .body("detail", containsString("truncated"));
        var bomb = TestAssets.hugePng(20_000, 20_000);
        given().auth()
                .oauth2(token)
                .contentType("image/png")
                .body(bomb)
                .post("/api/vision/analyze")
                .then()
                .statusCode(413)
                .contentType("application/problem+json")
                .body("detail", containsString("20000x20000"));
        given().auth()
                .oauth2(token)
                .contentType("text/plain")
                .body("hello")
                .post("/api/vision/analyze")
                .then()
                .statusCode(415)
                .contentType("application/problem+json");
        given().contentType("image/jpeg")
                .body(OBAMA)
                .post("/api/vision/analyze")
                .then()
                .statusCode(401);
        // The service is still up and answering.
        given().auth()
                .oauth2(token)
                .contentType("image/jpeg")
                .body(OBAMA)
                .post("/api/vision/analyze")
                .then()
                .statusCode(200)
                .body("faces", hasSize(1));
    }

    @Test
    void verifiesTwoPhotos() {
        var token = TestTokens.token(TestTokens.newTenant(), UUID.randomUUID(), "ADMIN");
        var encoder = Base64.getEncoder();
        given().auth()
                .oauth2(token)
                .contentType("application/json")
                .body(Map.of(
                        "imageA",
                        "data:image/jpeg;base64," + encoder.encodeToString(OBAMA),
                        "imageB",
                        encoder.encodeToString(OBAMA_PROBE)))
                .post("/api/vision/verify")
                .then()
                .statusCode(200)
                .body("samePerson", equalTo(true))
                .body("similarity", greaterThan(0.5f));
        given().auth()
                .oauth2(token)
                .contentType("application/json")
                .body(Map.of("imageA", encoder.encodeToString(OBAMA), "imageB", encoder.encodeToString(BIDEN)))
                .post("/api/vision/verify")
                .then()
                .statusCode(200)
                .body("samePerson", equalTo(false))
                .body("similarity", lessThan(0.4f));
        given().auth()
                .oauth2(token)
                .contentType("application/json")
                .body(Map.of("imageA", "%%%", "imageB", encoder.encodeToString(BIDEN)))
                .post("/api/vision/verify")
                .then()
                .statusCode(400);
        given().auth()
                .oauth2(TestTokens.token(TestTokens.newTenant(), UUID.randomUUID(), "STUDENT"))
                .contentType("application/json")
                .body(Map.of("imageA", encoder.encodeToString(OBAMA), "imageB", encoder.encodeToString(BIDEN)))
                .post("/api/vision/verify")
                .then()
                .statusCode(403);
    }

    @Test
    void calibrationPerSourceChangesAttention() {
        var tenant = TestTokens.newTenant();
        var token = TestTokens.token(tenant, UUID.randomUUID(), "ADMIN");
        given().auth()
                .oauth2(token)
                .get("/api/vision/calibrations/cam-1")
                .then()
                .statusCode(200)
                .body("boardYawDeg", equalTo(0.0f));
        // Board far to the side: a frontal face is no longer attentive.
        given().auth()
                .oauth2(token)
                .contentType("application/json")
                .body(Map.of("boardYawDeg", 60, "boardPitchDeg", 0, "yawToleranceDeg", 15, "pitchToleranceDeg", 20))
                .put("/api/vision/calibrations/cam-1")
                .then()
                .statusCode(200);
        given().auth()
                .oauth2(token)
                .contentType("image/jpeg")
                .body(OBAMA)
                .queryParam("sourceId", "cam-1")
                .post("/api/vision/analyze")
                .then()
                .statusCode(200)
                .body("faces[0].attentive", equalTo(false));
        given().auth()
                .oauth2(token)
                .contentType("image/jpeg")
                .body(OBAMA)
                .queryParam("sourceId", "cam-2")
                .post("/api/vision/analyze")
                .then()
                .statusCode(200)
                .body("faces[0].attentive", equalTo(true));
        given().auth()
                .oauth2(token)
                .contentType("application/json")
                .body(Map.of("boardYawDeg", 400, "boardPitchDeg", 0, "yawToleranceDeg", 15, "pitchToleranceDeg", 20))
                .put("/api/vision/calibrations/cam-1")
                .then()
                .statusCode(400);
        // Another tenant does not see it.
        given().auth()
                .oauth2(TestTokens.token(TestTokens.newTenant(), UUID.randomUUID(), "TEACHER"))
                .delete("/api/vision/calibrations/cam-1")
                .then()
                .statusCode(404);
        given().auth()
                .oauth2(token)
                .delete("/api/vision/calibrations/cam-1")
                .then()
                .statusCode(204);
    }
}
