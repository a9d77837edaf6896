package discordcache.client;

import discordcache.model.CacheMap;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The cluster's state, summed over its members. Immutable.
 *
 * @param maps        per entity map, in the order of {@link CacheMap#all()}
 * @param deadLetters rows PostgreSQL refused, kept in the {@code dead_letters} table (-1 when no member could
 *                    count them)
 */
public record ClusterStats(Map<CacheMap<?, ?>, MapStats> maps, long deadLetters) {
    public ClusterStats {
        maps = Collections.unmodifiableMap(new LinkedHashMap<>(maps));
    }

    /** The statistics of one map (zero entries when no member reported it). */
    public MapStats map(CacheMap<?, ?> map) {
        return maps.getOrDefault(map, new MapStats(0, 0));
    }

    /**
     * @param entries        entries in memory (primaries, without backups)
     * @param pendingWrites  changes waiting for write-behind to store them in PostgreSQL
     */
    public record MapStats(long entries, long pendingWrites) {
    }
}
