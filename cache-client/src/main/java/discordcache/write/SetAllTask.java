package discordcache.write;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceAware;
import discordcache.model.CacheMap;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;

/**
 * Writes a batch of values (already version-stamped) from inside the cluster. A client's own {@code setAll} sends
 * one operation per partition, which for values spread over every partition (a guild's users) costs a round trip
 * each; this task crosses the network once, and the member it runs on sends the per-partition operations.
 */
public final class SetAllTask implements Callable<Integer>, HazelcastInstanceAware {
    private final String mapName;
    private final List<Object> values;
    private transient HazelcastInstance member;

    /**
     * @param mapName the entity map
     * @param values  the values, each under its own key
     */
    public SetAllTask(String mapName, List<?> values) {
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

    @Override
    public Integer call() {
        if (member == null) {
            throw new IllegalStateException(this + " runs on a cache member, submitted through an executor");
        }
        write(CacheMap.named(mapName));
        return values.size();
    }

    private <K, V> void write(CacheMap<K, V> map) {
        Map<K, V> entries = new HashMap<>();
        for (Object value : values) {
            V typed = map.valueType().cast(value);
            entries.put(map.keyOf(typed), typed);
        }
        member.getMap(map.name()).setAll(entries);
    }

    @Override
    public String toString() {
        return "SetAllTask[" + values.size() + " into " + mapName + "]";
    }
}
