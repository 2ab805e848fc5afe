package io.classroom.ingest;

import io.smallrye.jwt.build.Jwt;
import java.util.Set;
import java.util.UUID;

/** Access tokens signed with the test-only key, shaped like auth-service's. */
public final class TestTokens {

    private TestTokens() {}

    public static String token(String tenantId, String userId, String role) {
        return Jwt.issuer("urn:classroom:auth")
                .audience("classroom-suite")
                .subject(userId)
                .upn(role.toLowerCase() + "@example.org")
                .groups(Set.of(role))
                .claim("tenant", tenantId)
                .sign();
    }

    public static String token(String tenantId, String role) {
        return token(tenantId, UUID.randomUUID().toString(), role);
    }

    public static String tenant() {
        return "test-" + UUID.randomUUID();
    }
}
