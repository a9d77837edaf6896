package discordcache.nearcache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.hazelcast.core.EntryEvent;
import com.hazelcast.map.IMap;
import com.hazelcast.map.MapEvent;
import com.hazelcast.map.listener.EntryAddedListener;
import com.hazelcast.map.listener.EntryEvictedListener;
import com.hazelcast.map.listener.EntryExpiredListener;
import com.hazelcast.map.listener.EntryLoadedListener;
import com.hazelcast.map.listener.EntryMergedListener;
import com.hazelcast.map.listener.EntryRemovedListener;
import com.hazelcast.map.listener.EntryUpdatedListener;
import com.hazelcast.map.listener.MapClearedListener;
import com.hazelcast.map.listener.MapEvictedListener;
import discordcache.model.Versioned;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.LongAdder;

/**
 * A client-side cache of one entity map, in front of the cluster.
 *
 * <p>Consistency: an entry is dropped when the cluster reports a change of its key (entry listeners without
 * values). A read that misses first puts a unique reservation under the key, then reads the cluster, then
 * publishes its value only if the reservation is still there; an invalidation that arrives during the remote
 * read removes the reservation, so a value older than the change is never cached. Reads that go to the cluster
 * while another read holds the reservation record the version they saw, and an older value is then neither
 * published nor kept (invalidations arrive some milliseconds after a write), so a thread that read a value never
 * reads an older one of the same key afterwards. A new cache starts
 * distrusted. Events can be lost while a
 * connection is down or while listeners are re-registered on a new member, and nothing reports such losses, so
 * the owner {@link #distrust() distrusts} the cache on every disconnect and membership change (it is emptied
 * and bypassed) and {@link #trustAgain() trusts it again} after a grace period (emptied once more). The
 * time-to-live is the backstop for losses nothing reports. Values are immutable and shared.
 *
 * <p>Thread-safe.
 *
 * @param <K> the key type
 * @param <V> the value type
 */
public final class NearCache<K, V> implements AutoCloseable {
    /** Reads from the cluster; the seam where a test can slow a read down. */
    public interface RemoteReader<K, V> {
        V get(K key);

        CompletionStage<V> getAsync(K key);

        static <K, V> RemoteReader<K, V> of(IMap<K, V> map) {
            return new RemoteReader<>() {
                @Override
                public V get(K key) {
                    return map.get(key);
                }

                @Override
                public CompletionStage<V> getAsync(K key) {
                    return map.getAsync(key);
                }
            };
        }
    }

    /**
     * Marks a key while its remote read is in flight; identity is what makes it unique. Reads that go to the
     * cluster meanwhile without it (another read held it) record the newest version they saw, and the holder
     * publishes only a value at least that new: otherwise a thread that had read the newer value remotely could
     * next be served the older one from the cache.
     */
    private static final class Reservation {
        private long newestSeen = UNSEEN;
        private boolean settled;
    }

    private static final long UNSEEN = Long.MIN_VALUE;

    /** A cached answer; a null value caches "the cluster has no such entry". */
    private record Present(Object value) {
    }

    private final IMap<K, V> map;
    private final RemoteReader<K, V> reader;
    private final Cache<K, Object> cache;
    private final UUID listenerId;
    private final LongAdder hits = new LongAdder();
    private final LongAdder misses = new LongAdder();
    private final LongAdder invalidations = new LongAdder();
    private volatile boolean trusted;
    private volatile boolean closed;

    /**
     * Creates the cache, distrusted, and registers its invalidation listener on the members the client is
     * connected to now; the owner calls {@link #trustAgain()} once the listener can be assumed registered
     * everywhere. A maximum size of zero turns the cache off: no listener, every read goes to the cluster.
     *
     * @param map         the cluster map
     * @param reader      how a miss reads the cluster ({@link RemoteReader#of(IMap)} in production)
     * @param maximumSize the most entries kept; zero for none
     * @param timeToLive  how long an entry is kept after it was cached
     */
    public NearCache(IMap<K, V> map, RemoteReader<K, V> reader, long maximumSize, Duration timeToLive) {
        this.map = map;
        this.reader = reader;
        this.cache = Caffeine.newBuilder()
                .maximumSize(maximumSize)
                .expireAfterWrite(timeToLive)
                .recordStats()
                .build();
        this.closed = maximumSize == 0;
        this.listenerId = closed ? null : map.addEntryListener(new Invalidator(), false);
    }

    /** The value of {@code key}, or null when the cluster has none. */
    @SuppressWarnings("unchecked")
    public V get(K key) {
        Object cached = trusted ? cache.getIfPresent(key) : null;
        if (cached instanceof Present present) {
            hits.increment();
            return (V) present.value();
        }
        misses.increment();
        Reservation reservation = reserve(key, cached);
        boolean published = false;
        try {
            V value = reader.get(key);
            publish(key, reservation, value);
            published = true;
            if (reservation == null) {
                observe(key, value);
            }
            return value;
        } finally {
            if (!published) {
                release(key, reservation);
            }
        }
    }

