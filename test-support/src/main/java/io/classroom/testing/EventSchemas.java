package io.classroom.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Event contracts as files (ADR 0002): a producer's JSON Schemas ({@code src/main/resources/events/<topic>/}) and
 * golden samples ({@code src/test/resources/events/<topic>/}), read by the producer's own tests and by every
 * consumer's contract test from the producer's module directory.
 */
public final class EventSchemas {

    private static final ObjectMapper JSON = new ObjectMapper();

    private EventSchemas() {}

    /** Violations of {@code json} against the schema of its {@code type} in the module under test (classpath). */
    public static Set<ValidationMessage> validate(String topic, String json) {
        JsonNode event = read(json);
        String resource = "/events/" + topic + "/" + event.path("type").asText() + ".schema.json";
        try (InputStream schema = EventSchemas.class.getResourceAsStream(resource)) {
            if (schema == null) {
                throw new IllegalArgumentException("no schema " + resource + " on the classpath");
            }
            return factory().getSchema(schema, config()).validate(event);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Violations of {@code json} against the schema of its {@code type} in the producer module's directory. */
    public static Set<ValidationMessage> validateAgainstProducer(String producerModule, String topic, String json) {
        JsonNode event = read(json);
        Path schema = moduleDir(producerModule)
                .resolve("src/main/resources/events/" + topic + "/"
                        + event.path("type").asText() + ".schema.json");
        try (InputStream in = Files.newInputStream(schema)) {
            return factory().getSchema(in, config()).validate(event);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The golden samples a producer module keeps for {@code topic}, as JSON text. */
    public static List<String> goldenSamples(String producerModule, String topic) {
        Path dir = moduleDir(producerModule).resolve("src/test/resources/events/" + topic);
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.toString().endsWith(".json"))
                    .sorted()
                    .map(EventSchemas::readString)
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A sibling module of the module under test (tests run with the module directory as working directory). */
    public static Path moduleDir(String module) {
        Path dir = Path.of("..", module);
        if (!Files.isDirectory(dir)) {
            throw new IllegalStateException(
                    "module " + module + " not found beside " + Path.of("").toAbsolutePath());
        }
        return dir;
    }

    private static JsonSchemaFactory factory() {
        return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
    }

    private static SchemaValidatorsConfig config() {
        return SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
    }

    private static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String readString(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
