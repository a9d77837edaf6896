package discordcache.write;

import com.hazelcast.core.EntryView;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import discordcache.model.CacheMap;
import discordcache.model.Versioned;
import discordcache.query.IdSet;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.ToLongFunction;

/**
 * Compares values with what a member holds in memory, from inside an entry processor that runs on the values'
 * partition (on an entry of another map in that partition: an entry processor may read other maps' entries of its
 * own partition, not its own map's).
 *
 * <p>It reads with {@code IMap.getEntryView}, the one single-key read that never goes through the map's loader: an
 * entry not in memory (new, or evicted by a bound) is simply not compared, and a write of it costs no PostgreSQL
 * read. Reading in place on the partition thread also means no other operation on the partition runs in between.
 */
final class InMemory {
    private InMemory() {
    }

    /**
     * The positions of the {@code values} (all of one partition) whose content differs from the value memory
     * holds under their key, or that memory does not hold; ascending.
     */
    static <K, V extends Versioned<V>> int[] differing(HazelcastInstance member, CacheMap<K, V> map, List<V> values) {
        IMap<K, V> entries = member.getMap(map.name());
        int[] differing = new int[values.size()];
        int count = 0;
        for (int i = 0; i < values.size(); i++) {
            V value = values.get(i);
            EntryView<K, V> cached = entries.getEntryView(map.keyOf(value));
            if (cached == null || !Versioned.sameContent(value, cached.getValue())) {
                differing[count++] = i;
            }
        }
        return Arrays.copyOf(differing, count);
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