    /** The value of {@code key}, or null when the cluster has none, without blocking the caller. */
    @SuppressWarnings("unchecked")
    public CompletionStage<V> getAsync(K key) {
        Object cached = trusted ? cache.getIfPresent(key) : null;
        if (cached instanceof Present present) {
            hits.increment();
            return CompletableFuture.completedFuture((V) present.value());
        }
        misses.increment();
        Reservation reservation = reserve(key, cached);
        CompletionStage<V> read;
        try {
            read = reader.getAsync(key);
        } catch (RuntimeException | Error e) {
            release(key, reservation);
            throw e;
        }
        return read.whenComplete((value, error) -> {
            if (error == null) {
                publish(key, reservation, value);
                if (reservation == null) {
                    observe(key, value);
                }
            } else {
                release(key, reservation);
            }
        });
    }

    /** Reserves the key for this read, unless the cache is distrusted or another read already holds it. */
    private Reservation reserve(K key, Object cached) {
        if (!trusted || cached != null) {
            return null;
        }
        Reservation reservation = new Reservation();
        return cache.asMap().putIfAbsent(key, reservation) == null ? reservation : null;
    }

    private void publish(K key, Reservation reservation, V value) {
        if (reservation == null) {
            return;
        }
        synchronized (reservation) {
            reservation.settled = true;
            boolean newEnough = reservation.newestSeen == UNSEEN
                    || (value instanceof Versioned<?> versioned && versioned.version() >= reservation.newestSeen);
            if (trusted && newEnough) {
                // Fails when an invalidation removed the reservation during the read: the value may be stale.
                cache.asMap().replace(key, reservation, new Present(value));
            } else {
                release(key, reservation);
            }
        }
    }

    /**
     * After a remote read made without the reservation: the value read may be newer than what the reservation's
     * holder is about to publish, or has just published; neither may then be served.
     */
    private void observe(K key, V value) {
        if (!trusted) {
            return;
        }
        long seen = value instanceof Versioned<?> versioned ? versioned.version() : Long.MAX_VALUE;
        Object slot = cache.getIfPresent(key);
        if (slot instanceof Reservation reservation) {
            synchronized (reservation) {
                if (!reservation.settled) {
                    reservation.newestSeen = Math.max(reservation.newestSeen, seen);
                    return;
                }
            }
            slot = cache.getIfPresent(key);
        }
        if (slot instanceof Present present && !(present.value() instanceof Versioned<?> cached
                && cached.version() >= seen)) {
            cache.asMap().remove(key, present);
        }
    }

    private void release(K key, Reservation reservation) {
        if (reservation != null) {
            cache.asMap().remove(key, reservation);
        }
    }

    /** Drops the key, reservations included; the next read goes to the cluster. */
    public void invalidate(K key) {
        cache.invalidate(key);
        invalidations.increment();
    }

    /** Empties the cache and bypasses it until {@link #trustAgain()}: events may have been lost. */
    public void distrust() {
        trusted = false;
        cache.invalidateAll();
    }

    /** Empties the cache once more and uses it again (unless it is closed or turned off). */
    public void trustAgain() {
        cache.invalidateAll();
        trusted = !closed;
    }

    public NearCacheStats stats() {
        return new NearCacheStats(hits.sum(), misses.sum(), cache.stats().evictionCount(), invalidations.sum(),
                cache.estimatedSize());
    }

    /** Removes the invalidation listener and empties the cache for good. */
    @Override
    public void close() {
        boolean wasOpen = !closed;
        closed = true;
        trusted = false;
        cache.invalidateAll();
        if (wasOpen) {
            map.removeEntryListener(listenerId);
        }
    }

    /** Every change of a key drops it, including evictions and expiries, after which a read may find nothing. */
    private final class Invalidator implements EntryAddedListener<K, V>, EntryUpdatedListener<K, V>,
            EntryRemovedListener<K, V>, EntryMergedListener<K, V>, EntryLoadedListener<K, V>,
            EntryEvictedListener<K, V>, EntryExpiredListener<K, V>, MapClearedListener, MapEvictedListener {
        @Override
        public void entryAdded(EntryEvent<K, V> event) {
            invalidate(event.getKey());
        }

        @Override
        public void entryUpdated(EntryEvent<K, V> event) {
            invalidate(event.getKey());
        }

        @Override
        public void entryRemoved(EntryEvent<K, V> event) {
            invalidate(event.getKey());
        }

        @Override
        public void entryMerged(EntryEvent<K, V> event) {
            invalidate(event.getKey());
        }

        @Override
        public void entryLoaded(EntryEvent<K, V> event) {
            invalidate(event.getKey());
        }

        @Override
        public void entryEvicted(EntryEvent<K, V> event) {
            invalidate(event.getKey());
        }

        @Override
        public void entryExpired(EntryEvent<K, V> event) {
            invalidate(event.getKey());
        }

        @Override
        public void mapCleared(MapEvent event) {
            cache.invalidateAll();
            invalidations.increment();
        }

        @Override
        public void mapEvicted(MapEvent event) {
            cache.invalidateAll();
            invalidations.increment();
        }
    }
}
