package discordcache.client;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.hazelcast.map.IMap;
import discordcache.model.Versioned;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.ToIntFunction;

/**
 * A client-side cache of one entity map, in front of the cluster.
 *
 * <p>Consistency: an entry is dropped when its map's invalidation stream reports a change of its key (see
 * {@link InvalidationMessage}). A read that misses first puts a unique reservation under the key, then reads the
 * cluster, then publishes its value only if the reservation is still there; an invalidation that arrives during the
 * remote read removes the reservation, so a value older than the change is never cached. Reads that go to the
 * cluster while another read holds the reservation record the version they saw, and an older value is then neither
 * published nor kept (invalidations arrive some milliseconds after a write), so a thread that read a value never
 * reads an older one of the same key afterwards.
 *
 * <p>Lost invalidations: every entry belongs to a partition, and each partition has a generation. When the stream
 * shows that a partition's changes may have been missed ({@link PartitionSequences}), its generation moves on and
 * its entries are no longer served (they are swept out later); a reservation made under the old generation does not
 * publish. A partition whose stream is not followed (before its first report, after its member left) caches
 * nothing. The cache as a whole is bypassed while it is {@link #distrust() distrusted} (the client is disconnected)
 * and keeps its entries for when it is {@link #trustAgain() trusted again}. The time-to-live is the backstop for
 * losses nothing reports. Values are immutable and shared.
 *
 * <p>Thread-safe.
 *
 * @param <K> the key type
 * @param <V> the value type
 */
final class NearCache<K, V> implements AutoCloseable {
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
        private final int partition;
        private final int generation;
        private long newestSeen = UNSEEN;
        private boolean settled;

        private Reservation(int partition, int generation) {
            this.partition = partition;
            this.generation = generation;
        }
    }

    private static final long UNSEEN = Long.MIN_VALUE;

    /** A cached answer of a partition's generation; a null value caches "the cluster has no such entry". */
    private record Present(Object value, int partition, int generation) {
    }

    private final RemoteReader<K, V> reader;
    private final ToIntFunction<K> partitioner;
    private final Cache<K, Object> cache;
    /** Per partition: positive while its entries may be served, the negated generation while it is not followed. */
    private final AtomicIntegerArray generations;
    private final AtomicBoolean sweepDue = new AtomicBoolean();
    private final LongAdder hits = new LongAdder();
    private final LongAdder misses = new LongAdder();
    private final LongAdder invalidations = new LongAdder();
    private final LongAdder evictions = new LongAdder();
    private final LongAdder partitionDrops = new LongAdder();
    private final boolean off;
    private volatile boolean trusted;
    private volatile boolean closed;

    /**
     * Creates the cache, distrusted and following no partition: it caches nothing until its invalidation stream
     * reports partitions and its owner {@link #trustAgain() trusts} it. A maximum size of zero turns the cache off:
     * every read goes to the cluster.
     *
     * @param reader         how a miss reads the cluster ({@link RemoteReader#of(IMap)} in production)
     * @param partitioner    the partition of a key, as the cluster computes it
     * @param partitionCount the cluster's partition count
     * @param maximumSize    the most entries kept; zero for none
     * @param timeToLive     how long an entry is kept after it was cached
     */
    public NearCache(RemoteReader<K, V> reader, ToIntFunction<K> partitioner, int partitionCount, long maximumSize,
                     Duration timeToLive) {
        this.reader = reader;
        this.partitioner = partitioner;
        this.generations = new AtomicIntegerArray(partitionCount);
        for (int partition = 0; partition < partitionCount; partition++) {
            generations.set(partition, -1);
        }
        this.cache = Caffeine.newBuilder()
                .maximumSize(maximumSize)
                .expireAfterWrite(timeToLive)
                .evictionListener((key, value, cause) -> evictions.increment())
                .build();
        this.off = maximumSize == 0;
        this.closed = off;
    }

    /** Whether the cache is turned off (a maximum size of zero): it needs no invalidations. */
    boolean off() {
        return off;
    }

    /** The value of {@code key}, or null when the cluster has none. */
    @SuppressWarnings("unchecked")
    public V get(K key) {
        Object cached = trusted ? cache.getIfPresent(key) : null;
        if (cached instanceof Present present && generations.getAcquire(present.partition()) == present.generation()) {
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
        if (cached instanceof Present present && generations.getAcquire(present.partition()) == present.generation()) {
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

    /**
     * Reserves the key for this read, unless the cache is distrusted, the key's partition is not followed, or
     * another read already holds it. A value of a dropped generation makes way.
     */
    private Reservation reserve(K key, Object cached) {
        if (!trusted) {
            return null;
        }
        if (cached instanceof Present) {
            cache.asMap().remove(key, cached); // of an older generation, or it would have been a hit
        } else if (cached != null) {
            return null;
        }
        int partition = partitioner.applyAsInt(key);
        int generation = generations.getAcquire(partition);
        if (generation <= 0) {
            return null;
        }
        Reservation reservation = new Reservation(partition, generation);
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
            if (trusted && newEnough && generations.getAcquire(reservation.partition) == reservation.generation) {
                // Fails when an invalidation removed the reservation during the read: the value may be stale.
                cache.asMap().replace(key, reservation,
                        new Present(value, reservation.partition, reservation.generation));
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
        // Most invalidations are of keys this cache does not hold, and a removal locks its bin even then. Skipping
        // an absent key is safe: a reservation made after this look reads the cluster after the change.
        if (cache.asMap().containsKey(key)) {
            cache.invalidate(key);
            invalidations.increment();
        }
    }

    /** Bypasses the cache until {@link #trustAgain()}, keeping its entries: invalidations may be missed meanwhile. */
    public void distrust() {
        trusted = false;
    }

    /** Uses the cache again (unless it is closed or turned off). */
    public void trustAgain() {
        trusted = !closed;
    }

    /** Whether reads may be served from the cache now. */
    boolean trusted() {
        return trusted;
    }

    /** Drops every entry, the partitions stay followed: the whole map changed. */
    void dropAll() {
        for (int partition = 0; partition < generations.length(); partition++) {
            drop(partition);
        }
    }

    /** What {@link PartitionSequences} decides, applied to this cache's partitions. */
    PartitionSequences.Partitions partitions() {
        return new PartitionSequences.Partitions() {
            @Override
            public void drop(int partition) {
                NearCache.this.drop(partition);
            }

            @Override
            public void forget(int partition) {
                generations.updateAndGet(partition, generation -> -(Math.abs(generation) + 1));
                sweepDue.set(true);
                partitionDrops.increment();
            }

            @Override
            public void know(int partition) {
                generations.updateAndGet(partition, generation -> Math.abs(generation) + 1);
            }
        };
    }

    private void drop(int partition) {
        if (generations.getAndUpdate(partition, generation -> generation > 0 ? generation + 1 : generation) > 0) {
            sweepDue.set(true);
            partitionDrops.increment();
        }
    }

    /** Removes the entries of dropped generations, if a partition was dropped since the last sweep. */
    void sweep() {
        if (sweepDue.getAndSet(false)) {
            cache.asMap().values().removeIf(value -> value instanceof Present present
                    && generations.get(present.partition()) != present.generation());
        }
    }

    public NearCacheStats stats() {
        return new NearCacheStats(hits.sum(), misses.sum(), evictions.sum(), invalidations.sum(),
                partitionDrops.sum(), cache.estimatedSize());
    }

    /** Empties the cache for good. */
    @Override
    public void close() {
        closed = true;
        trusted = false;
        cache.invalidateAll();
    }
}
