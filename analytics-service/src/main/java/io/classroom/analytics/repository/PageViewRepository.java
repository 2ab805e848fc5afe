package io.classroom.analytics.repository;

import static com.mongodb.client.model.Accumulators.sum;
import static com.mongodb.client.model.Aggregates.facet;
import static com.mongodb.client.model.Aggregates.group;
import static com.mongodb.client.model.Aggregates.match;
import static com.mongodb.client.model.Aggregates.sort;
import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.gte;
import static com.mongodb.client.model.Filters.or;
import static com.mongodb.client.model.Filters.regex;
import static com.mongodb.client.model.Sorts.ascending;
import static com.mongodb.client.model.Sorts.descending;
import static com.mongodb.client.model.Sorts.orderBy;

import com.mongodb.client.model.Facet;
import io.classroom.analytics.PageView;
import io.quarkus.mongodb.panache.reactive.ReactivePanacheMongoRepository;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
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

    public Uni<Boolean> hasViews(String tenantId, String userId) {
        return count("tenantId = ?1 and userId = ?2", tenantId, userId).map(n -> n > 0);
    }

    /**
     * Replaces a deleted user's id by the pseudonym, as the viewer and wherever a page path names it (anyone's view of
     * {@code /students/<id>}); the given texts (an e-mail address) in a page path become {@code erased}.
     */
    public Uni<Void> pseudonymise(String tenantId, String userId, String pseudonym, Collection<String> texts) {
        Map<String, String> replacements = new LinkedHashMap<>();
        replacements.put(userId, pseudonym);
        texts.stream().filter(t -> t != null && !t.isBlank()).forEach(t -> replacements.put(t, "erased"));
        Bson mentions = or(replacements.keySet().stream()
                .map(text -> regex("page", Pattern.quote(text)))
                .toList());
        Uni<Void> viewer = mongoCollection()
                .updateMany(
                        and(eq("tenantId", tenantId), eq("userId", userId)),
                        new Document("$set", new Document("userId", pseudonym)))
                .replaceWithVoid();
        return viewer.chain(() -> mongoCollection()
                        .find(and(eq("tenantId", tenantId), mentions))
                        .collect()
                        .asList())
                .onItem()
                .transformToMulti(views -> Multi.createFrom().iterable(views))
                .onItem()
                .transformToUniAndConcatenate(view -> {
                    String page = view.page;
                    for (var replacement : replacements.entrySet()) {
                        page = page.replace(replacement.getKey(), replacement.getValue());
                    }
                    return mongoCollection()
                            .updateOne(eq("_id", view.id), new Document("$set", new Document("page", page)));
                })
                .collect()
                .last()
                .replaceWithVoid();
    }

    /** Visits and seconds of one page in one window. */
    public record PageCount(String page, long views, long seconds) {}
}
