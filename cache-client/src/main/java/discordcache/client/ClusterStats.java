package discordcache.client;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The cluster's state, summed over its members.
 *
 * @param maps        per entity map, by name, in the order of {@code CacheMap.all()}
 * @param deadLetters rows PostgreSQL refused, kept in the {@code dead_letters} table (-1 when no member could
 *                    count them)
 */
public record ClusterStats(Map<String, MapStats> maps, long deadLetters) {
    public ClusterStats {
        maps = Collections.unmodifiableMap(new LinkedHashMap<>(maps)); // in the order of CacheMap.all()
    }

    /**
     * @param entries        entries in memory (primaries, without backups)
     * @param pendingWrites  changes waiting for write-behind to store them in PostgreSQL
     */
    public record MapStats(long entries, long pendingWrites) {
    }
}
