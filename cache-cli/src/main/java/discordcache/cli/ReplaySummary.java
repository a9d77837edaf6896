package discordcache.cli;

import com.fasterxml.jackson.annotation.JsonIgnore;
import discordcache.ingest.IngestException;
import discordcache.ingest.IngestResult;

import java.util.EnumMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a replay did.
 *
 * @param payloads        payloads applied, ignored or refused (blank lines not counted)
 * @param applied         payloads that changed the cache
 * @param ignored         payloads the cache does not keep (non-dispatch opcodes, events not cached)
 * @param refused         payloads the ingester refused
 * @param seconds         how long the replay took
 * @param eventsPerSecond payloads per second
 * @param events          applied and ignored payloads by event name ({@code op 11} for non-dispatch payloads)
 * @param refusals        refused payloads by what was wrong, each with its first example
 * @param stoppedAt       where the replay stopped before the end, or null when it read everything
 * @param stopReason      why it stopped, or null
 * @param failure         what stopped it, or null
 */
record ReplaySummary(long payloads, long applied, long ignored, long refused, double seconds, double eventsPerSecond,
                     Map<String, EventCounts> events, Map<IngestException.Kind, Refusals> refusals, String stoppedAt,
                     String stopReason, @JsonIgnore Throwable failure) {
    /** How often one event was applied and ignored. */
    record EventCounts(long applied, long ignored) {
    }

    /**
     * The refusals of one kind.
     *
     * @param firstExample where the first was and the ingester's message about it
     */
    record Refusals(long count, String firstExample) {
    }

    /** Counts a replay as it goes. Not thread-safe. */
    static final class Tally {
        private final long startNanos = System.nanoTime();
        private final Map<String, EventCounts> events = new TreeMap<>();
        private final Map<IngestException.Kind, Refusals> refusals = new EnumMap<>(IngestException.Kind.class);
        private long applied;
        private long ignored;
        private long refused;
        private String stoppedAt;
        private Throwable failure;

        void applied(IngestResult result) {
            EventCounts counts = events.getOrDefault(result.event(), new EventCounts(0, 0));
            if (result.ignored()) {
                ignored++;
                events.put(result.event(), new EventCounts(counts.applied(), counts.ignored() + 1));
            } else {
                applied++;
                events.put(result.event(), new EventCounts(counts.applied() + 1, counts.ignored()));
            }
        }

        void refused(String location, IngestException refusal) {
            refused++;
            refusals.merge(refusal.kind(), new Refusals(1, location + ": " + refusal.getMessage()),
                    (first, next) -> new Refusals(first.count() + 1, first.firstExample()));
        }

        void stopped(String location, Throwable cause) {
            stoppedAt = location;
            failure = cause;
        }

        long payloads() {
            return applied + ignored + refused;
        }

        ReplaySummary summary() {
            double seconds = (System.nanoTime() - startNanos) / 1e9;
            return new ReplaySummary(payloads(), applied, ignored, refused, seconds,
                    seconds > 0 ? payloads() / seconds : 0, new TreeMap<>(events), new EnumMap<>(refusals),
                    stoppedAt, failure == null ? null : Failures.describe(failure), failure);
        }
    }
}
