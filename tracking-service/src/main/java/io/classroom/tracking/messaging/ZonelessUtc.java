package io.classroom.tracking.messaging;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.Module;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.datatype.jsr310.deser.InstantDeserializer;
import io.classroom.tracking.IsoTime;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.time.DateTimeException;
import java.time.Instant;

/**
 * Instants in consumed events are read like every other time this service is given ({@link IsoTime}): a date-time
 * without a zone means UTC instead of failing the whole event (and sending it to the dead-letter topic). Everything
 * else is read as Jackson reads an {@link Instant}.
 */
@Singleton
public class ZonelessUtc implements ObjectMapperCustomizer {

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.registerModule(module());
    }

    /** After the built-in customizers, so this deserializer replaces the default one for {@link Instant}. */
    @Override
    public int priority() {
        return MINIMUM_PRIORITY + 1;
    }

    /** The module, also for mappers made outside the application (tests). */
    public static Module module() {
        var module = new SimpleModule("zoneless-utc");
        module.addDeserializer(Instant.class, new Reader());
        return module;
    }

    private static final class Reader extends StdDeserializer<Instant> {

        Reader() {
            super(Instant.class);
        }

        @Override
        public Instant deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            if (parser.hasToken(JsonToken.VALUE_STRING)) {
                String text = parser.getText().trim();
                if (IsoTime.isZoneless(text)) {
                    try {
                        return IsoTime.parse(text);
                    } catch (DateTimeException e) {
                        return (Instant) context.handleWeirdStringValue(Instant.class, text, e.getMessage());
                    }
                }
            }
            return InstantDeserializer.INSTANT.deserialize(parser, context);
        }
    }
}
