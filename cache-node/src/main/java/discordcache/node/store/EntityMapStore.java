package discordcache.node.store;

import com.hazelcast.cluster.Member;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.MapLoaderLifecycleSupport;
import com.hazelcast.map.MapStore;
import discordcache.model.CacheMap;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.result.ResultIterator;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.core.statement.StatementCustomizer;
import org.postgresql.PGStatement;

import java.io.Closeable;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The MapStore and MapLoader of one entity map. Writes go through {@link Persistence#write}, which retries,
 * dead-letters and spills; every statement is one round trip per batch.
 *
 * <p>The initial load reads each row of this member's partitions once. Hazelcast asks for every key
 * ({@link #loadAllKeys}), then has each partition's owner load its keys' values ({@link #loadAll}); while the node
 * starts, the key stream reads whole rows and keeps the values of the keys this member owns, as far as the node's
 * read-ahead budget allows, so that their {@code loadAll} takes them from memory instead of reading them again by
 * key. What the start did not take is dropped when it ends ({@link #endInitialLoad}), so no value kept then can be
 * served later in place of a newer row.
 *
 * <p>A map loaded whole that never drops an entry holds in memory everything PostgreSQL holds once the start is
 * over: a key missing from memory is missing from PostgreSQL too. Its loader then answers such keys at once
 * without a query, so an entry processor or a read of a new key (a member's first presence, a new user) never
 * waits for PostgreSQL, during an outage neither. Should memory lose entries (a partition lost every copy, or a key
 * stream starts again to reload one), it asks PostgreSQL again.
 */
final class EntityMapStore<K, V> implements MapStore<K, V>, MapLoaderLifecycleSupport {
    private static final int KEY_FETCH_SIZE = 10_000;

    // pgjdbc reads a statement's results as text until it has run it a few times; a stream runs once, and
    // decoding arrays and timestamps from text costs more than reading the rows.
    private static final StatementCustomizer BINARY_RESULTS = new StatementCustomizer() {
        @Override
        public void beforeExecution(PreparedStatement statement, StatementContext context) throws SQLException {
            statement.unwrap(PGStatement.class).setPrepareThreshold(-1);
        }
    };

    private final Persistence persistence;
    private final EntityTable<K, V> table;
    private final Map<K, V> readAhead = new ConcurrentHashMap<>();
    private final boolean memoryHoldsAll;
    private volatile boolean initialLoad = true;
    private volatile boolean keysStreamedAfterStart;
    private volatile HazelcastInstance hazelcast;

    EntityMapStore(Persistence persistence, EntityTable<K, V> table, boolean memoryHoldsAll) {
        this.persistence = persistence;
        this.table = table;
        this.memoryHoldsAll = memoryHoldsAll;
    }

    /** Whether a key missing from memory is known to be missing from PostgreSQL; see the class comment. */
    private boolean memoryIsComplete() {
        return memoryHoldsAll && !initialLoad && !keysStreamedAfterStart && !persistence.isMemoryLost();
    }

    @Override
    public void init(HazelcastInstance hazelcastInstance, Properties properties, String mapName) {
        this.hazelcast = hazelcastInstance;
    }

    @Override
    public void destroy() {
        endInitialLoad();
    }

    /**
     * The start is over: from now on keys are streamed alone, and nothing read ahead is kept.
     *
     * @return how many values were read ahead and never asked for
     */
    int endInitialLoad() {
        initialLoad = false;
        int dropped = 0;
        for (K key : readAhead.keySet()) {
            dropped += forget(key) != null ? 1 : 0;
        }
        return dropped;
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
        if (memoryIsComplete()) {
            persistence.countAnsweredFromMemory(keys.size());
            return Map.of();
        }
        Map<K, V> loaded = new HashMap<>(keys.size() * 2);
        Collection<K> toRead = keys;
        if (initialLoad && !readAhead.isEmpty()) {
            List<K> notReadAhead = new ArrayList<>();
            toRead = notReadAhead;
            for (K key : keys) {
                V value = forget(key);
                // Taken as the start ended: the row may have changed since it streamed by; read it again.
                if (value != null && initialLoad) {
                    loaded.put(key, value);
                } else {
                    notReadAhead.add(key);
                }
            }
        }
        boolean atStart = initialLoad;
        int readAheadTaken = loaded.size();
        if (!toRead.isEmpty()) {
            Collection<K> missing = toRead;
            List<V> values = persistence.read("load " + missing.size() + " " + table.name(),
                    handle -> table.select(handle.getConnection(), missing));
            for (V value : values) {
                loaded.put(table.keyOf(value), value);
            }
        }
        persistence.countLoaded(readAheadTaken, loaded.size() - readAheadTaken, atStart && !loaded.isEmpty());
        return loaded;
    }

    /**
     * Streams every key with a server-side cursor (during the start, whole rows: see the class comment);
     * Hazelcast closes the iterator when it is done, which ends the transaction and returns the connection.
     * Messages are not preloaded: they dominate volume, bots read them by key or by channel, and a get of one
     * that is not in memory reads it through {@link #load}.
     */
    @Override
    public Iterable<K> loadAllKeys() {
        if (table.map() == CacheMap.MESSAGES) {
            return List.of();
        }
        if (!initialLoad && !keysStreamedAfterStart) {
            // Hazelcast loads keys again only to fill a partition that lost its data: memory is not complete now.
            keysStreamedAfterStart = true;
            persistence.memoryLost("Map " + table.name() + " streams its keys again after the start");
        }
        return () -> {
            Handle handle = persistence.openForStreaming();
            try {
                ResultIterator<K> rows = initialLoad && persistence.readsAhead()
                        ? handle.createQuery(table.selectAllSql())
                                .addCustomizer(BINARY_RESULTS)
                                .setFetchSize(KEY_FETCH_SIZE)
                                .map((rs, ctx) -> readAhead(table.fromResultSet(rs)))
                                .iterator()
                        : handle.createQuery(table.selectKeysSql())
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

    /**
     * Keeps the value for its partition's loadAll when this member owns the partition and the node's read-ahead
     * budget allows; returns the key.
     */
    private K readAhead(V value) {
        K key = table.keyOf(value);
        if (initialLoad && ownedHere(key) && persistence.reserveReadAhead()) {
            if (readAhead.put(key, value) != null) {
                persistence.releaseReadAhead();
            }
            if (!initialLoad) {
                // The start ended while this value was kept: no loadAll consults it any more, and left here it
                // would hold its share of the budget for good.
                forget(key);
            }
        }
        return key;
    }

    /** Takes a value read ahead out, and gives its share of the budget back. */
    private V forget(K key) {
        V value = readAhead.remove(key);
        if (value != null) {
            persistence.releaseReadAhead();
        }
        return value;
    }

    private boolean ownedHere(K key) {
        HazelcastInstance instance = hazelcast;
        if (instance == null) {
            return false;
        }
        Member owner = instance.getPartitionService().getPartition(key).getOwner();
        return owner != null && owner.localMember();
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
