package discordcache.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import discordcache.model.Snowflakes;

import java.io.IOException;
import java.io.PrintWriter;
import java.time.Instant;

/**
 * The {@code --json} output: records as objects with their component names, instants as ISO-8601 strings,
 * id lists ({@link Snowflakes}) as arrays of numbers. Ids are JSON numbers: use a parser that keeps 64-bit
 * integers (jq 1.7 or later does).
 */
final class Json {
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .registerModule(new SimpleModule("discord-cache-cli")
                    .addSerializer(Instant.class, ToStringSerializer.instance)
                    .addSerializer(Snowflakes.class, new SnowflakesSerializer()))
            .enable(SerializationFeature.INDENT_OUTPUT);

    private Json() {
    }

    /** Prints the value as indented JSON, followed by a line break. */
    static void print(PrintWriter out, Object value) {
        out.println(text(value));
        out.flush();
    }

    /** The value as indented JSON. */
    static String text(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot render " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }

    private static final class SnowflakesSerializer extends JsonSerializer<Snowflakes> {
        @Override
        public void serialize(Snowflakes ids, JsonGenerator json, SerializerProvider provider) throws IOException {
            long[] values = ids.toArray();
            json.writeArray(values, 0, values.length);
        }
    }
}
