package discordcache.client;

import discordcache.wire.InvalidationMessage;
import com.hazelcast.cluster.Member;
import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.cluster.MembershipListener;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.LifecycleEvent;
import com.hazelcast.map.IMap;
import com.hazelcast.topic.ITopic;
import com.hazelcast.topic.Message;
import discordcache.model.CacheMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The near caches of one client, and when they may be trusted.
 *
 * <p>Each near cache that is on follows its map's invalidation stream ({@link InvalidationMessage}). It is trusted
 * once every member of the cluster has sent it a TICK (so its subscription works everywhere and it knows every
 * partition's sequence) and the grace has passed (so that a change a TICK reported has arrived or its partition
 * was dropped). Then:
 * <ul>
 *   <li>a gap in a partition's sequence drops that partition's entries if the missing changes do not arrive within
 *   the grace; a new partition UUID drops them at once;</li>
 *   <li>a member that leaves or crashes drops the partitions it reported last, until their new owners report them
 *   (a graceful migration hands sequences over, so a partition the new owner reported already stays);</li>
 *   <li>a disconnect bypasses the near caches and keeps their entries; after the reconnect, every member's TICK
 *   shows what was missed, those partitions are dropped, and the rest is served again;</li>
 *   <li>a connection to a new cluster (a full restart) forgets everything.</li>
 * </ul>
 * Thread-safe.
 */
final class NearCaches implements AutoCloseable {
    /** How large each map's near cache is. */
    public interface Sizes {
        /** The most entries of the map's near cache; zero turns it off. */
        long maximumSize(CacheMap<?, ?> map);

        /** How long an entry is kept at most, the backstop for losses nothing reports. */
        Duration timeToLive(CacheMap<?, ?> map);
    }

    private static final Logger LOG = LoggerFactory.getLogger(NearCaches.class);
    /** How often gaps are checked against the grace and dropped partitions swept out. */
    private static final long CHECK_MILLIS = 20;
    /** A member that sends no TICK for this many of its intervals runs a node without invalidation streams. */
    private static final int SILENT_TICKS = 10;

    private final HazelcastInstance client;
    private final long graceNanos;
    /** Filled by {@link #start} before anyone else sees this object, then only read. */
    private final Map<String, NearCache<?, ?>> nearCaches = new LinkedHashMap<>();
    /**
     * The near caches that are on, by map; complete before the first message can arrive. Their progress towards
     * trust is guarded by this object's monitor.
     */
    private final Map<CacheMap<?, ?>, Follower> followers = new ConcurrentHashMap<>();
    private final Map<ITopic<byte[]>, UUID> subscriptions = new LinkedHashMap<>();
    private int partitionCount;
    private final ScheduledExecutorService checker;
    private boolean connected = true;
    private boolean closed;
    /** Since when ({@link System#nanoTime()}) a TICK of every member counts: the start or the last reconnect. */
    private long epoch = System.nanoTime();

    /** A near cache that is on, with its stream and its progress towards trust. */
    private static final class Follower {
        private final InvalidationFeed<?, ?> feed;
        /** When every member had sent a TICK since the epoch; zero while some has not. */
        private long readySince;
        private boolean warnedSilent;

        private Follower(InvalidationFeed<?, ?> feed) {
            this.feed = feed;
        }
    }

    private NearCaches(HazelcastInstance client, Duration grace) {
        this.client = client;
        this.graceNanos = grace.toNanos();
        this.checker = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "discord-cache-near-cache-check");
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Makes the near caches of {@code maps}, each following its invalidation stream, untrusted until every member
     * has reported.
     *
     * @param client the connected client
     * @param maps   the maps to near-cache
     * @param sizes  how large each near cache is
     * @param grace  how long a missing invalidation may take to arrive before its partition is dropped
     */
    public static NearCaches start(HazelcastInstance client, List<CacheMap<?, ?>> maps, Sizes sizes, Duration grace) {
        NearCaches caches = new NearCaches(client, grace);
        // Listen first: a disconnect or a member leaving while the streams subscribe must not go unnoticed.
        client.getLifecycleService().addLifecycleListener(caches::onLifecycle);
        client.getCluster().addMembershipListener(new MembershipListener() {
            @Override
            public void memberAdded(MembershipEvent event) {
                // A new member owns nothing yet; partitions reach it with their sequences.
            }

            @Override
            public void memberRemoved(MembershipEvent event) {
                caches.memberLeft(event.getMember());
            }
        });
        caches.partitionCount = client.getPartitionService().getPartitions().size();
        for (CacheMap<?, ?> map : maps) {
            caches.add(map, sizes);
        }
        caches.subscribe();
        caches.checker.scheduleWithFixedDelay(caches::check, CHECK_MILLIS, CHECK_MILLIS, TimeUnit.MILLISECONDS);
        return caches;
    }

    private <K, V> void add(CacheMap<K, V> map, Sizes sizes) {
        IMap<K, V> imap = client.getMap(map.name());
        NearCache<K, V> nearCache = new NearCache<>(NearCache.RemoteReader.of(imap),
                key -> client.getPartitionService().getPartition(key).getPartitionId(), partitionCount,
                sizes.maximumSize(map), sizes.timeToLive(map));
        nearCaches.put(map.name(), nearCache);
        if (!nearCache.off()) {
            PartitionSequences sequences = new PartitionSequences(partitionCount, graceNanos,
                    nearCache.partitions(), System::nanoTime);
            InvalidationFeed<K, V> feed = new InvalidationFeed<>(map, nearCache, sequences);
            followers.put(map, new Follower(feed));
        }
    }

