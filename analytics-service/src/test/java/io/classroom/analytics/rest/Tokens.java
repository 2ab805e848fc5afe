package io.classroom.analytics.rest;

import io.smallrye.jwt.build.Jwt;
import java.util.Set;

/** Access tokens signed with the test-only key. */
public final class Tokens {
    private Tokens() {}

    public static String of(String userId, String tenantId, String... roles) {
        return Jwt.issuer("urn:classroom:auth")
                .audience("classroom-suite")
                .subject(userId)
                .upn(userId + "@example.test")
                .groups(Set.of(roles))
                .claim("tenant", tenantId)
                .sign();
    }
}
