package discordcache.write;

import discordcache.model.CacheMap;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a bulk write did, by map: how many entities it wrote (a value whose content equals the cached one is not
 * written, and not counted) and how many it removed. Immutable.
 */
public final class WriteCounts {
    private static final WriteCounts NONE = new WriteCounts(Map.of(), Map.of());

    private final Map<String, Long> written;
    private final Map<String, Long> removed;

    /**
     * @param written entities written, by map name
     * @param removed entities removed, by map name
     */
    public WriteCounts(Map<String, Long> written, Map<String, Long> removed) {
        this.written = withoutZeros(written);
        this.removed = withoutZeros(removed);
    }

    public static WriteCounts none() {
        return NONE;
    }

    /** How many entities of {@code map} were written. */
    public long written(CacheMap<?, ?> map) {
        return written.getOrDefault(map.name(), 0L);
    }

    /** How many entities of {@code map} were removed. */
    public long removed(CacheMap<?, ?> map) {
        return removed.getOrDefault(map.name(), 0L);
    }

    /** Entities written, by map name; maps without any are left out. */
    public Map<String, Long> writtenByMap() {
        return written;
    }

    /** Entities removed, by map name; maps without any are left out. */
    public Map<String, Long> removedByMap() {
        return removed;
    }

    /** These counts and {@code other}'s added up. */
    public WriteCounts plus(WriteCounts other) {
        Map<String, Long> sumWritten = new LinkedHashMap<>(written);
        other.written.forEach((map, count) -> sumWritten.merge(map, count, Long::sum));
        Map<String, Long> sumRemoved = new LinkedHashMap<>(removed);
        other.removed.forEach((map, count) -> sumRemoved.merge(map, count, Long::sum));
        return new WriteCounts(sumWritten, sumRemoved);
    }

    private static Map<String, Long> withoutZeros(Map<String, Long> counts) {
        Map<String, Long> kept = new LinkedHashMap<>();
        counts.forEach((map, count) -> {
            if (count != 0) {
                kept.put(map, count);
            }
        });
        return Map.copyOf(kept);
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
