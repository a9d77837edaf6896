package discordcache.ingest;

import discordcache.client.DiscordCache;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Objects;

/**
 * Applies Discord gateway dispatches to the cache, with Discord's semantics, and answers what changed.
 *
 * <pre>{@code
 * GatewayIngester ingester = GatewayIngester.create(cache);
 * // for every payload the gateway receives on shard 3 of 16:
 * IngestResult result = ingester.ingest(payloadText, 3, 16);
 * result.changes().forEach(change -> log.info("{}: {} -> {}", change.key(), change.previous(), change.current()));
 * }</pre>
 *
 * <p>Payloads are read with a streaming parser, never as a tree: a 10 MB GUILD_CREATE is turned into entities
 * directly and written in batches grouped by partition. A payload is read whole before anything is written, so a
 * malformed one ({@link IngestException}) leaves the cache as it was. Cluster failures while writing surface as
 * Hazelcast's exceptions. Events the cache does not keep are acknowledged as {@link IngestResult#ignored()}.
 *
 * <p>Thread-safe: many gateway threads may ingest at once. Events of one shard should be ingested in order.
 */
public final class GatewayIngester {
    private static final Logger LOG = LoggerFactory.getLogger(GatewayIngester.class);

    /** The default limit on a payload's length, in characters. */
    public static final int DEFAULT_MAX_PAYLOAD_CHARS = 64 * 1024 * 1024;

    private final DiscordCache cache;
    private final int maxPayloadChars;
    private final Sessions sessions;
    private final Events events;
    private final IngestStats stats = new IngestStats();

    private GatewayIngester(DiscordCache cache, int maxPayloadChars) {
        this.cache = Objects.requireNonNull(cache, "cache is null");
        if (maxPayloadChars < 1) {
            throw new IllegalArgumentException("maxPayloadChars must be positive, was " + maxPayloadChars);
        }
        this.maxPayloadChars = maxPayloadChars;
        this.sessions = new Sessions(cache);
        this.events = new Events(cache, sessions);
    }

    /** An ingester writing into {@code cache}, refusing payloads over {@link #DEFAULT_MAX_PAYLOAD_CHARS}. */
    public static GatewayIngester create(DiscordCache cache) {
        return new GatewayIngester(cache, DEFAULT_MAX_PAYLOAD_CHARS);
    }

    /** An ingester writing into {@code cache}, refusing payloads longer than {@code maxPayloadChars}. */
    public static GatewayIngester create(DiscordCache cache, int maxPayloadChars) {
        return new GatewayIngester(cache, maxPayloadChars);
    }

    /**
     * Applies one gateway payload, the {@code {"op", "d", "s", "t"}} envelope as received. Payloads other than
     * dispatches (op 0: hello, heartbeat acks, …) are ignored.
     *
     * @param shardId    the shard that received it
     * @param shardCount the number of shards the bot runs
     * @throws IngestException          when the payload is malformed; nothing of it was written
     * @throws IllegalArgumentException when {@code shardId} is not one of {@code shardCount} shards (a caller's
     *                                  bug, not a payload's: it is not counted as a refused event)
     */
    public IngestResult ingest(String payload, int shardId, int shardCount) {
        Events.Shard shard = shard(shardId, shardCount);
        return counted(null, () -> {
            Envelope envelope = Envelope.read(requireSize(payload, null),
                    (event, d) -> Events.APPLIED.contains(event) ? events.read(event, d, shard) : skip(d));
            if (envelope.op() != 0) {
                return IngestResult.ignored("op " + envelope.op());
            }
            Events.Action action = envelope.action() != null ? envelope.action()
                    : Events.APPLIED.contains(envelope.event()) ? read(envelope.event(), envelope.data(), shard)
                    : null;
            return dispatch(envelope.event(), action, envelope.sequence(), shard);
        });
    }

    /** An event this ingester does not apply: its {@code d} is passed over, and dispatch says why. */
    private static Events.Action skip(JsonCursor d) {
        d.skip();
        return Events.NOTHING_TO_KEEP;
    }

    /**
     * Applies one dispatch given as its event name and its {@code d} payload.
     *
     * @throws IngestException          when the payload is malformed; nothing of it was written
     * @throws IllegalArgumentException when {@code shardId} is not one of {@code shardCount} shards
     */
    public IngestResult ingest(String event, String data, int shardId, int shardCount) {
        Events.Shard shard = shard(shardId, shardCount);
        return counted(event, () -> {
            if (event == null || event.isBlank()) {
                throw new IngestException(IngestException.Kind.MISSING_FIELD, null, "t", "no event name");
            }
            String text = requireSize(data, event);
            return dispatch(event, Events.APPLIED.contains(event) ? read(event, text, shard) : null, null, shard);
        });
    }

    /** The counters of everything this ingester applied, ignored and refused. */
    public IngestStats stats() {
        return stats;
    }

    private static Events.Shard shard(int shardId, int shardCount) {
        if (shardCount < 1 || shardId < 0 || shardId >= shardCount) {
            throw new IllegalArgumentException("shard " + shardId + " of " + shardCount + " does not exist");
        }
        return new Events.Shard(shardId, shardCount);
    }

    /** Reads a dispatch's {@code d} given as a text of its own. */
    private Events.Action read(String event, String data, Events.Shard shard) {
        JsonCursor d = JsonCursor.over(data, event, "d");
        Events.Action action = events.read(event, d, shard);
        d.expectEnd();
        return action;
    }

    /**
     * Applies a dispatch whose {@code d} is read, every entity of it, before the first write.
     *
     * @param action what {@code d} asks for; null for an event this ingester does not apply
     */
    private IngestResult dispatch(String event, Events.Action action, Long sequence, Events.Shard shard) {
        IngestResult result;
        if (Events.IGNORED.contains(event)) {
            result = IngestResult.ignored(event);
        } else if (Events.APPLIED.contains(event)) {
            if (action == Events.NOTHING_TO_KEEP) {
                result = IngestResult.ignored(event);
            } else {
                Outcome outcome = new Outcome(event);
                action.apply(outcome);
                result = outcome.result();
            }
        } else {
            throw new IngestException(IngestException.Kind.UNKNOWN_EVENT, event, "t",
                    "not a Discord dispatch event this ingester knows");
        }
        if (sequence != null) {
            recordSequence(shard.id(), sequence);
        }
        return result;
    }

    // A dispatch is recorded as applied only after it was; a RESUME then replays from the next one.
    private void recordSequence(int shardId, long sequence) {
        String sessionId = sessions.sessionId(shardId);
        if (sessionId != null) {
            cache.gateway().advanceSequenceAsync(shardId, sessionId, sequence).whenComplete((done, failure) -> {
                if (failure != null) {
                    LOG.warn("Could not record sequence {} of shard {}: {}", sequence, shardId, failure.toString());
                }
            });
        }
    }

    private String requireSize(String text, String event) {
        if (text == null) {
            throw new IngestException(IngestException.Kind.MALFORMED_JSON, event, null, "no payload (null)");
        }
        if (text.length() > maxPayloadChars) {
            throw new IngestException(IngestException.Kind.TOO_LARGE, event, null, "the payload has "
                    + text.length() + " characters; the limit is " + maxPayloadChars);
        }
        return text;
    }

    private interface Ingestion {
        IngestResult run();
    }

    private IngestResult counted(String event, Ingestion ingestion) {
        try {
            IngestResult result = ingestion.run();
            if (result.ignored()) {
                stats.ignored(result.event());
            } else {
                stats.applied(result.event());
            }
            return result;
        } catch (IngestException e) {
            stats.refused(e.kind());
            throw e;
        }
    }
}
