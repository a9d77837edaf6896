package discordcache.wire.onnode;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.instance.impl.HazelcastInstanceImpl;
import com.hazelcast.instance.impl.HazelcastInstanceProxy;
import com.hazelcast.internal.serialization.Data;
import com.hazelcast.internal.serialization.SerializationService;
import com.hazelcast.map.impl.MapService;
import com.hazelcast.map.impl.MapServiceContext;
import com.hazelcast.map.impl.record.Record;
import com.hazelcast.map.impl.recordstore.RecordStore;
import com.hazelcast.partition.PartitioningStrategy;
import com.hazelcast.spi.impl.NodeEngineImpl;
import com.hazelcast.spi.impl.operationexecutor.impl.PartitionOperationThread;
import discordcache.model.CacheMap;
import discordcache.model.Versioned;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.ToLongFunction;

/**
 * Compares values with what a member holds in memory, in one of two places:
 * <ul>
 *   <li>on the values' partition thread, from inside an entry processor (on an entry of another map in that
 *       partition: an entry processor may read other maps' entries of its own partition, not its own map's); no
 *       other operation on the partition runs in between, so a comparison and a write in the same step are atomic;
 *   <li>on any thread of the member that owns the values' partition, for a comparison whose write follows as an
 *       operation of its own anyway (a batch of users, channels, a guild): it reads the entry as Hazelcast reads a
 *       backup for {@code MapConfig.setReadBackupData} (the record store's {@code readBackupData}, from the caller's
 *       thread, without side effects), and saves an operation per partition. A value read while another write
 *       replaces it is either one; equal to the older, the write is dropped as if it had been applied just before the
 *       other, as two writes racing on a partition thread could have been.</li>
 * </ul>
 *
 * <p>It reads the partition's record store directly, Hazelcast's internal API: an entry not in memory (new, or
 * evicted by a bound) is simply not compared, and a write of it costs no PostgreSQL read. The one public single-key
 * read that never goes through the loader, {@code IMap.getEntryView}, is a whole invocation per key, and it made a
 * comparison cost about twice as much (5.5 against 2.8 µs per member, measured in one run on this project's 2-core
 * machine); a comparison is the whole cost of a GUILD_CREATE that changes nothing. The classes it uses are pinned
 * with the Hazelcast version; an upgrade that changes them fails to compile.
 */
final class InMemory {
    private InMemory() {
    }

    /** Where a comparison runs; see the class comment. */
    enum Place {
        /** The values' partition thread, inside an entry processor. */
        PARTITION_THREAD,
        /** Any thread of the member that owns the values' partition. */
        OWNER
    }

    /**
     * The positions of the {@code values}, all of one partition, whose content differs from the value memory holds
     * under their key, or that memory does not hold (on {@link Place#OWNER}: or whose partition moved away meanwhile);
     * ascending.
     *
     * @throws IllegalStateException when not run where {@code place} says
     */
    static <K, V extends Versioned<V>> int[] differing(HazelcastInstance member, CacheMap<K, V> map, List<V> values,
                                                       Place place) {
        List<V> cached = cached(member, map, values.stream().map(map::keyOf).toList(), place);
        int[] differing = new int[values.size()];
        int count = 0;
        for (int i = 0; i < values.size(); i++) {
            if (!Versioned.sameContent(values.get(i), cached.get(i))) {
                differing[count++] = i;
            }
        }
        return Arrays.copyOf(differing, count);
    }

    /** {@link #differing(HazelcastInstance, CacheMap, List, Place)} on the values' partition thread. */
    static <K, V extends Versioned<V>> int[] differing(HazelcastInstance member, CacheMap<K, V> map, List<V> values) {
        return differing(member, map, values, Place.PARTITION_THREAD);
    }

