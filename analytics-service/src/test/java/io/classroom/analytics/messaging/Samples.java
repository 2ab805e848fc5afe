package io.classroom.analytics.messaging;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.classroom.testing.EventSchemas;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.UUID;

/** Builds events from the producers' golden samples, with fresh ids and the given fields replaced. */
public final class Samples {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private Samples() {}

    public static String event(String producer, String topic, String file, Map<String, Object> fields) {
        var path = EventSchemas.moduleDir(producer + "-service")
                .resolve("src/test/resources/events/" + topic + "/" + file);
        try {
            ObjectNode node = (ObjectNode) MAPPER.readTree(path.toFile());
            node.put("eventId", UUID.randomUUID().toString());
            fields.forEach((name, value) -> node.set(name, MAPPER.valueToTree(value)));
            return MAPPER.writeValueAsString(node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
