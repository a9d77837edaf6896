package discordcache.ingest;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;

import java.io.IOException;
import java.io.StringWriter;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;

/**
 * A streaming reader over one JSON text that knows where it is ({@code d.members[3].user.id}) and turns every
 * problem into an {@link IngestException} naming the event and the field. Values are read where the parser
 * stands: a reader method expects the current token to be the value's first token and leaves the parser on its
 * last token.
 */
final class JsonCursor {
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(64).build())
            .build();

    private final JsonParser parser;
    private final String event;
    private final Deque<String> path = new ArrayDeque<>();

    private JsonCursor(JsonParser parser, String event, String root) {
        this.parser = parser;
        this.event = event;
        this.path.addLast(root);
    }

    /** A cursor on the first token of {@code json}. */
    static JsonCursor over(String json, String event, String root) {
        try {
            JsonCursor cursor = new JsonCursor(FACTORY.createParser(json), event, root);
            cursor.next();
            if (cursor.parser.currentToken() == null) {
                throw cursor.error(IngestException.Kind.MALFORMED_JSON, "no JSON value");
            }
            return cursor;
        } catch (IOException e) {
            throw new IngestException(IngestException.Kind.MALFORMED_JSON, event, root, readable(e));
        }
    }

    /**
     * A cursor on the value where this one stands, read as the {@code d} of {@code event}: it shares this cursor's
     * parser, and its errors name the event and paths from {@code d}, as if the value were a text of its own.
     */
    JsonCursor payloadOf(String event) {
        return new JsonCursor(parser, event, "d");
    }

    /** Fails unless the text ends after the value just read. */
    void expectEnd() {
        if (next() != null) {
            throw error(IngestException.Kind.MALFORMED_JSON, "more JSON after the end of the value");
        }
    }

    interface FieldReader {
        /** Reads (or {@link #skip() skips}) the value of {@code name}, on which the cursor stands. */
        void field(String name);
    }

    interface ElementReader {
        void element(int index);
    }

    /** Reads an object field by field. */
    void object(FieldReader reader) {
        expect(JsonToken.START_OBJECT, "an object");
        while (next() == JsonToken.FIELD_NAME) {
            String name = currentName();
            path.addLast(name);
            next();
            reader.field(name);
            path.removeLast();
        }
    }

    /** Reads an array element by element; null reads as an empty array. */
    void array(ElementReader reader) {
        if (isNull()) {
            return;
        }
        expect(JsonToken.START_ARRAY, "an array");
        int index = 0;
        while (next() != JsonToken.END_ARRAY) {
            String parent = path.removeLast();
            path.addLast(parent + "[" + index + "]");
            reader.element(index++);
            path.removeLast();
            path.addLast(parent);
        }
    }

    boolean isNull() {
        return parser.currentToken() == JsonToken.VALUE_NULL;
    }

    /** A snowflake, sent as a string of digits or (rarely) as a number. */
    long snowflake() {
        JsonToken token = parser.currentToken();
        if (token == JsonToken.VALUE_NUMBER_INT) {
            long value = longValue();
            if (value < 0) {
                throw error(IngestException.Kind.BAD_VALUE, "a snowflake cannot be negative: " + value);
            }
            return value;
        }
        if (token == JsonToken.VALUE_STRING) {
            String text = text();
            try {
                long value = Long.parseLong(text);
                if (value < 0) {
                    throw error(IngestException.Kind.BAD_VALUE, "a snowflake cannot be negative: " + text);
                }
                return value;
            } catch (NumberFormatException e) {
                throw error(IngestException.Kind.BAD_VALUE, "not a snowflake: \"" + abbreviate(text) + "\"");
            }
        }
        throw wrongType("a snowflake");
    }

    Long nullableSnowflake() {
        return isNull() ? null : snowflake();
    }

    long[] snowflakes() {
        LongList ids = new LongList();
        array(index -> ids.add(snowflake()));
        return ids.toArray();
    }

    /** A string, or null. */
    String string() {
        JsonToken token = parser.currentToken();
        if (token == JsonToken.VALUE_NULL) {
            return null;
        }
        if (token != JsonToken.VALUE_STRING) {
            throw wrongType("a string");
        }
        return text();
    }

    String requiredString() {
        String value = string();
        if (value == null) {
            throw error(IngestException.Kind.BAD_VALUE, "must not be null");
        }
        return value;
    }

    int int32() {
        if (parser.currentToken() != JsonToken.VALUE_NUMBER_INT) {
            throw wrongType("an integer");
        }
        long value = longValue();
        if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
            throw error(IngestException.Kind.BAD_VALUE, "out of range for a 32-bit integer: " + value);
        }
        return (int) value;
    }

    long int64() {
        if (parser.currentToken() != JsonToken.VALUE_NUMBER_INT) {
            throw wrongType("an integer");
        }
        return longValue();
    }

    Integer nullableInt32() {
        return isNull() ? null : int32();
    }

    /** An int that Discord may send as null, read as 0. */
    int int32OrZero() {
        return isNull() ? 0 : int32();
    }

    /** A bitfield, sent as a decimal string since API v8 and as a number before. */
    long bitfield() {
        JsonToken token = parser.currentToken();
        if (token == JsonToken.VALUE_NUMBER_INT) {
            return longValue();
        }
        if (token == JsonToken.VALUE_STRING) {
            try {
                return Long.parseLong(text());
            } catch (NumberFormatException e) {
                throw error(IngestException.Kind.BAD_VALUE, "not a bitfield: \"" + abbreviate(text()) + "\"");
            }
        }
        throw wrongType("a bitfield (string or integer)");
    }

    boolean bool() {
        JsonToken token = parser.currentToken();
        if (token == JsonToken.VALUE_TRUE) {
            return true;
        }
        if (token == JsonToken.VALUE_FALSE) {
            return false;
        }
        throw wrongType("a boolean");
    }

    /** A boolean Discord may send as null, read as false. */
    boolean boolOrFalse() {
        return !isNull() && bool();
    }

    Boolean nullableBool() {
        return isNull() ? null : bool();
    }

    /** An ISO-8601 timestamp with an offset, or null. */
    Instant timestamp() {
        String text = string();
        if (text == null) {
            return null;
        }
        try {
            return Timestamps.parse(text);
        } catch (DateTimeParseException e) {
            throw error(IngestException.Kind.BAD_VALUE, "not an ISO-8601 timestamp: \"" + abbreviate(text) + "\"");
        }
    }

    /** The current value, whatever it is, as compact JSON text. */
    String rawJson() {
        StringWriter out = new StringWriter();
        try (JsonGenerator generator = FACTORY.createGenerator(out)) {
            generator.copyCurrentStructure(parser);
        } catch (IOException e) {
            throw malformed(e);
        }
        return out.toString();
    }

    /** Skips the current value and its children. */
    void skip() {
        try {
            parser.skipChildren();
        } catch (IOException e) {
            throw malformed(e);
        }
    }

    /** The character offset of the current token in the text. */
    long offset() {
        return parser.currentTokenLocation().getCharOffset();
    }

    /** The character offset just past the current token. */
    long endOffset() {
        return parser.currentLocation().getCharOffset();
    }

    /** The event whose payload this is. */
    String eventName() {
        return event;
    }

    String path() {
        return String.join(".", path);
    }

    IngestException error(IngestException.Kind kind, String reason) {
        return new IngestException(kind, event, path(), reason);
    }

    IngestException missing(String field) {
        return new IngestException(IngestException.Kind.MISSING_FIELD, event, path() + "." + field,
                "required, but absent");
    }

    private IngestException wrongType(String expected) {
        return error(IngestException.Kind.WRONG_TYPE, "expected " + expected + ", found " + describe());
    }

    private void expect(JsonToken token, String what) {
        if (parser.currentToken() != token) {
            throw wrongType(what);
        }
    }

    private String describe() {
        JsonToken token = parser.currentToken();
        if (token == null) {
            return "the end of the text";
        }
        return switch (token) {
            case START_OBJECT -> "an object";
            case START_ARRAY -> "an array";
            case VALUE_STRING -> "the string \"" + abbreviate(text()) + "\"";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "the number " + text();
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case VALUE_NULL -> "null";
            default -> token.toString();
        };
    }

    private static String abbreviate(String text) {
        return text.length() <= 40 ? text : text.substring(0, 40) + "…";
    }

    JsonToken next() {
        try {
            return parser.nextToken();
        } catch (IOException e) {
            throw malformed(e);
        }
    }

    private String currentName() {
        try {
            return parser.currentName();
        } catch (IOException e) {
            throw malformed(e);
        }
    }

    private String text() {
        try {
            return parser.getText();
        } catch (IOException e) {
            throw malformed(e);
        }
    }

    private long longValue() {
        try {
            return parser.getLongValue();
        } catch (IOException e) {
            throw error(IngestException.Kind.BAD_VALUE, "out of range for a 64-bit integer: " + text());
        }
    }

    private IngestException malformed(IOException e) {
        IngestException.Kind kind = e instanceof StreamConstraintsException ? IngestException.Kind.TOO_LARGE
                : IngestException.Kind.MALFORMED_JSON;
        return error(kind, readable(e));
    }

    /**
     * Jackson's message without its parser internals: where a value started ("start marker at [Source: REDACTED
     * …; line: 1, column: 9]") means nothing to whoever reads the error; the field path says where.
     */
    static String readable(IOException e) {
        String message = e instanceof JsonProcessingException processing ? processing.getOriginalMessage()
                : e.getMessage();
        return message == null ? e.getClass().getSimpleName()
                : message.replaceAll("\\s*\\(start marker at \\[Source: [^\\]]*\\]\\)", "")
                        .replaceAll("\\s*at \\[Source: [^\\]]*\\]", "")
                        .strip();
    }

    /** A growable list of longs, so that an array of ids is not boxed. */
    static final class LongList {
        private long[] values = new long[8];
        private int size;

        void add(long value) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = value;
        }

        long[] toArray() {
            return Arrays.copyOf(values, size);
        }
    }
}
