package io.classroom.tracking.messaging;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.util.Set;

/** Validates JSON against this module's event schemas (formats asserted). */
public final class SchemaValidation {

    private SchemaValidation() {}

    public static Set<ValidationMessage> validate(String topic, String type, JsonNode event) throws IOException {
        var config =
                SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
        try (InputStream schema =
                SchemaValidation.class.getResourceAsStream("/events/" + topic + "/" + type + ".schema.json")) {
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                    .getSchema(schema, config)
                    .validate(event);
        }
    }

    public static Set<ValidationMessage> validate(String topic, String json) throws IOException {
        JsonNode event = new ObjectMapper().readTree(json);
        return validate(topic, event.get("type").asText(), event);
    }
}
