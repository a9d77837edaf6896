package discordcache.wire.onnode;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceAware;
import discordcache.model.CacheMap;
import discordcache.model.Versioned;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;

/**
 * Writes a batch of values (already version-stamped) of a map keyed by the entity's own id, from inside the cluster,
 * and answers how many it wrote: per partition, the values are compared with memory where they live and only those
 * that differ are written ({@link Upserts}). The client crosses the network once; a value that changes nothing costs
 * no write-behind store and no invalidation.
 */
public final class UpsertTask implements Callable<Integer>, HazelcastInstanceAware {
    private final String mapName;
    private final List<Object> values;
    private transient HazelcastInstance member;

    /**
     * @param mapName the entity map
     * @param values  the values, each under its own key
     */
    public UpsertTask(String mapName, List<?> values) {
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
        return write(CacheMap.named(mapName));
    }

    @SuppressWarnings("unchecked")
    private <K, V extends Versioned<V>> int write(CacheMap<K, ?> map) {
        CacheMap<K, V> typed = (CacheMap<K, V>) map;
        List<V> cast = values.stream().map(value -> (V) map.valueType().cast(value)).toList();
        Upserts.Outcome outcome = MemberTasks.await(new Upserts().add(typed, cast)
                .write(MemberTasks.requireMember(member, this)));
        return outcome.written().getOrDefault(map.name(), 0L).intValue();
    }

    @Override
    public String toString() {
        return "UpsertTask[" + values.size() + " into " + mapName + "]";
    }
}
