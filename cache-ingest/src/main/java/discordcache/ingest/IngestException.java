package discordcache.ingest;

import discordcache.CacheException;

import java.util.Objects;

/**
 * A gateway payload the ingester refused. Nothing of the event was written; the next event can be ingested.
 * The message names the event, the field (a path such as {@code d.members[3].user.id}) and the reason.
 */
public final class IngestException extends CacheException {
    /** What was wrong with the payload. */
    public enum Kind {
        /** Not JSON, or JSON cut short. */
        MALFORMED_JSON,
        /** A field of the wrong JSON type (a string where an object belongs, …). */
        WRONG_TYPE,
        /** A required field is absent (an id, an event name). */
        MISSING_FIELD,
        /** A field of the right type with an impossible value (a negative id, a malformed timestamp, …). */
        BAD_VALUE,
        /** The payload exceeds the ingester's size limit. */
        TOO_LARGE,
        /** An event name the ingester does not know at all (known events it does not cache are ignored). */
        UNKNOWN_EVENT
    }

    private final Kind kind;
    private final String event;
    private final String field;
    private final String reason;

    public IngestException(Kind kind, String event, String field, String reason) {
        super((event == null ? "gateway payload" : event) + ": " + (field == null ? "" : field + ": ") + reason
                + " (" + kind + ")");
        this.kind = Objects.requireNonNull(kind, "kind is null");
        this.event = event;
        this.field = field;
        this.reason = reason;
    }

    public Kind kind() {
        return kind;
    }

    /** The event name, or null when the payload was refused before its name was read. */
    public String event() {
        return event;
    }

    /** The path of the offending field, or null when the payload as a whole was refused. */
    public String field() {
        return field;
    }

    public String reason() {
        return reason;
    }
}
