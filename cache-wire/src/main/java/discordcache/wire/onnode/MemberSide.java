package discordcache.wire.onnode;

import com.hazelcast.map.IMap;

import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/** What the query tasks need on the member they run on. */
final class MemberSide {
    private static final int GET_ALL_CHUNK = 10_000;

    private MemberSide() {
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

    static <T> T requireMember(T hazelcast, Object task) {
        if (hazelcast == null) {
            throw new IllegalStateException(task + " runs on a cache member, submitted through an executor");
        }
        return hazelcast;
    }
}
