package discordcache.write;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import com.hazelcast.partition.PartitionService;
import discordcache.model.CacheMap;
import discordcache.model.Versioned;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Writes values of a map keyed by the entity's own id (users, guilds, channels, …), from a member: per partition,
 * one comparison with memory ({@link MemoryDiff}) and one {@code setAll} of the values that differ. A value whose
 * content equals the cached one is not written: it keeps its version, is not written behind, and sends no
 * invalidation.
 */
final class Upserts {
    /** The most values one comparison reads, so that a huge batch does not hold a partition thread for long. */
    static final int SLICE = 2_000;

    private Upserts() {
    }

    /** Writes the values that differ from memory (the last of two with one key wins); answers how many. */
    static <K, V extends Versioned<V>> CompletableFuture<Integer> writeChanged(HazelcastInstance member,
                                                                                CacheMap<K, V> map,
                                                                                Collection<V> values) {
        PartitionService partitions = member.getPartitionService();
        Map<K, V> byKey = new LinkedHashMap<>();
        values.forEach(value -> byKey.put(map.keyOf(value), value));
        Map<Integer, List<V>> byPartition = new HashMap<>();
        byKey.forEach((key, value) -> byPartition.computeIfAbsent(partitions.getPartition(key).getPartitionId(),
                partition -> new ArrayList<>()).add(value));
        IMap<Object, Object> anchors = member.getMap(MemoryDiff.ANCHORS);
        IMap<K, V> entries = member.getMap(map.name());
        List<CompletableFuture<Integer>> writes = new ArrayList<>();
        for (List<V> partition : byPartition.values()) {
            for (int from = 0; from < partition.size(); from += SLICE) {
                List<V> slice = partition.subList(from, Math.min(partition.size(), from + SLICE));
                writes.add(anchors.submitToKey(map.keyOf(slice.get(0)), new MemoryDiff(map.name(), slice))
                        .toCompletableFuture()
                        .thenCompose(positions -> write(entries, map, InMemory.at(slice, positions))));
            }
        }
        return CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new))
                .thenApply(done -> writes.stream().mapToInt(CompletableFuture::join).sum());
    }

    /** Writes the values (all of one partition) as they are; answers how many. */
    static <K, V> CompletableFuture<Integer> write(IMap<K, V> entries, CacheMap<K, V> map, List<V> values) {
        if (values.isEmpty()) {
            return CompletableFuture.completedFuture(0);
        }
        Map<K, V> batch = new HashMap<>(values.size() * 2);
        values.forEach(value -> batch.put(map.keyOf(value), value));
        return entries.setAllAsync(batch).toCompletableFuture().thenApply(done -> values.size());
    }
}
