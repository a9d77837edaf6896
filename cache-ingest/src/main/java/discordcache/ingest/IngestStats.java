package discordcache.ingest;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** Counters of an ingester: events applied and ignored by name, payloads refused by kind. Thread-safe. */
public final class IngestStats {
    private final Map<String, LongAdder> applied = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> ignored = new ConcurrentHashMap<>();
    private final Map<IngestException.Kind, LongAdder> refused = new ConcurrentHashMap<>();

    void applied(String event) {
        applied.computeIfAbsent(event, name -> new LongAdder()).increment();
    }

    void ignored(String event) {
        ignored.computeIfAbsent(event, name -> new LongAdder()).increment();
    }

    void refused(IngestException.Kind kind) {
        refused.computeIfAbsent(kind, name -> new LongAdder()).increment();
    }

    /** Events applied, by name. */
    public Map<String, Long> applied() {
        return snapshot(applied);
    }

    /** Events acknowledged as not cached, by name. */
    public Map<String, Long> ignored() {
        return snapshot(ignored);
    }

    /** Payloads refused, by what was wrong with them. */
    public Map<IngestException.Kind, Long> refused() {
        return snapshot(refused);
    }

    private static <K> Map<K, Long> snapshot(Map<K, LongAdder> counters) {
        Map<K, Long> copy = new TreeMap<>();
        counters.forEach((key, count) -> copy.put(key, count.sum()));
        return copy;
    }
}
