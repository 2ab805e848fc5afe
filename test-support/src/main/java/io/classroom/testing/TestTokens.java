package io.classroom.testing;

import io.smallrye.jwt.build.Jwt;
import java.util.Set;
import java.util.UUID;

/**
 * Access tokens shaped like auth-service's (issuer, audience, {@code groups}, {@code tenant}), signed with the
 * test-only key of this module ({@code test-keys/}); services verify them in the test profile.
 */
public final class TestTokens {

    public static final String ISSUER = "urn:classroom:auth";
    public static final String AUDIENCE = "classroom-suite";

    private TestTokens() {}

    public static String token(String tenantId, String userId, String... roles) {
        return Jwt.issuer(ISSUER)
                .audience(AUDIENCE)
                .subject(userId)
                .upn("user-" + userId.substring(0, Math.min(8, userId.length())) + "@" + tenantId + ".example")
                .groups(Set.of(roles))
                .claim("tenant", tenantId)
                .sign();
    }

    public static String token(String tenantId, UUID userId, String... roles) {
        return token(tenantId, userId.toString(), roles);
    }

    /** A tenant of its own, so data of other tests and earlier runs never interferes. */
    public static String newTenant() {
        return "t-" + UUID.randomUUID();
    }
}
