package io.classroom.ingest.security;

import io.classroom.ingest.Credentials;
import io.classroom.ingest.config.IngestConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.UUID;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-256-GCM for camera credentials at rest. Blob layout: 12-byte nonce, then ciphertext with tag. The associated
 * data binds a blob to its camera and to the scheme, host and port its credentials were given for ({@link #boundTo}):
 * a blob copied onto another camera row, or left on a row whose URL now names another host, does not decrypt, so
 * credentials can never be sent where they were not given for. Rows written before that binding used the camera id
 * alone ({@link #legacy}); the service re-encrypts them at start.
 */
@ApplicationScoped
public class CredentialCipher {

    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecretKey key;
    private final SecureRandom random = new SecureRandom();

    @Inject
    public CredentialCipher(IngestConfig config) {
        this(config.credentialsKey());
    }

    CredentialCipher(String base64Key) {
        byte[] raw;
        try {
            raw = Base64.getDecoder().decode(base64Key.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("ingest.credentials-key is not valid base64");
        }
        if (raw.length != 32) {
            throw new IllegalStateException("ingest.credentials-key must be base64 of 32 bytes");
        }
        this.key = new SecretKeySpec(raw, "AES");
    }

    /** Associated data of credentials given for {@code origin} ({@code scheme://host:port}) of camera {@code id}. */
    public static String boundTo(UUID cameraId, String origin) {
        return "camera=" + cameraId + ";origin=" + origin;
    }

    /** Associated data of blobs written before credentials were bound to an origin: the camera id alone. */
    public static String legacy(UUID cameraId) {
        return cameraId.toString();
    }

    public byte[] encrypt(Credentials credentials, String associatedData) {
        var plain = (nullToEmpty(credentials.username()) + '\0' + nullToEmpty(credentials.password()))
                .getBytes(StandardCharsets.UTF_8);
        var nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            var cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(associatedData.getBytes(StandardCharsets.UTF_8));
            var sealed = cipher.doFinal(plain);
            return ByteBuffer.allocate(NONCE_BYTES + sealed.length)
                    .put(nonce)
                    .put(sealed)
                    .array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot encrypt camera credentials", e);
        }
    }

    public Credentials decrypt(byte[] blob, String associatedData) {
        try {
            var cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, blob, 0, NONCE_BYTES));
            cipher.updateAAD(associatedData.getBytes(StandardCharsets.UTF_8));
            var plain =
                    new String(cipher.doFinal(blob, NONCE_BYTES, blob.length - NONCE_BYTES), StandardCharsets.UTF_8);
            var split = plain.indexOf('\0');
            return new Credentials(plain.substring(0, split), plain.substring(split + 1));
        } catch (GeneralSecurityException e) {
            // Wrong key, a tampered row or another origin; the message names neither the key nor the secret.
            throw new IllegalStateException(
                    "cannot decrypt camera credentials (wrong ingest.credentials-key, or not given for this URL)");
        }
    }

    private static String nullToEmpty(String value) {
        return value == null ? "" : value;
    }
}
