package io.classroom.auth.security;

import java.security.interfaces.RSAPublicKey;
import java.util.Optional;

/**
 * Where {@link TokenVerifier} finds the public key of a {@code kid}: the service's signing keys implement it, so token
 * verification (a leaf every layer uses) does not depend on how keys are stored and rotated.
 */
public interface VerificationKeys {

    /** The public key for a {@code kid}, if it may still verify tokens. */
    Optional<RSAPublicKey> verificationKey(String kid);
}
