package io.classroom.tracking.messaging;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.util.List;
import java.util.UUID;

/** Parses incoming JSON into this service's event records; anything unusable becomes a dead letter, counted. */
@ApplicationScoped
public class MessageParser {

    private final ObjectMapper json;
    private final MeterRegistry metrics;

    public MessageParser(ObjectMapper json, MeterRegistry metrics) {
        this.json = json;
        this.metrics = metrics;
    }

    public ClassSessionEvent classSessionEvent(String payload) {
        var event = parse("classroom.sessions.v1", payload, ClassSessionEvent.class);
        require("classroom.sessions.v1", event.type(), "type");
        require("classroom.sessions.v1", event.tenantId(), "tenantId");
        requireUuid("classroom.sessions.v1", event.sessionId(), "sessionId");
        if (ClassSessionEvent.STARTED.equals(event.type())) {
            require("classroom.sessions.v1", event.classId(), "classId");
            require("classroom.sessions.v1", event.startedAt(), "startedAt");
            require("classroom.sessions.v1", event.roster(), "roster");
            requireElements("classroom.sessions.v1", event.roster(), "roster");
            if (event.cameraIds() != null) {
                requireElements("classroom.sessions.v1", event.cameraIds(), "cameraIds");
            }
        }
        if (ClassSessionEvent.ENDED.equals(event.type())) {
            require("classroom.sessions.v1", event.endedAt(), "endedAt");
        }
        return event;
    }

    public FrameAnalyzed frameAnalyzed(String payload) {
        var frame = parse("vision.observations.v1", payload, FrameAnalyzed.class);
        require("vision.observations.v1", frame.frameId(), "frameId");
        require("vision.observations.v1", frame.tenantId(), "tenantId");
        require("vision.observations.v1", frame.capturedAt(), "capturedAt");
        require("vision.observations.v1", frame.faces(), "faces");
        requireElements("vision.observations.v1", frame.faces(), "faces");
        return frame;
    }

    public UserEvent userEvent(String payload) {
        var event = parse("auth.users.v1", payload, UserEvent.class);
        require("auth.users.v1", event.type(), "type");
        require("auth.users.v1", event.tenantId(), "tenantId");
        requireUuid("auth.users.v1", event.userId(), "userId");
        return event;
    }

    private <T> T parse(String topic, String payload, Class<T> type) {
        if (payload == null || payload.isBlank()) {
            throw rejected(topic, "empty message");
        }
        try {
            return json.readValue(payload, type);
        } catch (IOException e) {
            throw rejected(topic, "not a valid " + type.getSimpleName() + ": " + originalMessage(e));
        }
    }

    private static String originalMessage(IOException e) {
        return e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
    }

    private void require(String topic, Object value, String field) {
        if (value == null) {
            throw rejected(topic, "missing field " + field);
        }
    }

    // Processing failures are retried until stored, so anything that would fail every time must be rejected here.
    private void requireElements(String topic, List<?> values, String field) {
        for (int i = 0; i < values.size(); i++) {
            require(topic, values.get(i), field + "[" + i + "]");
        }
    }

    private void requireUuid(String topic, String value, String field) {
        require(topic, value, field);
        try {
            UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            throw rejected(topic, field + " is not a UUID");
        }
    }

    private MalformedMessageException rejected(String topic, String reason) {
        metrics.counter("tracking.messages.dead.lettered", "topic", topic).increment();
        return new MalformedMessageException(reason);
    }
}
