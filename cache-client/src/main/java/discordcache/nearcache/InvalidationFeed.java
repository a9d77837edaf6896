package discordcache.nearcache;

import com.hazelcast.topic.Message;
import com.hazelcast.topic.MessageListener;
import discordcache.model.CacheMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One map's invalidation stream applied to its near cache: each changed key is dropped, and the sequences tell the
 * near cache which partitions to drop when something was missed. Remembers when each member last sent a TICK, which
 * proves that this client's subscription on that member works.
 */
final class InvalidationFeed<K, V> implements MessageListener<byte[]> {
    private static final Logger LOG = LoggerFactory.getLogger(InvalidationFeed.class);

    private final CacheMap<K, V> map;
    private final NearCache<K, V> nearCache;
    private final PartitionSequences sequences;
    private final InvalidationKeys<K> keys;
    private final Map<UUID, Long> lastTicks = new ConcurrentHashMap<>();
    private volatile int tickIntervalMillis = 1_000;

    /** A feed of the map's stream into the near cache; subscribe it to {@link InvalidationMessage#topic}. */
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

    @Override
    public void onMessage(Message<byte[]> message) {
        UUID source = message.getPublishingMember().getUuid();
        Apply apply = new Apply(source);
        try {
            InvalidationMessage.read(message.getMessageObject(), sequences.partitionCount(), keys, apply);
        } catch (IllegalArgumentException e) {
            // What the message said cannot be known: whatever it invalidated may be cached.
            LOG.error("Cannot read an invalidation message of the {} map from member {}; its partitions are dropped: "
                    + "{}", map, message.getPublishingMember().getAddress(), e.getMessage());
            sequences.forgetReportedBy(source);
            return;
        }
        if (apply.ticked) {
            lastTicks.put(source, System.nanoTime());
        }
    }

    /** Applies one message from {@code source}. */
    private final class Apply implements InvalidationMessage.Reader<K> {
        private final UUID source;
        private boolean ticked;

        private Apply(UUID source) {
            this.source = source;
        }

        @Override
        public void changed(int partition, UUID partitionUuid, long sequence, K key) {
            nearCache.invalidate(key);
            sequences.changed(partition, partitionUuid, sequence, source);
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
}
