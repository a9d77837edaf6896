package discordcache.write;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceAware;
import com.hazelcast.map.EntryProcessor;
import discordcache.model.CacheMap;
import discordcache.model.Versioned;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Answers which of a batch of values, all of one partition, differ from what memory holds under their keys (see
 * {@link InMemory}). It runs on an entry of the {@value #ANCHORS} map whose key is in that partition (the first
 * value's own key does: a key's partition is the same in every map), a map that never holds an entry: the processor
 * only needs to run on the right partition thread, and writes nothing, so it has no backup.
 */
public final class MemoryDiff implements EntryProcessor<Object, Object, int[]>, HazelcastInstanceAware {
    /** The map the comparisons run on; it never holds entries. */
    public static final String ANCHORS = "partition_anchors";

    private final String mapName;
    private final List<Object> values;
    private transient HazelcastInstance member;

    /**
     * @param mapName the entity map the values belong to
     * @param values  the values, all in one partition
     */
    public MemoryDiff(String mapName, List<?> values) {
        this.mapName = Objects.requireNonNull(mapName, "mapName is null");
        this.values = List.copyOf(values);
    }

    public String mapName() {
        return mapName;
    }

    public List<Object> values() {
        return values;
    }

    @Override
    public void setHazelcastInstance(HazelcastInstance hazelcastInstance) {
        this.member = hazelcastInstance;
    }

    /** The positions of the values that differ from memory, or that memory does not hold; ascending. */
    @Override
    public int[] process(Map.Entry<Object, Object> anchor) {
        return differing(CacheMap.named(mapName));
    }

    @SuppressWarnings("unchecked")
    private <K, V extends Versioned<V>> int[] differing(CacheMap<K, ?> map) {
        return InMemory.differing(MemberTasks.requireMember(member, this), (CacheMap<K, V>) map,
                (List<V>) (List<?>) values);
    }

    @Override
    public EntryProcessor<Object, Object, int[]> getBackupProcessor() {
        return null;
    }

    @Override
    public String toString() {
        return "MemoryDiff[" + values.size() + " of " + mapName + "]";
    }
}
