package io.classroom.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import io.classroom.testing.PlatformContract;
import io.quarkus.mongodb.reactive.ReactiveMongoClient;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.UUID;
import org.bson.Document;
import org.junit.jupiter.api.Test;

/** The platform contract, plus a round trip to this service's store. */
@QuarkusTest
class PlatformEndpointsIT extends PlatformContract {

    private static final Duration HANG = Duration.ofSeconds(60);

    @Inject
    ReactiveMongoClient mongo;

    @Override
    protected String serviceName() {
        return "analytics-service";
    }

    @Test
    void mongoRoundTrip() {
        var collection = mongo.getDatabase("analytics").getCollection("platform_check");
        var id = UUID.randomUUID().toString();
        collection.insertOne(new Document("_id", id)).await().atMost(HANG);
        var found = collection
                .find(new Document("_id", id))
                .collect()
                .first()
                .await()
                .atMost(HANG);
        collection.deleteOne(new Document("_id", id)).await().atMost(HANG);
        assertThat(found.getString("_id")).isEqualTo(id);
    }
}
