package io.classroom.analytics.messaging;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

/** CameraSessionStarted from {@code ingest.cameras.v1}: a camera's name, and the room as it saw it at the start. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record CameraSessionEvent(
        @NotNull UUID eventId,
        @NotBlank String type,
        @NotNull Instant occurredAt,
        @NotBlank @Size(max = 64) String tenantId,
        @NotBlank @Size(max = 64) String sessionId,
        @NotBlank @Size(max = 64) String cameraId,
        @NotBlank @Size(max = 200) String cameraName,
        @Size(max = 64) String roomId,
        @Valid Snapshot snapshot) {

    public static final String STARTED = "CameraSessionStarted";

    /** A small blurred JPEG of the room (base64). */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Snapshot(
            @NotNull Instant capturedAt,
            @Positive @Max(640) int width,
            @Positive @Max(640) int height,
            @NotNull @Pattern(regexp = "image/jpeg") String contentType,
            @NotNull @Size(max = 200_000) String data) {

        @JsonIgnore
        @AssertTrue(message = "snapshot data must be base64")
        public boolean isBase64() {
            return data == null || jpeg() != null;
        }

        /** The decoded JPEG bytes; null when {@code data} is not base64. */
        public byte[] jpeg() {
            try {
                return Base64.getDecoder().decode(data);
            } catch (IllegalArgumentException e) {
                return null;
            }
        }
    }

    /** Reads {@code ingest.cameras.v1} values; see {@link EventDeserializer}. */
    public static class Deserializer extends EventDeserializer<CameraSessionEvent> {
        public Deserializer() {
            super(CameraSessionEvent.class);
        }
    }
}
