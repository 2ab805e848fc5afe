package io.classroom.analytics.repository;

import static com.mongodb.client.model.Filters.in;

import io.classroom.analytics.DeletedUser;
import io.quarkus.mongodb.panache.reactive.ReactivePanacheMongoRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/** Tombstones of deleted users: a digest of tenant and user id, and the pseudonym that replaced them. */
@ApplicationScoped
public class DeletedUserRepository implements ReactivePanacheMongoRepositoryBase<DeletedUser, String> {

    static String id(String tenantId, String userId) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256")
                    .digest((tenantId + "/" + userId).getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every JVM has SHA-256", e);
        }
    }

    /** The user's pseudonym: the one given at an earlier (redelivered) deletion, else a new random one. */
    private static final String PSEUDONYM_PREFIX = "deleted-";

    /** Whether an id in a stored row is the pseudonym of a deleted user. */
    public static boolean isPseudonym(String id) {
        return id != null && id.startsWith(PSEUDONYM_PREFIX);
    }

    public Uni<String> tombstone(String tenantId, String userId) {
        String id = id(tenantId, userId);
        return findById(id).chain(found -> {
            if (found != null) {
                return Uni.createFrom().item(found.pseudonym);
            }
            var deleted = new DeletedUser();
            deleted.id = id;
            deleted.tenantId = tenantId;
            deleted.pseudonym = PSEUDONYM_PREFIX + UUID.randomUUID();
            return persist(deleted)
                    .map(stored -> stored.pseudonym)
                    // another replica stored it first: take theirs
                    .onFailure(MongoErrors::isDuplicateKey)
                    .recoverWithUni(() -> findById(id).map(theirs -> theirs.pseudonym));
        });
    }

    /** The pseudonyms of those of these users (of one tenant) who were deleted; null ids are skipped. */
    public Uni<Map<String, String>> pseudonyms(String tenantId, Collection<String> userIds) {
        Set<String> distinct = new LinkedHashSet<>(userIds);
        distinct.remove(null);
        if (distinct.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        Map<String, String> byDigest = new HashMap<>();
        distinct.forEach(userId -> byDigest.put(id(tenantId, userId), userId));
        return mongoCollection()
                .find(in("_id", byDigest.keySet()))
                .collect()
                .asList()
                .map(found -> {
                    Map<String, String> pseudonyms = new HashMap<>();
                    found.stream()
                            .filter(Objects::nonNull)
                            .forEach(d -> pseudonyms.put(byDigest.get(d.id), d.pseudonym));
                    return pseudonyms;
                });
    }
}
