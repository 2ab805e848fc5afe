package io.classroom.vision.rest;

import io.smallrye.jwt.build.Jwt;
import java.util.Set;
import java.util.UUID;

/** Access tokens signed with the test-only key, shaped like auth-service's. */
public final class Tokens {

    private Tokens() {}

    public static String token(String tenantId, UUID userId, String... roles) {
        return Jwt.issuer("urn:classroom:auth")
                .audience("classroom-suite")
                .subject(userId.toString())
                .upn(userId + "@" + tenantId + ".example")
                .groups(Set.of(roles))
                .claim("tenant", tenantId)
                .sign();
    }

    public static String teacher(String tenantId) {
        return token(tenantId, UUID.randomUUID(), "TEACHER");
    }

    public static String tenant() {
        return "test-" + UUID.randomUUID();
    }
}
