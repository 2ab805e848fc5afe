package io.classroom.auth.security;

import io.smallrye.jwt.auth.principal.DefaultJWTCallerPrincipal;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.JWTCallerPrincipal;
import io.smallrye.jwt.auth.principal.JWTCallerPrincipalFactory;
import io.smallrye.jwt.auth.principal.ParseException;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import org.jose4j.jwt.consumer.InvalidJwtException;

/**
 * Verifies bearer tokens against auth-service's own in-memory key set instead of fetching its own JWKS over HTTP.
 * Other services use the standard smallrye-jwt JWKS verification.
 */
@ApplicationScoped
@Alternative
@Priority(1)
public class LocalKeysJwtPrincipalFactory extends JWTCallerPrincipalFactory {

    private final TokenVerifier verifier;

    LocalKeysJwtPrincipalFactory(TokenVerifier verifier) {
        this.verifier = verifier;
    }

    @Override
    public JWTCallerPrincipal parse(String token, JWTAuthContextInfo authContextInfo) throws ParseException {
        try {
            return new DefaultJWTCallerPrincipal(token, "JWT", verifier.verify(token));
        } catch (InvalidJwtException e) {
            throw new ParseException("The access token was rejected", e);
        }
    }
}
