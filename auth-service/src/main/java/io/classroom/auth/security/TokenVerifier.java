package io.classroom.auth.security;

import io.classroom.auth.config.AuthConfig;
import jakarta.enterprise.context.ApplicationScoped;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jwa.AlgorithmConstraints.ConstraintType;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.jwt.consumer.Validator;
import org.jose4j.lang.UnresolvableKeyException;

/**
 * The single verification of access tokens in auth-service (request authentication and introspection): RS256 only,
 * signature checked with the in-memory key named by {@code kid}, then issuer, audience, expiry and the suite's
 * required claims. There is no path that reads a token without verifying it.
 */
@ApplicationScoped
public class TokenVerifier {

    private final JwtConsumer consumer;

    TokenVerifier(VerificationKeys keys, AuthConfig config) {
        this.consumer = new JwtConsumerBuilder()
                .setJwsAlgorithmConstraints(
                        new AlgorithmConstraints(ConstraintType.PERMIT, AlgorithmIdentifiers.RSA_USING_SHA256))
                .setVerificationKeyResolver((jws, nestingContext) -> keys.verificationKey(jws.getKeyIdHeaderValue())
                        .orElseThrow(() -> new UnresolvableKeyException("Unknown or retired kid")))
                .setExpectedIssuer(true, config.token().issuer())
                .setExpectedAudience(true, config.token().audience())
                .setRequireExpirationTime()
                .setRequireIssuedAt()
                .setRequireSubject()
                .setAllowedClockSkewInSeconds((int) config.token().clockSkew().toSeconds())
                .registerValidator((Validator) context ->
                        context.getJwtClaims().getClaimValue("tenant") instanceof String tenant && !tenant.isBlank()
                                ? null
                                : "The tenant claim is missing")
                .build();
    }

    /** The claims of a token that verifies; {@link InvalidJwtException} otherwise. */
    public JwtClaims verify(String token) throws InvalidJwtException {
        return consumer.processToClaims(token);
    }
}
