package io.classroom.classroom.messaging;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.arc.Arc;
import jakarta.validation.Validator;
import java.io.IOException;
import java.util.Comparator;
import java.util.stream.Collectors;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Reads one JSON event of a consumed topic into its record (Jackson) and checks it (Bean Validation). A message that
 * fails either step never reaches the consumer: the channel ({@code fail-on-deserialization-failure=false},
 * {@code failure-strategy=dead-letter-queue}) sends its original bytes to the service's dead-letter topic with this
 * exception's message in the {@code dead-letter-reason} header.
 */
public abstract class EventDeserializer<T> implements Deserializer<T> {

    private final Class<T> type;
    private ObjectMapper json;
    private Validator validator;

    /** Kafka creates deserializers by class name: the mapper and validator are the application's beans. */
    protected EventDeserializer(Class<T> type) {
        this.type = type;
    }

    private EventDeserializer(Class<T> type, ObjectMapper json, Validator validator) {
        this.type = type;
        this.json = json;
        this.validator = validator;
    }

    /** A deserializer with the given mapper and validator, for tests without a running application. */
    static <T> EventDeserializer<T> standalone(Class<T> type, ObjectMapper json, Validator validator) {
        return new EventDeserializer<>(type, json, validator) {};
    }

    @Override
    public T deserialize(String topic, byte[] data) {
        if (data == null || data.length == 0) {
            throw new SerializationException("empty message");
        }
        T event;
        try {
            event = json().readValue(data, type);
        } catch (IOException e) {
            throw new SerializationException("not a valid " + type.getSimpleName() + ": " + reason(e));
        }
        var violations = validator().validate(event);
        if (!violations.isEmpty()) {
            throw new SerializationException("invalid " + type.getSimpleName() + ": "
                    + violations.stream()
                            .map(v -> v.getPropertyPath() + " " + v.getMessage())
                            .sorted(Comparator.naturalOrder())
                            .collect(Collectors.joining("; ")));
        }
        return event;
    }

    /** Jackson's message, prefixed with the path of the field it is about ({@code faces[0].identity.userId}). */
    private static String reason(IOException e) {
        if (!(e instanceof JsonProcessingException json)) {
            return e.getMessage();
        }
        var path = new StringBuilder();
        if (json instanceof JsonMappingException mapping) {
            for (var step : mapping.getPath()) {
                path.append(
                        step.getFieldName() != null
                                ? (path.isEmpty() ? "" : ".") + step.getFieldName()
                                : "[" + step.getIndex() + "]");
            }
        }
        return (path.isEmpty() ? "" : path + ": ") + json.getOriginalMessage();
    }

    private ObjectMapper json() {
        if (json == null) {
            json = Arc.container().instance(ObjectMapper.class).get();
        }
        return json;
    }

    private Validator validator() {
        if (validator == null) {
            validator = Arc.container().instance(Validator.class).get();
        }
        return validator;
    }
}
