package io.classroom.analytics.repository;

import static com.mongodb.client.model.Accumulators.sum;
import static com.mongodb.client.model.Aggregates.facet;
import static com.mongodb.client.model.Aggregates.group;
import static com.mongodb.client.model.Aggregates.match;
import static com.mongodb.client.model.Aggregates.sort;
import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.exists;
import static com.mongodb.client.model.Filters.gte;
import static com.mongodb.client.model.Filters.lt;
import static com.mongodb.client.model.Filters.or;
import static com.mongodb.client.model.Filters.regex;
import static com.mongodb.client.model.Sorts.ascending;
import static com.mongodb.client.model.Sorts.descending;
import static com.mongodb.client.model.Sorts.orderBy;

import com.mongodb.client.model.Facet;
import com.mongodb.client.result.UpdateResult;
import io.classroom.analytics.App;
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

    /** A time window {@code [start, end)}; a null bound is open. */
    public record Window(Instant start, Instant end) {}

    /**
     * Views and seconds per page of one application, one aggregation with a {@code $facet} per window (indexes
     * {@code tenantId_1_app_1_at_1} and {@code tenantId_1_app_1_userId_1_at_1}).
     */
    public Uni<Map<String, List<PageCount>>> statsByWindow(
            String tenantId, String app, String userId, Map<String, Window> windows) {
        Bson inApp = and(eq("tenantId", tenantId), eq("app", app));
        Bson scope = userId == null ? inApp : and(inApp, eq("userId", userId));
        List<Facet> facets = new ArrayList<>();
        windows.forEach((name, window) -> {
            List<Bson> stages = new ArrayList<>();
            if (window.start() != null) {
                stages.add(match(gte("at", window.start())));
            }
            if (window.end() != null) {
                stages.add(match(lt("at", window.end())));
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
                    for (String name : windows.keySet()) {
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

    /** Gives the views stored before views named their application to {@link App#DEFAULT}; the item: how many. */
    public Uni<Long> assignDefaultApp() {
        return mongoCollection()
                .updateMany(exists("app", false), new Document("$set", new Document("app", App.DEFAULT)))
                .map(UpdateResult::getModifiedCount);
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
