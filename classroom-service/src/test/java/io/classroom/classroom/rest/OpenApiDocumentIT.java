package io.classroom.classroom.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;

/** Every endpoint of the service is described in the OpenAPI document, with a summary, responses and a tag. */
@QuarkusTest
class OpenApiDocumentIT {

    @Test
    void everyOperationIsDescribed() {
        Map<String, Map<String, Map<String, Object>>> paths = given().get("/q/openapi?format=json")
                .then()
                .statusCode(200)
                .extract()
                .path("paths");
        assertThat(paths)
                .containsKeys(
                        "/api/classroom/classes",
                        "/api/classroom/classes/join",
                        "/api/classroom/classes/{id}",
                        "/api/classroom/classes/{id}/archive",
                        "/api/classroom/classes/{id}/roster",
                        "/api/classroom/classes/{id}/students/{userId}",
                        "/api/classroom/classes/{id}/sessions",
                        "/api/classroom/rooms",
                        "/api/classroom/rooms/{id}",
                        "/api/classroom/sessions",
                        "/api/classroom/sessions/{sessionId}",
                        "/api/classroom/sessions/{sessionId}/end");
        paths.entrySet().stream()
                .filter(p -> p.getKey().startsWith("/api/classroom"))
                .flatMap(p -> p.getValue().values().stream())
                .forEach(operation -> {
                    assertThat(operation).containsKeys("summary", "responses", "tags", "security");
                    assertThat(operation.get("responses"))
                            .asInstanceOf(InstanceOfAssertFactories.MAP)
                            .containsKey("401");
                });
        // vision-service asks whether a teacher teaches a student with this filter.
        List<Map<String, Object>> parameters = given().get("/q/openapi?format=json")
                .then()
                .extract()
                .path("paths.'/api/classroom/classes'.get.parameters");
        assertThat(parameters)
                .filteredOn(p -> "student".equals(p.get("name")))
                .singleElement()
                .satisfies(p -> assertThat((String) p.get("description")).contains("roster"));
    }
}
