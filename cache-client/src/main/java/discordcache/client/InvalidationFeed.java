package discordcache.client;

import discordcache.wire.InvalidationKeys;
import discordcache.wire.InvalidationMessage;
import discordcache.model.CacheMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Arrays;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One map's invalidation stream applied to its near cache: each changed key is dropped, and the sequences tell the
 * near cache which partitions to drop when something was missed. Remembers when each member last sent a TICK, which
 * proves that this client's subscription on that member works.
 */
final class InvalidationFeed<K, V> {
    private static final Logger LOG = LoggerFactory.getLogger(InvalidationFeed.class);

    private final CacheMap<K, V> map;
    private final NearCache<K, V> nearCache;
    private final PartitionSequences sequences;
    private final InvalidationKeys<K> keys;
    private final Map<UUID, Long> lastTicks = new ConcurrentHashMap<>();
    private volatile int tickIntervalMillis = 1_000;

    /** A feed of the map's stream into the near cache. */
    InvalidationFeed(CacheMap<K, V> map, NearCache<K, V> nearCache, PartitionSequences sequences) {
        this.map = map;
        this.nearCache = nearCache;
        this.sequences = sequences;
        this.keys = InvalidationKeys.of(map);
    }

    NearCache<K, V> nearCache() {
        return nearCache;
    }

    PartitionSequences sequences() {
        return sequences;
    }

    /** When the member's last TICK arrived ({@link System#nanoTime()}), or null when none has. */
    Long lastTick(UUID member) {
        return lastTicks.get(member);
    }

    int tickIntervalMillis() {
        return tickIntervalMillis;
    }

    /** Reads this map's sections of one message from {@code source}. */
    InvalidationMessage.Subscriber<K> from(UUID source) {
        return new InvalidationMessage.Subscriber<>(keys, new Apply(source));
    }

    /** What a message from the member said cannot be known: whatever it invalidated may be cached. */
    void unreadable(UUID source) {
        sequences.forgetReportedBy(source);
    }

    /** A member left: forget what it sent, drop what it reported last. */
    void memberLeft(UUID member) {
        lastTicks.remove(member);
        int forgotten = sequences.forgetReportedBy(member);
        if (forgotten > 0) {
            LOG.info("Member {} left: {} partitions of the {} near cache dropped until their new owners report them",
                    member, forgotten, map);
        }
    }

    /**
     * Applies the sections of one message from {@code source}: the keys at once, the sequences once per section
     * (a member sends a partition's changes in sequence order, so consecutive ones make one run).
     */
    private final class Apply implements InvalidationMessage.Reader<K> {
        private final UUID source;
        private int runs;
        private int[] runPartitions = new int[16];
        private UUID[] runUuids = new UUID[16];
        private long[] runFirsts = new long[16];
        private long[] runLasts = new long[16];
        private boolean ticked;

        private Apply(UUID source) {
            this.source = source;
        }

        @Override
        public void changed(int partition, UUID partitionUuid, long sequence, K key) {
            nearCache.invalidate(key);
            int last = runs - 1;
            if (last >= 0 && partition == runPartitions[last] && sequence == runLasts[last] + 1
                    && partitionUuid.equals(runUuids[last])) {
                runLasts[last] = sequence;
                return;
            }
            if (runs == runPartitions.length) {
                runPartitions = Arrays.copyOf(runPartitions, runs * 2);
                runUuids = Arrays.copyOf(runUuids, runs * 2);
                runFirsts = Arrays.copyOf(runFirsts, runs * 2);
                runLasts = Arrays.copyOf(runLasts, runs * 2);
            }
            runPartitions[runs] = partition;
            runUuids[runs] = partitionUuid;
            runFirsts[runs] = sequence;
            runLasts[runs] = sequence;
            runs++;
        }

        @Override
        public void ticked(int intervalMillis) {
            tickIntervalMillis = intervalMillis;
            ticked = true;
        }

        @Override
        public void reached(int partition, UUID partitionUuid, long sequence) {
            sequences.reached(partition, partitionUuid, sequence, source);
        }

        @Override
        public void cleared() {
            nearCache.dropAll();
        }

        @Override
        public void ended() {
            if (runs > 0) {
                sequences.changed(runs, runPartitions, runUuids, runFirsts, runLasts, source);
                runs = 0;
            }
            if (ticked) {
                lastTicks.put(source, System.nanoTime()); // the member's subscription works, and its TICK is applied
                ticked = false;
            }
        }
    }
}
