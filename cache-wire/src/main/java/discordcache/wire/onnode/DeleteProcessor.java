package discordcache.wire.onnode;

import com.hazelcast.map.EntryProcessor;

import java.util.Map;

/**
 * Deletes one entry and returns the value it had (null when there was none). The delete goes through the
 * map's store like {@code IMap.delete}.
 *
 * @param <K> the key type
 * @param <V> the value type
 */
public final class DeleteProcessor<K, V> implements EntryProcessor<K, V, V> {
    @Override
    public V process(Map.Entry<K, V> entry) {
        V previous = entry.getValue();
        if (previous != null) {
            entry.setValue(null);
        }
        return previous;
    }
}