    /**
     * The values memory holds under the {@code keys}, all of one partition, in their order; null for a key memory
     * does not hold (on {@link Place#OWNER}: or whose partition moved away meanwhile).
     *
     * @throws IllegalStateException when not run where {@code place} says
     */
    static <K, V> List<V> cached(HazelcastInstance member, CacheMap<K, V> map, List<K> keys, Place place) {
        List<V> cached = new ArrayList<>(keys.size());
        if (keys.isEmpty()) {
            return cached;
        }
        NodeEngineImpl engine = nodeEngine(member);
        MapServiceContext context = engine.<MapService>getService(MapService.SERVICE_NAME).getMapServiceContext();
        PartitioningStrategy<?> strategy = context.getMapContainer(map.name()).getPartitioningStrategy();
        SerializationService serialization = engine.getSerializationService();
        int partitionId = -1;
        RecordStore<?> store = null;
        for (K key : keys) {
            Data keyData = context.toData(key, strategy);
            int partition = engine.getPartitionService().getPartitionId(keyData);
            if (partitionId == -1) {
                partitionId = partition;
                if (place == Place.PARTITION_THREAD) {
                    requirePartitionThread(engine, partitionId, map);
                } else if (!engine.getPartitionService().getPartition(partitionId).isLocal()) {
                    // Moved away since the caller looked: nothing is compared, so everything is written.
                    keys.forEach(unread -> cached.add(null));
                    return cached;
                }
                store = context.getExistingRecordStore(partitionId, map.name());
            } else if (partition != partitionId) {
                throw new IllegalStateException("Keys of " + map + " from partitions " + partitionId + " and "
                        + partition + " in one read");
            }
            Object value = null;
            if (store != null && place == Place.PARTITION_THREAD) {
                Record<?> record = store.getRecordOrNull(keyData, false);
                value = record == null ? null : record.getValue();
            } else if (store != null) {
                value = store.readBackupData(keyData);
            }
            cached.add(value == null ? null : map.valueType().cast(serialization.toObject(value)));
        }
        return cached;
    }

    /** {@link #cached(HazelcastInstance, CacheMap, List, Place)} on the keys' partition thread. */
    static <K, V> List<V> cached(HazelcastInstance member, CacheMap<K, V> map, List<K> keys) {
        return cached(member, map, keys, Place.PARTITION_THREAD);
    }

    private static void requirePartitionThread(NodeEngineImpl engine, int partitionId, CacheMap<?, ?> map) {
        if (!(Thread.currentThread() instanceof PartitionOperationThread thread) || thread.getThreadId()
                != engine.getOperationService().getOperationExecutor().toPartitionThreadIndex(partitionId)) {
            throw new IllegalStateException("A comparison of " + map + " with memory runs on the thread of its "
                    + "partition " + partitionId + ", inside an entry processor; this is " + Thread.currentThread());
        }
    }

    private static NodeEngineImpl nodeEngine(HazelcastInstance member) {
        HazelcastInstanceImpl instance = member instanceof HazelcastInstanceProxy proxy ? proxy.getOriginal()
                : (HazelcastInstanceImpl) member;
        return instance.node.getNodeEngine();
    }

    /**
     * The positions of the {@code values} to write: those the index does not list (memory cannot hold them, as an
     * index lists at least every entry memory holds, so they are not looked up) and those it lists that differ
     * from memory; ascending.
     */
    static <V extends Versioned<V>> int[] toWrite(HazelcastInstance member, CacheMap<?, V> map, List<V> values,
                                                  IdSet indexed, ToLongFunction<V> idInIndex) {
        List<Integer> listed = new ArrayList<>();
        List<Integer> positions = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            (indexed.contains(idInIndex.applyAsLong(values.get(i))) ? listed : positions).add(i);
        }
        for (int changed : differing(member, map, listed.stream().map(values::get).toList())) {
            positions.add(listed.get(changed));
        }
        return positions.stream().mapToInt(Integer::intValue).sorted().toArray();
    }

    /** The values at {@code positions}. */
    static <V> List<V> at(List<V> values, int[] positions) {
        return Arrays.stream(positions).mapToObj(values::get).toList();
    }
}
