package io.classroom.analytics.messaging;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/** Parses and checks consumed events; a message that fails here goes to the channel's dead-letter topic. */
public final class EventParser {

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private EventParser() {}

    public static <T> T parse(String json, Class<T> type) {
        try {
            return MAPPER.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Unreadable " + type.getSimpleName() + ": " + e.getOriginalMessage(), e);
        }
    }

    /** Fails when an envelope or payload field the consumer relies on is missing. */
    public static void require(Object value, String field) {
        if (value == null) {
            throw new IllegalArgumentException("Missing field " + field);
        }
    }
}
