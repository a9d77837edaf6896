package discordcache.client;

import com.hazelcast.core.HazelcastInstance;
import discordcache.model.CacheMap;
import discordcache.wire.onnode.MemberStats;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Future;

/**
 * What operators and tools ask of the cache: the cluster's statistics, this client's near caches, and the Hazelcast
 * client underneath. Get it from {@link DiscordCache#admin()}. Thread-safe.
 */
public final class CacheAdmin {
    private final HazelcastInstance client;
    private final NearCaches nearCaches;

    CacheAdmin(HazelcastInstance client, NearCaches nearCaches) {
        this.client = client;
        this.nearCaches = nearCaches;
    }

    /**
     * Entries and pending writes per map, and the dead letters, summed over the cluster's members.
     *
     * @throws CacheUnavailableException when the cluster cannot be reached
     */
    public ClusterStats clusterStats() {
        return Completions.call(() -> {
            Map<String, Long> totals = new HashMap<>();
            long deadLetters = -1;
            for (Future<Map<String, Long>> answer : client.getExecutorService(Queries.EXECUTOR)
                    .submitToAllMembers(new MemberStats()).values()) {
                for (Map.Entry<String, Long> stat : Completions.get(answer).entrySet()) {
                    if (stat.getKey().equals(MemberStats.DEAD_LETTERS)) {
                        deadLetters = stat.getValue(); // one table: every member counts the same rows
                    } else {
                        totals.merge(stat.getKey(), stat.getValue(), Long::sum);
                    }
                }
            }
            Map<CacheMap<?, ?>, ClusterStats.MapStats> maps = new LinkedHashMap<>();
            for (CacheMap<?, ?> map : CacheMap.all()) {
                maps.put(map, new ClusterStats.MapStats(
                        totals.getOrDefault(map.name() + MemberStats.ENTRIES, 0L),
                        totals.getOrDefault(map.name() + MemberStats.PENDING, 0L)));
            }
            return new ClusterStats(maps, deadLetters);
        });
    }

    /** This client's near-cache statistics, per near-cached map (maps whose near cache is off are left out). */
    public Map<CacheMap<?, ?>, NearCacheStats> nearCacheStats() {
        return nearCaches.stats();
    }

    /**
     * The Hazelcast client underneath, for what this API does not cover. Writes made through it bypass the version
     * clock and the guild index: use it to read.
     */
    public HazelcastInstance hazelcast() {
        return client;
    }
}
