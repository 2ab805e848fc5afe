package io.classroom.auth.service;

import io.classroom.auth.config.AuthConfig;
import io.quarkus.elytron.security.common.BcryptUtil;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

/** bcrypt on the crypto worker pool, never on the event loop. */
@ApplicationScoped
public class PasswordHasher {

    private final CryptoWorker worker;
    private final int cost;
    /** Checked against when the email is unknown, so that answer takes as long as a wrong password. */
    private final String dummyHash;

    PasswordHasher(CryptoWorker worker, AuthConfig config) {
        this.worker = worker;
        this.cost = config.password().bcryptCost();
        this.dummyHash = BcryptUtil.bcryptHash(UUID.randomUUID().toString(), cost);
    }

    public Uni<String> hash(String password) {
        return worker.run(() -> BcryptUtil.bcryptHash(password, cost));
    }

    /** Checks a password against a stored hash, or against a dummy hash when there is none. */
    public Uni<Boolean> matches(String password, String storedHashOrNull) {
        var hash = storedHashOrNull == null ? dummyHash : storedHashOrNull;
        return worker.run(() -> BcryptUtil.matches(password, hash) && storedHashOrNull != null);
    }
}