    /**
     * Subscribes to the stream of every map at once when every map's near cache is on (one message per batch),
     * else to the streams of the maps that are on.
     */
    private synchronized void subscribe() {
        if (followers.keySet().containsAll(CacheMap.nearCacheable())) {
            ITopic<byte[]> all = client.getTopic(InvalidationMessage.ALL_MAPS);
            subscriptions.put(all, all.addMessageListener(this::dispatch));
        } else {
            for (CacheMap<?, ?> map : followers.keySet()) {
                ITopic<byte[]> topic = client.getTopic(InvalidationMessage.topic(map));
                subscriptions.put(topic, topic.addMessageListener(this::dispatch));
            }
        }
    }

    /** Hands each section of a message to its map's feed. */
    private void dispatch(Message<byte[]> message) {
        UUID source = message.getPublishingMember().getUuid();
        try {
            InvalidationMessage.read(message.getMessageObject(), partitionCount, map -> {
                Follower follower = followers.get(map);
                return follower == null ? null : follower.feed.from(source);
            });
        } catch (IllegalArgumentException e) {
            LOG.error("Cannot read an invalidation message from member {}; the partitions it reported are dropped: {}",
                    message.getPublishingMember().getAddress(), e.getMessage());
            followers.values().forEach(follower -> follower.feed.unreadable(source));
        }
    }

    /** The near cache of {@code map} (one that is off reads the cluster every time). */
    @SuppressWarnings("unchecked")
    public <K, V> NearCache<K, V> of(CacheMap<K, V> map) {
        NearCache<K, V> nearCache = (NearCache<K, V>) nearCaches.get(map.name());
        if (nearCache == null) {
            throw new IllegalArgumentException("The " + map + " map has no near cache");
        }
        return nearCache;
    }

    /** The near cache of the map of this name, or null when it has none. */
    public NearCache<?, ?> named(String mapName) {
        return nearCaches.get(mapName);
    }

    /** Statistics by map name. */
    public Map<CacheMap<?, ?>, NearCacheStats> stats() {
        Map<CacheMap<?, ?>, NearCacheStats> stats = new LinkedHashMap<>();
        nearCaches.forEach((name, nearCache) -> stats.put(CacheMap.named(name), nearCache.stats()));
        return stats;
    }

    private void onLifecycle(LifecycleEvent event) {
        switch (event.getState()) {
            case CLIENT_DISCONNECTED -> {
                synchronized (this) {
                    connected = false;
                    followers.values().forEach(follower -> {
                        follower.feed.nearCache().distrust();
                        follower.readySince = 0;
                    });
                }
                if (!closed) {
                    LOG.warn("Disconnected from the cache cluster: near caches are bypassed until every member has "
                            + "reported again");
                }
            }
            case CLIENT_CONNECTED -> restartTrust(false);
            case CLIENT_CHANGED_CLUSTER -> restartTrust(true);
            default -> {
                // starting and shutting down need nothing
            }
        }
    }

    /** After a (re)connect: trusted again once every member has reported; a new cluster forgets everything. */
    private synchronized void restartTrust(boolean newCluster) {
        connected = true;
        epoch = System.nanoTime();
        for (Follower follower : followers.values()) {
            follower.feed.nearCache().distrust();
            follower.readySince = 0;
            follower.warnedSilent = false;
            if (newCluster) {
                follower.feed.sequences().forgetAll();
            }
        }
        if (newCluster) {
            LOG.info("Connected to a new cache cluster: near caches forgot everything");
        }
    }

    private synchronized void memberLeft(Member member) {
        followers.values().forEach(follower -> follower.feed.memberLeft(member.getUuid()));
    }

    private void check() {
        try {
            synchronized (this) {
                if (closed) {
                    return;
                }
                long now = System.nanoTime();
                for (Follower follower : followers.values()) {
                    follower.feed.sequences().dropOverdue();
                    follower.feed.nearCache().sweep();
                    if (connected && !follower.feed.nearCache().trusted()) {
                        trustWhenReady(follower, now);
                    }
                }
            }
        } catch (RuntimeException e) {
            LOG.error("Near cache check failed; it runs again in {} ms", CHECK_MILLIS, e);
        }
    }

    private void trustWhenReady(Follower follower, long now) {
        List<Member> silent = new ArrayList<>();
        for (Member member : client.getCluster().getMembers()) {
            Long tick = follower.feed.lastTick(member.getUuid());
            if (tick == null || tick - epoch < 0) {
                silent.add(member);
            }
        }
        if (!silent.isEmpty()) {
            follower.readySince = 0;
            long silentFor = now - epoch;
            if (!follower.warnedSilent && silentFor > TimeUnit.MILLISECONDS.toNanos(
                    (long) SILENT_TICKS * follower.feed.tickIntervalMillis())) {
                follower.warnedSilent = true;
                LOG.warn("Members {} sent no invalidation TICK for {} ms: the near cache stays bypassed; do they run "
                        + "a cache-node of this version?", silent.stream().map(Member::getAddress).toList(),
                        TimeUnit.NANOSECONDS.toMillis(silentFor));
            }
            return;
        }
        if (follower.readySince == 0) {
            follower.readySince = now;
        }
        if (now - follower.readySince >= graceNanos) {
            follower.feed.nearCache().trustAgain();
        }
    }

    /** Unsubscribes the streams and empties the near caches. */
    @Override
    public void close() {
        synchronized (this) {
            closed = true;
            checker.shutdownNow();
            nearCaches.values().forEach(NearCache::close);
            subscriptions.forEach((topic, registration) -> {
                try {
                    topic.removeMessageListener(registration);
                } catch (RuntimeException e) {
                    // The client is down already; the subscription ended with it.
                }
            });
        }
    }
}
