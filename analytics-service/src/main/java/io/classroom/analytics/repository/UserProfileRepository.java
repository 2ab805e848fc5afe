package io.classroom.analytics.repository;

import io.classroom.analytics.UserProfile;
import io.quarkus.mongodb.panache.reactive.ReactivePanacheMongoRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Display names of users, for reports. */
@ApplicationScoped
public class UserProfileRepository implements ReactivePanacheMongoRepositoryBase<UserProfile, String> {

    public static String id(String tenantId, String userId) {
        return tenantId + "/" + userId;
    }

    /** Display name per user id, for those known. */
    public Uni<Map<String, String>> names(String tenantId, Collection<String> userIds) {
        List<String> ids = userIds.stream().map(u -> id(tenantId, u)).toList();
        return find("_id in ?1", ids)
                .list()
                .map(found -> found.stream()
                        .filter(p -> p.displayName != null)
                        .collect(Collectors.toMap(p -> p.userId, p -> p.displayName, (a, b) -> a)));
    }
}
