package io.classroom.auth;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** An RSA signing key. The private half is stored encrypted (AES-GCM); the newest unretired key signs. */
@Entity
@Table(name = "signing_keys")
public class SigningKey extends PanacheEntityBase {

    @Id
    @Column(length = 64)
    public String kid;

    /** X.509 SubjectPublicKeyInfo, base64. */
    @Column(name = "public_key", nullable = false, columnDefinition = "text")
    public String publicKey;

    /** base64(IV || AES-GCM(PKCS#8 private key)). */
    @Column(name = "private_key_encrypted", nullable = false, columnDefinition = "text")
    public String privateKeyEncrypted;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "retired_at")
    public Instant retiredAt;
}
