package io.classroom.auth.service;

import io.classroom.auth.SigningKey;
import io.classroom.auth.config.AuthConfig;
import io.classroom.auth.error.Problems;
import io.classroom.auth.repository.SigningKeyRepository;
import io.classroom.auth.security.Caller;
import io.classroom.auth.security.VerificationKeys;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The RSA signing keys, held in memory for signing and verifying and persisted (private half encrypted) in PostgreSQL.
 * The newest unretired key signs; it and the previous key, plus any key retired less than one access-token lifetime
 * ago, verify and are published in the JWKS.
 */
@ApplicationScoped
public class SigningKeys implements VerificationKeys {

    /** How many stored keys are looked at; older ones cannot have live tokens. */
    private static final int CANDIDATES = 10;

    /** A usable key. */
    public record ActiveKey(String kid, RSAPublicKey publicKey, PrivateKey privateKey, Instant createdAt) {}

    private record KeySet(ActiveKey current, Map<String, ActiveKey> verifying) {}

    private final SigningKeyRepository repository;
    private final KeyCipher cipher;
    private final CryptoWorker worker;
    private final AuthConfig config;
    private volatile KeySet keySet = new KeySet(null, Map.of());

    SigningKeys(SigningKeyRepository repository, KeyCipher cipher, CryptoWorker worker, AuthConfig config) {
        this.repository = repository;
        this.cipher = cipher;
        this.worker = worker;
        this.config = config;
    }

    /** The key that signs new tokens. */
    public ActiveKey current() {
        var current = keySet.current;
        if (current == null) {
            throw new IllegalStateException("No signing key loaded yet");
        }
        return current;
    }

    @Override
    public Optional<RSAPublicKey> verificationKey(String kid) {
        return Optional.ofNullable(kid).map(keySet.verifying::get).map(ActiveKey::publicKey);
    }

    /** The keys published in the JWKS: current first. */
    public List<ActiveKey> published() {
        return List.copyOf(keySet.verifying.values());
    }

    /** Creates the first key when the database has none, then loads the key set. */
    public Uni<Void> initialise() {
        return repository
                .count()
                .chain(count -> count == 0
                        ? generate().chain(this::store)
                        : Uni.createFrom().voidItem())
                .chain(this::reload);
    }

    /**
     * Retires the current key and makes a new one; tokens of the old key keep verifying until they expire. Only admins
     * of the operator tenant rotate keys.
     */
    public Uni<String> rotate(Caller caller) {
        if (!caller.isAdminOf(config.bootstrap().tenantId())) {
            return Uni.createFrom()
                    .failure(Problems.forbidden("operator-only", "Only admins of the operator tenant rotate keys."));
        }
        return generate()
                .call(key -> Panache.withTransaction(
                        () -> repository.retireAllActive(Instant.now()).chain(() -> repository.persist(key))))
                .call(this::reload)
                .map(key -> key.kid)
                .invoke(kid -> Log.infof("Signing key rotated; new kid %s", kid));
    }

    /** Picks up keys rotated by another replica. */
    @Scheduled(every = "${auth.keys.reload-interval}", delayed = "${auth.keys.reload-interval}")
    Uni<Void> scheduledReload() {
        return reload().onFailure().invoke(e -> Log.warn("Reloading signing keys failed; keeping the old set", e));
    }

    Uni<Void> reload() {
        return repository.newest(CANDIDATES).invoke(this::install).replaceWithVoid();
    }

    private Uni<Void> store(SigningKey key) {
        return Panache.withTransaction(() -> repository.persist(key)).replaceWithVoid();
    }

    private void install(List<SigningKey> newestFirst) {
        // A retired key may still have unexpired tokens until one access-token lifetime (plus skew) has passed.
        var horizon = Instant.now()
                .minus(config.token().accessTtl())
                .minus(config.token().clockSkew())
                .minus(Duration.ofMinutes(1));
        ActiveKey current = null;
        var previousTaken = false;
        var verifying = new LinkedHashMap<String, ActiveKey>();
        for (var stored : newestFirst) {
            var isCurrent = current == null && stored.retiredAt == null;
            var isPrevious = !isCurrent && !previousTaken;
            var mayHaveLiveTokens = stored.retiredAt == null || stored.retiredAt.isAfter(horizon);
            if (isCurrent || isPrevious || mayHaveLiveTokens) {
                var key = decode(stored);
                verifying.put(stored.kid, key);
                if (isCurrent) {
                    current = key;
                } else {
                    previousTaken = true;
                }
            }
        }
        if (current == null) {
            throw new IllegalStateException("No current signing key in the database");
        }
        keySet = new KeySet(current, Collections.unmodifiableMap(verifying));
        Log.debugf("Loaded %d verification keys, current kid %s", verifying.size(), current.kid());
    }

    private Uni<SigningKey> generate() {
        return worker.run(() -> {
            try {
                var generator = KeyPairGenerator.getInstance("RSA");
                generator.initialize(config.keys().rsaBits());
                var pair = generator.generateKeyPair();
                var key = new SigningKey();
                key.kid = UUID.randomUUID().toString();
                key.publicKey =
                        Base64.getEncoder().encodeToString(pair.getPublic().getEncoded());
                key.privateKeyEncrypted = cipher.encrypt(pair.getPrivate().getEncoded());
                key.createdAt = Instant.now();
                return key;
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("Cannot generate an RSA key", e);
            }
        });
    }

    private ActiveKey decode(SigningKey stored) {
        try {
            var factory = KeyFactory.getInstance("RSA");
            var publicKey = (RSAPublicKey) factory.generatePublic(
                    new X509EncodedKeySpec(Base64.getDecoder().decode(stored.publicKey)));
            var privateKey =
                    factory.generatePrivate(new PKCS8EncodedKeySpec(cipher.decrypt(stored.privateKeyEncrypted)));
            return new ActiveKey(stored.kid, publicKey, privateKey, stored.createdAt);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Stored signing key " + stored.kid + " is unreadable", e);
        }
    }
}
