package io.classroom.analytics.benchmark;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The benchmark's own Mongo server and its own observations topic (the shared topic stays small for other tests). */
public class BenchmarkProfile implements QuarkusTestProfile {

    static final String TOPIC = "analytics-bench.observations." + UUID.randomUUID();

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("mp.messaging.incoming.vision-observations-in.topic", TOPIC);
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(PrivateMongoResource.class));
    }

    @Override
    public boolean disableGlobalTestResources() {
        return true;
    }
}
