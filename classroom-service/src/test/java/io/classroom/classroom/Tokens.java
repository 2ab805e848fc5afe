package io.classroom.classroom;

import io.smallrye.jwt.build.Jwt;
import java.util.Set;
import java.util.UUID;

/** Test users: a random id in a given tenant, with a signed access token (test-only key pair). */
public record Tokens(String userId, String tenantId, String token) {

    public static Tokens of(String tenantId, String... roles) {
        var userId = UUID.randomUUID().toString();
        var token = Jwt.issuer("urn:classroom:auth")
                .audience("classroom-suite")
                .subject(userId)
                .upn(userId.substring(0, 8) + "@" + tenantId + ".example")
                .groups(Set.of(roles))
                .claim("tenant", tenantId)
                .claim("name", "User " + userId.substring(0, 8))
                .sign();
        return new Tokens(userId, tenantId, token);
    }

    public static String newTenant() {
        return "t-" + UUID.randomUUID();
    }

    public String bearer() {
        return "Bearer " + token;
    }
}
