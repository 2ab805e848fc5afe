package io.classroom.auth.service;

import io.classroom.auth.RefreshToken;
import io.classroom.auth.RefreshToken.Revocation;
import io.classroom.auth.UserAccount;
import io.classroom.auth.config.AuthConfig;
import io.classroom.auth.error.Problems;
import io.classroom.auth.repository.RefreshTokenRepository;
import io.classroom.auth.repository.UserRepository;
import io.classroom.auth.security.Caller;
import io.classroom.auth.security.TokenVerifier;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.UUID;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.MalformedClaimException;
import org.jose4j.jwt.consumer.InvalidJwtException;

/** Login, refresh-token rotation, logout and introspection. */
@ApplicationScoped
public class SessionService {

    private final UserRepository users;
    private final RefreshTokenRepository refreshTokens;
    private final PasswordHasher hasher;
    private final BruteForceGuard guard;
    private final TokenIssuer issuer;
    private final TokenVerifier verifier;
    private final AuthConfig.Token config;

    SessionService(
            UserRepository users,
            RefreshTokenRepository refreshTokens,
            PasswordHasher hasher,
            BruteForceGuard guard,
            TokenIssuer issuer,
            TokenVerifier verifier,
            AuthConfig config) {
        this.users = users;
        this.refreshTokens = refreshTokens;
        this.hasher = hasher;
        this.guard = guard;
        this.issuer = issuer;
        this.verifier = verifier;
        this.config = config.token();
    }

    /**
     * Counts the attempt first (429 without any bcrypt when the account or the address is over its limit), then checks
     * the password, against a dummy hash when the tenant or the email is unknown, so that every refusal (unknown
     * tenant, unknown email, wrong password, disabled account) takes as long and answers the same 401. A success
     * clears the account's counter and starts a new refresh-token family.
     */
    public Uni<Tokens> login(String tenantId, String email, String password, String clientAddress) {
        return guard.countLogin(tenantId, email, clientAddress)
                .chain(() -> users.findByEmail(tenantId, email))
                .chain(user -> hasher.matches(password, user == null ? null : user.passwordHash)
                        .map(ok -> ok && !user.disabled ? user : null))
                .chain(user -> user == null
                        ? Uni.createFrom().failure(Problems.invalidCredentials())
                        : guard.loginSucceeded(tenantId, email, clientAddress)
                                .chain(() ->
                                        Panache.withTransaction(() -> issue(user, UUID.randomUUID(), Instant.now()))));
    }

    /**
     * Rotates a refresh token. Presenting a token that was already rotated means it leaked: the whole family is
     * revoked. Revocations commit even though the call answers 401.
     */
    public Uni<Tokens> refresh(String refreshToken) {
        return Panache.withTransaction(() -> rotate(refreshToken))
                .onItem()
                .ifNull()
                .failWith(Problems::invalidRefreshToken);
    }

    /** Revokes one refresh token; unknown or already revoked tokens are ignored. */
    public Uni<Void> logout(String refreshToken) {
        return Panache.withTransaction(() -> refreshTokens
                        .findByHash(TokenHashes.sha256(refreshToken))
                        .onItem()
                        .ifNotNull()
                        .transformToUni(
                                token -> refreshTokens.revokeIfActive(token.id, Revocation.LOGOUT, Instant.now())))
                .replaceWithVoid();
    }

    public Uni<Void> logoutEverywhere(Caller caller) {
        return Panache.withTransaction(
                        () -> refreshTokens.revokeAllOfUser(caller.userId(), Revocation.LOGOUT, Instant.now()))
                .replaceWithVoid();
    }

    /** The verified claims of an access token whose user still exists and is enabled; null otherwise. */
    public Uni<JwtClaims> introspect(String accessToken) {
        JwtClaims claims;
        UUID userId;
        try {
            claims = verifier.verify(accessToken);
            userId = UUID.fromString(claims.getSubject());
        } catch (InvalidJwtException | MalformedClaimException | IllegalArgumentException e) {
            return Uni.createFrom().nullItem();
        }
        var tenantId = claims.getClaimValueAsString("tenant");
        return users.findInTenant(tenantId, userId).map(user -> user != null && !user.disabled ? claims : null);
    }

    private Uni<Tokens> rotate(String presented) {
        var now = Instant.now();
        return refreshTokens.findByHash(TokenHashes.sha256(presented)).chain(token -> {
            if (token == null || (token.revokedAt == null && token.expiresAt.isBefore(now))) {
                return Uni.createFrom().nullItem();
            }
            if (token.revokedAt != null) {
                return token.revocation == Revocation.ROTATED
                        ? revokeFamily(token, now)
                        : Uni.createFrom().nullItem();
            }
            return refreshTokens
                    .revokeIfActive(token.id, Revocation.ROTATED, now)
                    .chain(count -> count == 0
                            ? revokeFamily(token, now)
                            : users.findInTenant(token.tenantId, token.userId)
                                    .chain(user -> user == null || user.disabled
                                            ? Uni.createFrom().nullItem()
                                            : issue(user, token.familyId, now)));
        });
    }

    private Uni<Tokens> revokeFamily(RefreshToken reused, Instant now) {
        Log.warnf("Reuse of a rotated refresh token of user %s: revoking its family", reused.userId);
        return refreshTokens
                .revokeFamily(reused.familyId, Revocation.REUSE_DETECTED, now)
                .map(ignored -> (Tokens) null);
    }

    private Uni<Tokens> issue(UserAccount user, UUID familyId, Instant now) {
        var value = issuer.newRefreshTokenValue();
        var token = new RefreshToken();
        token.id = UUID.randomUUID();
        token.tokenHash = TokenHashes.sha256(value);
        token.familyId = familyId;
        token.userId = user.id;
        token.tenantId = user.tenantId;
        token.createdAt = now;
        token.expiresAt = now.plus(config.refreshTtl());
        return refreshTokens
                .persist(token)
                .map(saved -> new Tokens(
                        issuer.accessToken(user, now),
                        config.accessTtl().toSeconds(),
                        value,
                        config.refreshTtl().toSeconds()));
    }
}
