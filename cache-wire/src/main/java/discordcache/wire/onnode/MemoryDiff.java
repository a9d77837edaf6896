package discordcache.wire.onnode;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceAware;
import com.hazelcast.map.EntryProcessor;
import discordcache.model.CacheMap;
import discordcache.model.Versioned;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Answers, for a batch of entries all of one partition (of any maps keyed by the entity's id: a key's partition is the
 * same in every map), which values differ from what memory holds under their keys, and which probed keys memory
 * holds (see {@link InMemory}). It runs on an entry of the {@value #ANCHORS} map whose key is in that partition, a map
 * that never holds an entry: the processor only needs to run on the right partition thread, and writes nothing, so it
 * has no backup.
 */
final class MemoryDiff implements EntryProcessor<Object, Object, int[]>, HazelcastInstanceAware {
    /** The map the comparisons run on; it never holds entries. */
    public static final String ANCHORS = "partition_anchors";

    private final List<String> mapNames;
    private final List<Object> values;
    private final long[] probedIds;
    private transient HazelcastInstance member;

    /**
     * @param mapNames  the entity map of each entry
     * @param values    the value of each entry to compare, or null for an entry whose key is only probed
     * @param probedIds the id (the key) of each entry, read only for those without a value
     */
    public MemoryDiff(List<String> mapNames, List<?> values, long[] probedIds) {
        this.mapNames = List.copyOf(mapNames);
        this.values = new ArrayList<>(values);
        this.probedIds = Objects.requireNonNull(probedIds, "probedIds is null");
        if (values.size() != mapNames.size() || probedIds.length != mapNames.size()) {
            throw new IllegalArgumentException("A MemoryDiff needs a map name, a value or null and an id per entry");
        }
    }

    public List<String> mapNames() {
        return mapNames;
    }

    public List<Object> values() {
        return values;
    }

    public long[] probedIds() {
        return probedIds;
    }

    @Override
    public void setHazelcastInstance(HazelcastInstance hazelcastInstance) {
        this.member = hazelcastInstance;
    }

    /**
     * The positions of the entries whose value differs from memory's (or memory holds none), and of the probed
     * entries memory holds; ascending.
     */
    @Override
    public int[] process(Map.Entry<Object, Object> anchor) {
        return compare(MemberTasks.requireMember(member, this), mapNames, values, probedIds,
                InMemory.Place.PARTITION_THREAD);
    }

    /**
     * The comparison itself, also run in place by a task on the member that owns the partition (without an
     * operation; see {@link InMemory.Place#OWNER}); the parameters are the constructor's.
     */
    static int[] compare(HazelcastInstance hazelcast, List<String> mapNames, List<?> values, long[] probedIds,
                         InMemory.Place place) {
        Map<String, List<Integer>> compared = new LinkedHashMap<>();
        Map<String, List<Integer>> probed = new LinkedHashMap<>();
        for (int i = 0; i < values.size(); i++) {
            (values.get(i) == null ? probed : compared).computeIfAbsent(mapNames.get(i), name -> new ArrayList<>())
                    .add(i);
        }
        List<Integer> answer = new ArrayList<>();
        compared.forEach((name, positions) -> {
            int[] differing = differing(hazelcast, CacheMap.named(name),
                    positions.stream().map(values::get).toList(), place);
            Arrays.stream(differing).forEach(at -> answer.add(positions.get(at)));
        });
        probed.forEach((name, positions) -> {
            List<?> cached = cachedIds(hazelcast, CacheMap.named(name),
                    positions.stream().map(at -> probedIds[at]).toList(), place);
            for (int at = 0; at < positions.size(); at++) {
                if (cached.get(at) != null) {
                    answer.add(positions.get(at));
                }
            }
        });
        return answer.stream().mapToInt(Integer::intValue).sorted().toArray();
    }

    @SuppressWarnings("unchecked")
    private static <K> List<?> cachedIds(HazelcastInstance hazelcast, CacheMap<K, ?> map, List<Long> ids,
                                         InMemory.Place place) {
        if (map.keyType() != Long.class) {
            throw new IllegalArgumentException("Only maps keyed by a snowflake can be probed, not " + map);
        }
        return InMemory.cached(hazelcast, map, (List<K>) ids, place);
    }

    @SuppressWarnings("unchecked")
    private static <K, V extends Versioned<V>> int[] differing(HazelcastInstance hazelcast, CacheMap<K, ?> map,
                                                               List<?> values, InMemory.Place place) {
        return InMemory.differing(hazelcast, (CacheMap<K, V>) map, (List<V>) values, place);
    }

    @Override
    public EntryProcessor<Object, Object, int[]> getBackupProcessor() {
        return null;
    }

    @Override
    public String toString() {
        return "MemoryDiff[" + values.size() + " entries]";
    }
}
