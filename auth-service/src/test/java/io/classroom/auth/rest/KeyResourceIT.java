package io.classroom.auth.rest;

import static io.classroom.auth.TestAccounts.PASSWORD;
import static io.classroom.auth.TestAccounts.accessToken;
import static io.classroom.auth.TestAccounts.client;
import static io.classroom.auth.TestAccounts.newTenantWithAdmin;
import static io.classroom.auth.TestAccounts.operatorToken;
import static io.classroom.auth.TestAccounts.randomEmail;
import static io.classroom.auth.TestAccounts.randomTenant;
import static io.classroom.auth.TestAccounts.register;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.quarkus.test.junit.QuarkusTest;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** JWKS, key rotation without downtime, and tenant creation by the operator. */
@QuarkusTest
class KeyResourceIT {

    @Test
    void jwksPublishesOnlyPublicRsaKeys() {
        var keys = given().get("/api/auth/.well-known/jwks.json")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("keys", Map.class);
        assertThat(keys).isNotEmpty();
        assertThat(keys).allSatisfy(key -> {
            assertThat(key)
                    .containsEntry("kty", "RSA")
                    .containsEntry("alg", "RS256")
                    .containsEntry("use", "sig");
            assertThat(key).containsKeys("kid", "n", "e").doesNotContainKeys("d", "p", "q");
        });
    }

    @Test
    void rotationKeepsOldTokensValidAndSignsNewOnesWithTheNewKey() {
        var tenant = randomTenant();
        newTenantWithAdmin(tenant, randomEmail(tenant));
        var email = randomEmail(tenant);
        register(tenant, email, "STUDENT");
        var before = accessToken(tenant, email);
        var oldKid = JwtParts.header(before).get("kid");

        String newKid = given().auth()
                .oauth2(operatorToken())
                .post("/api/auth/keys/rotate")
                .then()
                .statusCode(200)
                .extract()
                .path("kid");
        assertThat(newKid).isNotEqualTo(oldKid);

        var jwks =
                given().get("/api/auth/.well-known/jwks.json").then().extract().jsonPath();
        assertThat(jwks.getList("keys.kid")).first().isEqualTo(newKid);
        assertThat(jwks.getList("keys.kid")).contains(oldKid);

        given().auth().oauth2(before).get("/api/auth/users/me").then().statusCode(200);
        var after = accessToken(tenant, email);
        assertThat(JwtParts.header(after)).containsEntry("kid", newKid);
        given().auth().oauth2(after).get("/api/auth/users/me").then().statusCode(200);
    }

    @Test
    void onlyOperatorAdminsRotateKeysAndCreateTenants() {
        var tenant = randomTenant();
        var tenantAdmin = newTenantWithAdmin(tenant, randomEmail(tenant));
        given().auth().oauth2(tenantAdmin).post("/api/auth/keys/rotate").then().statusCode(403);
        given().post("/api/auth/keys/rotate").then().statusCode(401);
        client().auth()
                .oauth2(tenantAdmin)
                .body(newTenant(randomTenant()))
                .post("/api/auth/tenants")
                .then()
                .statusCode(403)
                .body("type", equalTo("urn:classroom:problem:operator-only"));
    }

    @Test
    void tenantCreationValidatesItsInput() {
        var operator = operatorToken();
        var tenant = randomTenant();
        client().auth()
                .oauth2(operator)
                .body(newTenant(tenant))
                .post("/api/auth/tenants")
                .then()
                .statusCode(201);
        client().auth()
                .oauth2(operator)
                .body(newTenant(tenant))
                .post("/api/auth/tenants")
                .then()
                .statusCode(409)
                .body("type", equalTo("urn:classroom:problem:duplicate-tenant"));
        client().auth()
                .oauth2(operator)
                .body(newTenant("Not A Slug"))
                .post("/api/auth/tenants")
                .then()
                .statusCode(400)
                .contentType("application/problem+json");
        client().auth()
                .oauth2(operator)
                .body(Map.of("id", randomTenant(), "name", "No admin"))
                .post("/api/auth/tenants")
                .then()
                .statusCode(400);
        client().auth()
                .oauth2(operator)
                .body("{\"id\": 12")
                .post("/api/auth/tenants")
                .then()
                .statusCode(400);
        given().auth()
                .oauth2(operator)
                .get("/q/openapi?format=json")
                .then()
                .statusCode(200)
                .body(
                        "paths.'/api/auth/login'.post.requestBody.content.'application/json'.examples.login",
                        org.hamcrest.Matchers.notNullValue())
                .body("tags.name", hasItem("Sessions"));
    }

    private static Map<String, Object> newTenant(String id) {
        return Map.of(
                "id",
                id,
                "name",
                "School " + id,
                "admin",
                Map.of(
                        "email",
                        "head@" + id.toLowerCase().replace(' ', '-') + ".example",
                        "password",
                        PASSWORD,
                        "displayName",
                        "Head"));
    }
}
