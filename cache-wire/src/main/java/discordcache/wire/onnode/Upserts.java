package discordcache.wire.onnode;

import com.hazelcast.cluster.Member;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import com.hazelcast.partition.PartitionService;
import discordcache.model.CacheMap;
import discordcache.model.Versioned;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Writes values of maps keyed by the entity's own id (users, guilds, channels, …), from a member: per partition, one
 * comparison with memory of everything the batch holds in that partition, whatever its map (in place for the
 * partitions this member owns, see {@link InMemory.Place#OWNER}; a {@link MemoryDiff} on the others), and one
 * {@code setAll} per map of the values that differ. A value whose content equals the cached one is not written:
 * it keeps its version, is not written behind, and sends no invalidation. A batch can also ask which keys memory
 * holds (probes), answered by the same comparisons. Not thread-safe: one batch per write.
 */
final class Upserts {
    /** The most entries one comparison reads, so that a huge batch does not hold a partition thread for long. */
    static final int SLICE = 2_000;
    /** Up to this many values of one partition are written one {@code set} each rather than as a {@code setAll}. */
    private static final int SINGLE_WRITES = 4;

    private record Entry(CacheMap<?, ?> map, Object key, Object value) {
    }

    private final Map<Object, Entry> entries = new LinkedHashMap<>();
    private final List<Entry> probes = new ArrayList<>();

    /** Adds values to write where they differ from memory; of two with one key, the later one is written. */
    <K, V extends Versioned<V>> Upserts add(CacheMap<K, V> map, List<V> values) {
        for (V value : values) {
            K key = map.keyOf(value);
            entries.put(List.of(map.name(), key), new Entry(map, key, value));
        }
        return this;
    }

    /** Asks whether memory holds this key of a map keyed by a snowflake. */
    Upserts probe(CacheMap<Long, ?> map, long id) {
        probes.add(new Entry(map, id, null));
        return this;
    }

    /**
     * What a batch did.
     *
     * @param written values written, by map name
     * @param cached  the probes memory holds, in the order they were asked
     */
    record Outcome(Map<String, Long> written, List<Boolean> cached) {
    }

    /** Compares and writes; the stage completes once every write is done. */
    CompletableFuture<Outcome> write(HazelcastInstance member) {
        PartitionService partitions = member.getPartitionService();
        List<Entry> all = new ArrayList<>(entries.values());
        all.addAll(probes);
        Map<Integer, List<Integer>> byPartition = new HashMap<>();
        for (int i = 0; i < all.size(); i++) {
            byPartition.computeIfAbsent(partitions.getPartition(all.get(i).key()).getPartitionId(),
                    partition -> new ArrayList<>()).add(i);
        }
        IMap<Object, Object> anchors = member.getMap(MemoryDiff.ANCHORS);
        Map<String, Long> written = new HashMap<>();
        boolean[] cached = new boolean[all.size()];
        List<CompletableFuture<?>> steps = new ArrayList<>();
        for (List<Integer> partition : byPartition.values()) {
            for (int from = 0; from < partition.size(); from += SLICE) {
                List<Integer> slice = partition.subList(from, Math.min(partition.size(), from + SLICE));
                List<String> maps = slice.stream().map(at -> all.get(at).map().name()).toList();
                List<Object> values = slice.stream().map(at -> all.get(at).value()).toList();
                long[] ids = slice.stream().mapToLong(at -> all.get(at).value() == null
                        ? (Long) all.get(at).key() : 0L).toArray();
                Object firstKey = all.get(slice.get(0)).key();
                Member owner = partitions.getPartition(firstKey).getOwner();
                CompletableFuture<int[]> compared = owner != null && owner.localMember()
                        ? CompletableFuture.completedFuture(MemoryDiff.compare(member, maps, values, ids,
                                InMemory.Place.OWNER))
                        : anchors.submitToKey(firstKey, new MemoryDiff(maps, values, ids)).toCompletableFuture();
                steps.add(compared.thenCompose(positions -> {
                    Map<CacheMap<?, ?>, List<Object>> changed = new LinkedHashMap<>();
                    for (int position : positions) {
                        Entry entry = all.get(slice.get(position));
                        if (entry.value() == null) {
                            cached[slice.get(position)] = true;
                        } else {
                            changed.computeIfAbsent(entry.map(), map -> new ArrayList<>()).add(entry.value());
                        }
                    }
                    List<CompletableFuture<?>> writes = new ArrayList<>();
                    changed.forEach((map, changedValues) -> writes.add(write(member, map, changedValues)
                            .thenAccept(count -> {
                                synchronized (written) {
                                    written.merge(map.name(), (long) count, Long::sum);
                                }
                            })));
                    return CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new));
                }));
            }
        }
        return CompletableFuture.allOf(steps.toArray(CompletableFuture[]::new)).thenApply(done -> {
            List<Boolean> probed = new ArrayList<>(probes.size());
            for (int i = entries.size(); i < all.size(); i++) {
                probed.add(cached[i]);
            }
            synchronized (written) {
                return new Outcome(Map.copyOf(written), probed);
            }
        });
    }

    @SuppressWarnings("unchecked")
    private static <K, V> CompletableFuture<Integer> write(HazelcastInstance member, CacheMap<K, V> map,
                                                           List<Object> values) {
        return write(member.getMap(map.name()), map, (List<V>) values);
    }

    /**
     * Writes the values (all of one partition) as they are; answers how many. A few values go as one {@code set}
     * each: Hazelcast's {@code setAll} first maps every partition of the cluster to its owner, whatever the batch
     * holds, which cost more than the writes themselves for the one or two users a guild has in most partitions.
     */
    static <K, V> CompletableFuture<Integer> write(IMap<K, V> entries, CacheMap<K, V> map, List<V> values) {
        if (values.isEmpty()) {
            return CompletableFuture.completedFuture(0);
        }
        if (values.size() <= SINGLE_WRITES) {
            CompletableFuture<?>[] sets = values.stream()
                    .map(value -> entries.setAsync(map.keyOf(value), value).toCompletableFuture())
                    .toArray(CompletableFuture[]::new);
            return CompletableFuture.allOf(sets).thenApply(done -> values.size());
        }
        Map<K, V> batch = new HashMap<>(values.size() * 2);
        values.forEach(value -> batch.put(map.keyOf(value), value));
        return entries.setAllAsync(batch).toCompletableFuture().thenApply(done -> values.size());
    }
}
