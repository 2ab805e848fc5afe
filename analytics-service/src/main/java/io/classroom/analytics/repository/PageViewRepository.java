package io.classroom.analytics.repository;

import static com.mongodb.client.model.Accumulators.sum;
import static com.mongodb.client.model.Aggregates.facet;
import static com.mongodb.client.model.Aggregates.group;
import static com.mongodb.client.model.Aggregates.match;
import static com.mongodb.client.model.Aggregates.sort;
import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.gte;
import static com.mongodb.client.model.Sorts.ascending;
import static com.mongodb.client.model.Sorts.descending;
import static com.mongodb.client.model.Sorts.orderBy;

import com.mongodb.client.model.Facet;
import io.classroom.analytics.PageView;
import io.quarkus.mongodb.panache.reactive.ReactivePanacheMongoRepository;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.bson.conversions.Bson;

/** Page views and their per-page statistics. */
@ApplicationScoped
public class PageViewRepository implements ReactivePanacheMongoRepository<PageView> {

    /** Views and seconds per page, one aggregation with a {@code $facet} per window (null start: all time). */
    public Uni<Map<String, List<PageCount>>> statsByWindow(
            String tenantId, String userId, Map<String, Instant> windowStarts) {
        Bson scope = userId == null ? eq("tenantId", tenantId) : and(eq("tenantId", tenantId), eq("userId", userId));
        List<Facet> facets = new ArrayList<>();
        windowStarts.forEach((name, start) -> {
            List<Bson> stages = new ArrayList<>();
            if (start != null) {
                stages.add(match(gte("at", start)));
            }
            stages.add(group("$page", sum("views", 1), sum("seconds", "$timeSpentSeconds")));
            stages.add(sort(orderBy(descending("views"), ascending("_id"))));
            facets.add(new Facet(name, stages));
        });
        return mongoCollection()
                .aggregate(List.of(match(scope), facet(facets)), Document.class)
                .collect()
                .first()
                .map(result -> {
                    Map<String, List<PageCount>> byWindow = new LinkedHashMap<>();
                    for (String name : windowStarts.keySet()) {
                        List<PageCount> counts = new ArrayList<>();
                        if (result != null) {
                            for (Document row : result.getList(name, Document.class, List.of())) {
                                counts.add(new PageCount(
                                        row.getString("_id"),
                                        ((Number) row.get("views")).longValue(),
                                        ((Number) row.get("seconds")).longValue()));
                            }
                        }
                        byWindow.put(name, counts);
                    }
                    return byWindow;
                });
    }

    public Uni<Void> pseudonymise(String tenantId, String userId, String pseudonym) {
        return mongoCollection()
                .updateMany(
                        and(eq("tenantId", tenantId), eq("userId", userId)),
                        new Document("$set", new Document("userId", pseudonym)))
                .replaceWithVoid();
    }

    /** Visits and seconds of one page in one window. */
    public record PageCount(String page, long views, long seconds) {}
}
