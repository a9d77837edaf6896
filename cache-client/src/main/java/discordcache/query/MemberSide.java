package discordcache.query;

import com.hazelcast.config.EvictionPolicy;
import com.hazelcast.config.MapConfig;
import com.hazelcast.config.MapStoreConfig;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import com.hazelcast.query.Predicate;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/** What the query tasks need on the member they run on. */
final class MemberSide {
    private static final int GET_ALL_CHUNK = 10_000;

    private MemberSide() {
    }

    /**
     * The ids PostgreSQL holds, when the map may lack some of its entries in memory; null when memory holds
     * everything there is (no store, or loaded whole and never evicted), or when the member has no database.
     */
    static PersistedIds persistedIdsIfIncomplete(HazelcastInstance member, String mapName) {
        MapConfig config = member.getConfig().findMapConfig(mapName);
        MapStoreConfig store = config.getMapStoreConfig();
        if (store == null || !store.isEnabled()) {
            return null;
        }
        boolean dropsEntries = config.getEvictionConfig().getEvictionPolicy() != EvictionPolicy.NONE
                || config.getTimeToLiveSeconds() > 0 || config.getMaxIdleSeconds() > 0;
        boolean loadsWhole = store.getInitialLoadMode() == MapStoreConfig.InitialLoadMode.EAGER;
        if (loadsWhole && !dropsEntries) {
            return null;
        }
        return (PersistedIds) member.getUserContext().get(PersistedIds.USER_CONTEXT_KEY);
    }

    /**
     * Reads {@code keys} into {@code into}, through the map's loader for entries not in memory. An entry deleted
     * in memory but not yet in PostgreSQL stays deleted: the write-behind store answers for it before the loader.
     */
    static <K, V> void getAll(IMap<K, V> map, Set<K> keys, Map<K, V> into) {
        Iterator<K> remaining = keys.iterator();
        while (remaining.hasNext()) {
            Map<K, V> chunk = new HashMap<>();
            for (int i = 0; i < GET_ALL_CHUNK && remaining.hasNext(); i++) {
                chunk.put(remaining.next(), null);
            }
            into.putAll(map.getAll(chunk.keySet()));
        }
    }

    /**
     * Deletes what {@code inMemory} finds in one partition operation, then the keys only PostgreSQL holds one by
     * one; answers how many keys it deleted (persisted rows whose delete was already on its way included).
     */
    static <K, V> long deleteAll(IMap<K, V> map, Predicate<K, V> inMemory, Iterable<K> persisted) {
        Set<K> keys = new HashSet<>(map.keySet(inMemory));
        map.removeAll(inMemory);
        for (K key : persisted) {
            if (keys.add(key)) {
                map.delete(key);
            }
        }
        return keys.size();
    }

    static <T> T requireMember(T hazelcast, Object task) {
        if (hazelcast == null) {
            throw new IllegalStateException(task + " runs on a cache member, submitted through an executor");
        }
        return hazelcast;
    }
}
