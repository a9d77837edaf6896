package discordcache.node.store;

import com.hazelcast.map.MapStore;
import discordcache.model.CacheMap;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.result.ResultIterator;

import java.io.Closeable;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * The MapStore and MapLoader of one entity map. Writes go through {@link Persistence#write}, which retries,
 * dead-letters and spills; every statement is one round trip per batch.
 */
final class EntityMapStore<K, V> implements MapStore<K, V> {
    private static final int KEY_FETCH_SIZE = 10_000;

    private final Persistence persistence;
    private final EntityTable<K, V> table;

    EntityMapStore(Persistence persistence, EntityTable<K, V> table) {
        this.persistence = persistence;
        this.table = table;
    }

    @Override
    public void store(K key, V value) {
        storeAll(Map.of(key, value));
    }

    /**
     * Writes the entries. An entry whose value belongs to another key (a writer's bug) is kept in the dead
     * letters instead: written as it is, it would land under the value's key, where deletes and loads of the map's
     * key never find it.
     */
    @Override
    public void storeAll(Map<K, V> entries) {
        List<Object[]> rows = new ArrayList<>(entries.size());
        entries.forEach((key, value) -> {
            Object[] row = table.toRow(value);
            K own = table.keyOf(value);
            if (own.equals(key)) {
                rows.add(row);
            } else {
                persistence.deadLetter(table, row, "stored under the key " + key + ", but the value is the one of "
                        + own);
            }
        });
        if (!rows.isEmpty()) {
            persistence.write(WriteOp.UPSERT, table, rows, true);
        }
    }

    @Override
    public void delete(K key) {
        deleteAll(List.of(key));
    }

    @Override
    public void deleteAll(Collection<K> keys) {
        if (!keys.isEmpty()) {
            persistence.write(WriteOp.DELETE, table, keys.stream().map(table::keyRow).toList(), true);
        }
    }

    @Override
    public V load(K key) {
        return loadAll(List.of(key)).get(key);
    }

    @Override
    public Map<K, V> loadAll(Collection<K> keys) {
        if (keys.isEmpty()) {
            return Map.of();
        }
        List<V> values = persistence.read("load " + keys.size() + " " + table.name(),
                handle -> table.select(handle.getConnection(), keys));
        Map<K, V> loaded = new HashMap<>(values.size() * 2);
        for (V value : values) {
            loaded.put(table.keyOf(value), value);
        }
        return loaded;
    }

    /**
     * Streams every key with a server-side cursor; Hazelcast closes the iterator when it is done, which ends
     * the transaction and returns the connection. Messages are not preloaded: they dominate volume, bots read
     * them by key or by channel, and a get of one that is not in memory reads it through {@link #load}.
     */
    @Override
    public Iterable<K> loadAllKeys() {
        if (table.map() == CacheMap.MESSAGES) {
            return List.of();
        }
        return () -> {
            Handle handle = persistence.openForStreaming();
            try {
                ResultIterator<K> rows = handle.createQuery(table.selectKeysSql())
                        .setFetchSize(KEY_FETCH_SIZE)
                        .map((rs, ctx) -> table.keyFromResultSet(rs))
                        .iterator();
                return new StreamingKeys<>(handle, rows);
            } catch (RuntimeException e) {
                handle.close();
                throw e;
            }
        };
    }

    private static final class StreamingKeys<K> implements Iterator<K>, Closeable {
        private final Handle handle;
        private final ResultIterator<K> rows;
        private boolean closed;

        StreamingKeys(Handle handle, ResultIterator<K> rows) {
            this.handle = handle;
            this.rows = rows;
        }

        @Override
        public boolean hasNext() {
            if (closed) {
                return false;
            }
            if (rows.hasNext()) {
                return true;
            }
            close();
            return false;
        }

        @Override
        public K next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            return rows.next();
        }

        @Override
        public void close() {
            if (!closed) {
                closed = true;
                try (handle) {
                    rows.close();
                    handle.rollback();
                }
            }
        }
    }
}
