package io.classroom.auth.service;

import io.classroom.auth.Role;
import io.classroom.auth.UserAccount;
import io.classroom.auth.config.AuthConfig;
import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.build.Jwt;
import jakarta.enterprise.context.ApplicationScoped;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.stream.Collectors;

/** Signs access tokens with the current key and makes opaque refresh-token values. */
@ApplicationScoped
public class TokenIssuer {

    private final SigningKeys keys;
    private final AuthConfig config;
    private final SecureRandom random = new SecureRandom();

    TokenIssuer(SigningKeys keys, AuthConfig config) {
        this.keys = keys;
        this.config = config;
    }

    /** An RS256 access token for the user, with the current key's {@code kid}. */
    public String accessToken(UserAccount user, Instant now) {
        var key = keys.current();
        return Jwt.issuer(config.token().issuer())
                .audience(config.token().audience())
                .subject(user.id.toString())
                .upn(user.email)
                .groups(user.roles.stream().map(Role::name).collect(Collectors.toSet()))
                .claim("tenant", user.tenantId)
                .issuedAt(now)
                .expiresAt(now.plus(config.token().accessTtl()))
                .jws()
                .keyId(key.kid())
                .algorithm(SignatureAlgorithm.RS256)
                .sign(key.privateKey());
    }

    /** 256 random bits, URL-safe; only its SHA-256 is stored. */
    public String newRefreshTokenValue() {
        var bytes = new byte[32];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
