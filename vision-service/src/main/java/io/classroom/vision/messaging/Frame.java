package io.classroom.vision.messaging;

import io.quarkus.arc.Arc;
import jakarta.validation.Valid;
import jakarta.validation.Validator;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.Comparator;
import java.util.stream.Collectors;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.Headers;

/**
 * A camera frame from {@code ingest.frames.v1}: the metadata from the record's headers and the JPEG from its value.
 * Read and validated by {@link Deserializer}, so a frame with missing or malformed headers, another content type or
 * an empty value never reaches the consumer: it goes to the dead-letter topic with the reason.
 */
public record Frame(
        @NotNull @Valid FrameHeaders headers,
        @NotNull @Size(min = 1, message = "is empty") byte[] jpeg) {

    /**
     * Reads {@code ingest.frames.v1} records (headers and value); Kafka creates it by class name, the validator is the
     * application's.
     */
    public static class Deserializer implements org.apache.kafka.common.serialization.Deserializer<Frame> {

        private Validator validator;

        public Deserializer() {}

        private Deserializer(Validator validator) {
            this.validator = validator;
        }

        /** A deserializer with the given validator, for tests without a running application. */
        static Deserializer standalone(Validator validator) {
            return new Deserializer(validator);
        }

        /** A frame's metadata is in the headers: without them there is no frame. */
        @Override
        public Frame deserialize(String topic, byte[] data) {
            throw new SerializationException("invalid Frame: the record headers are needed");
        }

        @Override
        public Frame deserialize(String topic, Headers headers, byte[] data) {
            var frame = new Frame(FrameHeaders.of(headers), data);
            var violations = validator().validate(frame);
            if (!violations.isEmpty()) {
                throw new SerializationException("invalid Frame: "
                        + violations.stream()
                                .map(v -> v.getPropertyPath() + " " + v.getMessage())
                                .sorted(Comparator.naturalOrder())
                                .collect(Collectors.joining("; ")));
            }
            return frame;
        }

        private Validator validator() {
            if (validator == null) {
                validator = Arc.container().instance(Validator.class).get();
            }
            return validator;
        }
    }

    /**
     * Writes a frame back as its JPEG, for the dead-letter topic (the channel copies the record's headers with it), so
     * a dead-lettered frame can be inspected or replayed like the original.
     */
    public static class Serializer implements org.apache.kafka.common.serialization.Serializer<Frame> {

        @Override
        public byte[] serialize(String topic, Frame frame) {
            return frame == null ? null : frame.jpeg();
        }
    }
}
