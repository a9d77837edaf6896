package discordcache.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a bulk write did, by map: how many entities it wrote (a value whose content equals the cached one is not
 * written, and not counted) and how many it removed. Immutable; maps without any are left out.
 */
public final class WriteCounts {
    private static final WriteCounts NONE = new WriteCounts(Map.of(), Map.of());

    private final Map<CacheMap<?, ?>, Long> written;
    private final Map<CacheMap<?, ?>, Long> removed;

    private WriteCounts(Map<CacheMap<?, ?>, Long> written, Map<CacheMap<?, ?>, Long> removed) {
        this.written = withoutZeros(written);
        this.removed = withoutZeros(removed);
    }

    /**
     * @param written entities written, by map
     * @param removed entities removed, by map
     */
    public static WriteCounts of(Map<CacheMap<?, ?>, Long> written, Map<CacheMap<?, ?>, Long> removed) {
        return written.isEmpty() && removed.isEmpty() ? NONE : new WriteCounts(written, removed);
    }

    /** Nothing written, nothing removed. */
    public static WriteCounts none() {
        return NONE;
    }

    /** How many entities of {@code map} were written. */
    public long written(CacheMap<?, ?> map) {
        return written.getOrDefault(map, 0L);
    }

    /** How many entities of {@code map} were removed. */
    public long removed(CacheMap<?, ?> map) {
        return removed.getOrDefault(map, 0L);
    }

    /** Entities written, by map, in the order of {@link CacheMap#all()}. */
    public Map<CacheMap<?, ?>, Long> written() {
        return written;
    }

    /** Entities removed, by map, in the order of {@link CacheMap#all()}. */
    public Map<CacheMap<?, ?>, Long> removed() {
        return removed;
    }

    /** These counts and {@code other}'s added up. */
    public WriteCounts plus(WriteCounts other) {
        Map<CacheMap<?, ?>, Long> sumWritten = new LinkedHashMap<>(written);
        other.written.forEach((map, count) -> sumWritten.merge(map, count, Long::sum));
        Map<CacheMap<?, ?>, Long> sumRemoved = new LinkedHashMap<>(removed);
        other.removed.forEach((map, count) -> sumRemoved.merge(map, count, Long::sum));
        return of(sumWritten, sumRemoved);
    }

    private static Map<CacheMap<?, ?>, Long> withoutZeros(Map<CacheMap<?, ?>, Long> counts) {
        Map<CacheMap<?, ?>, Long> kept = new LinkedHashMap<>();
        for (CacheMap<?, ?> map : CacheMap.all()) {
            long count = counts.getOrDefault(map, 0L);
            if (count != 0) {
                kept.put(map, count);
            }
        }
        return Collections.unmodifiableMap(kept);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof WriteCounts that && written.equals(that.written) && removed.equals(that.removed);
    }

    @Override
    public int hashCode() {
        return 31 * written.hashCode() + removed.hashCode();
    }

    @Override
    public String toString() {
        return "WriteCounts[written " + written + ", removed " + removed + "]";
    }
}
