package io.classroom.ingest.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.classroom.ingest.Credentials;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class CredentialCipherTest {

    private static final String KEY = Base64.getEncoder().encodeToString(new byte[32]);

    @Test
    void roundTripsAndHidesThePlaintext() {
        var cipher = new CredentialCipher(KEY);
        var blob = cipher.encrypt(new Credentials("admin", "s3cret:pw"), "cam-1");
        assertThat(new String(blob, StandardCharsets.ISO_8859_1)).doesNotContain("s3cret", "admin");
        assertThat(cipher.decrypt(blob, "cam-1")).isEqualTo(new Credentials("admin", "s3cret:pw"));
        // Fresh nonce per encryption.
        assertThat(cipher.encrypt(new Credentials("admin", "s3cret:pw"), "cam-1"))
                .isNotEqualTo(blob);
    }

    @Test
    void blobIsBoundToItsCameraAndKey() {
        var cipher = new CredentialCipher(KEY);
        var blob = cipher.encrypt(new Credentials("admin", "pw"), "cam-1");
        assertThatThrownBy(() -> cipher.decrypt(blob, "cam-2")).isInstanceOf(IllegalStateException.class);
        var other = new CredentialCipher(Base64.getEncoder().encodeToString(new byte[] {
            1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29,
            30, 31, 32
        }));
        assertThatThrownBy(() -> other.decrypt(blob, "cam-1")).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void blobIsBoundToTheOriginItsCredentialsWereGivenFor() {
        var cipher = new CredentialCipher(KEY);
        var camera = UUID.randomUUID();
        var blob = cipher.encrypt(
                new Credentials("admin", "pw"), CredentialCipher.boundTo(camera, "rtsp://192.0.2.10:554"));
        assertThat(cipher.decrypt(blob, CredentialCipher.boundTo(camera, "rtsp://192.0.2.10:554")))
                .isEqualTo(new Credentials("admin", "pw"));
        for (var elsewhere :
                new String[] {"rtsp://192.0.2.11:554", "rtsp://192.0.2.10:555", "rtsps://192.0.2.10:554"}) {
            assertThatThrownBy(() -> cipher.decrypt(blob, CredentialCipher.boundTo(camera, elsewhere)))
                    .as(elsewhere)
                    .isInstanceOf(IllegalStateException.class);
        }
        assertThatThrownBy(() -> cipher.decrypt(blob, CredentialCipher.legacy(camera)))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() ->
                        cipher.decrypt(blob, CredentialCipher.boundTo(UUID.randomUUID(), "rtsp://192.0.2.10:554")))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void refusesKeysOfTheWrongSize() {
        assertThatThrownBy(() -> new CredentialCipher(Base64.getEncoder().encodeToString(new byte[16])))
                .hasMessageContaining("32 bytes");
        assertThatThrownBy(() -> new CredentialCipher("not base64!")).hasMessageContaining("base64");
    }
}
