package io.classroom.vision.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Validates JSON against this module's event schemas and reads other services' golden samples. */
public final class Schemas {

    /** Configured like Quarkus's mapper: ISO-8601 dates. */
    public static final ObjectMapper JSON =
            new ObjectMapper().findAndRegisterModules().disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private Schemas() {}

    public static void assertValid(String schemaPath, String json) {
        try (var in = Schemas.class.getClassLoader().getResourceAsStream(schemaPath)) {
            assertThat(in).as("schema %s", schemaPath).isNotNull();
            var schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                    .getSchema(in);
            var errors = schema.validate(JSON.readTree(json));
            assertThat(errors).as("%s against %s", json, schemaPath).isEmpty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A file of another module, relative to this module's directory (surefire's working directory). */
    public static Path sibling(String relative) {
        return Path.of("..").resolve(relative);
    }

    public static JsonNode readTree(Path file) {
        try {
            return JSON.readTree(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
