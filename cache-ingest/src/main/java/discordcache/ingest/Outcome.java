package discordcache.ingest;

import discordcache.client.Change;
import discordcache.model.CacheMap;
import discordcache.model.WriteCounts;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Collects what an event did while it is applied; then becomes its {@link IngestResult}. Thread-safe. */
final class Outcome {
    private final String event;
    private final List<Change<?>> changes = new ArrayList<>();
    private final Map<CacheMap<?, ?>, Long> written = new ConcurrentHashMap<>();
    private final Map<CacheMap<?, ?>, Long> removed = new ConcurrentHashMap<>();

    Outcome(String event) {
        this.event = event;
    }

    synchronized Outcome change(Change<?> change) {
        changes.add(change);
        return this;
    }

    Outcome written(CacheMap<?, ?> map, long count) {
        if (count > 0) {
            written.merge(map, count, Long::sum);
        }
        return this;
    }

    /** What a bulk write wrote and removed. */
    Outcome counted(WriteCounts counts) {
        counts.written().forEach((map, count) -> written.merge(map, count, Long::sum));
        return removed(counts.removed());
    }

    Outcome removed(Map<CacheMap<?, ?>, Long> counts) {
        counts.forEach((map, count) -> {
            if (count > 0) {
                removed.merge(map, count, Long::sum);
            }
        });
        return this;
    }

    Outcome removed(CacheMap<?, ?> map, long count) {
        return removed(Map.of(map, count));
    }

    synchronized IngestResult result() {
        return new IngestResult(event, false, changes, written, removed);
    }
}
