package discordcache.node.invalidation;

import com.hazelcast.config.Config;
import com.hazelcast.config.ListenerConfig;
import com.hazelcast.core.EntryEventType;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceAware;
import com.hazelcast.core.LifecycleEvent;
import com.hazelcast.core.LifecycleListener;
import com.hazelcast.core.HazelcastInstanceNotActiveException;
import com.hazelcast.instance.impl.HazelcastInstanceImpl;
import com.hazelcast.instance.impl.HazelcastInstanceProxy;
import com.hazelcast.internal.nearcache.impl.invalidation.BatchNearCacheInvalidation;
import com.hazelcast.internal.nearcache.impl.invalidation.Invalidation;
import com.hazelcast.internal.nearcache.impl.invalidation.MetaDataGenerator;
import com.hazelcast.internal.partition.IPartitionService;
import com.hazelcast.internal.serialization.SerializationService;
import com.hazelcast.map.impl.EventListenerFilter;
import com.hazelcast.map.impl.MapService;
import com.hazelcast.map.impl.MapServiceContext;
import com.hazelcast.map.impl.nearcache.invalidation.InvalidationListener;
import com.hazelcast.partition.MigrationListener;
import com.hazelcast.partition.MigrationState;
import com.hazelcast.partition.ReplicaMigrationEvent;
import com.hazelcast.spi.impl.NodeEngineImpl;
import com.hazelcast.spi.impl.eventservice.EventRegistration;
import com.hazelcast.spi.impl.eventservice.impl.TrueEventFilter;
import com.hazelcast.spi.properties.ClusterProperty;
import com.hazelcast.topic.impl.TopicService;
import discordcache.model.CacheMap;
import discordcache.wire.InvalidationMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.IntStream;

/**
 * Runs on every member: publishes the invalidation stream of each near-cached map ({@link InvalidationMessage}),
 * so that a change costs the cluster one message per client per batch instead of one event per client per change.
 *
 * <p>Where the sequences come from: Hazelcast's own near-cache invalidator, with batching off. On the partition's
 * owner, each change of an entry takes the next sequence of its map and partition inside the operation that makes
 * it, and Hazelcast migrates sequences and partition UUIDs with the partitions, so a graceful migration keeps a
 * client's near cache warm and a lost partition shows as a new UUID. That invalidator is internal API (of
 * Hazelcast 5.7, like {@code InMemory}'s reads); the public alternative, entry listeners with sequences of our own,
 * would lose the history at every migration and drop the partitions that move in a rolling restart. The hub
 * receives the invalidations through a member-local listener, batches them for at most the batch window (a few
 * changes go out at once, at most one message a millisecond), and publishes each batch on the topics clients
 * subscribe to. Every tick interval, and when partitions arrived, it publishes a TICK with the
 * sequences of the partitions it owns. Nothing is published for a map no client subscribes to. What was published in
 * the last seconds is kept and sent again when a client subscribes: a client subscribes on each member separately,
 * some time after the member joined.
 */
public final class InvalidationHub implements LifecycleListener, HazelcastInstanceAware {
    private static final Logger LOG = LoggerFactory.getLogger(InvalidationHub.class);
    /** A client subscribes on a member that joined within about a second; changes are kept at least this long. */
    private static final Duration RETENTION_FLOOR = Duration.ofSeconds(3);
    /** Fewer changes than this are published without waiting for the batch window. */
    private static final int SMALL_BATCH = 16;
    private static final long MIN_SPACING_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

    private final long windowNanos;
    private final long tickNanos;
    /** How long published changes are kept for clients that subscribe later (see replayToNewSubscribers). */
    private final long retentionNanos;
    private final List<MapStream<?>> streams = new ArrayList<>();
    private final Topic all = new Topic(InvalidationMessage.ALL_MAPS);
    private final AtomicBoolean signalled = new AtomicBoolean();
    /** Changes received and not yet drained, over all maps. */
    private final AtomicInteger pending = new AtomicInteger();
    private final AtomicBoolean tickRequested = new AtomicBoolean();
    private final Thread publisher = new Thread(this::publish, "dcache-invalidations");
    private HazelcastInstance member;
    private NodeEngineImpl engine;
    private MapServiceContext maps;
    private volatile boolean running = true;

    private InvalidationHub(Duration window, Duration tickInterval) {
        this.windowNanos = window.toNanos();
        this.tickNanos = tickInterval.toNanos();
        this.retentionNanos = Math.max(RETENTION_FLOOR.toNanos(), 2 * tickNanos);
        publisher.setDaemon(true);
    }

    /**
     * A hub for the member this configuration starts. It subscribes to the member's invalidations as the member
     * starts, before it joins the cluster: a change made on a partition that arrived before the subscription would
     * take no sequence and be lost without a trace. It publishes once the member has started, until it stops.
     *
     * @param config       the member's configuration, which the hub is added to
     * @param window       the longest a change waits to be batched with others
     * @param tickInterval how often the member reports its partitions' sequences
     */
    public static InvalidationHub install(Config config, Duration window, Duration tickInterval) {
        InvalidationHub hub = new InvalidationHub(window, tickInterval);
        config.addListenerConfig(new ListenerConfig(hub));
        // Hazelcast hands each invalidation to the hub at once; its own batching would hold them for seconds.
        config.setProperty(ClusterProperty.MAP_INVALIDATION_MESSAGE_BATCH_ENABLED.getName(), "false");
        return hub;
    }

    @Override
    public void setHazelcastInstance(HazelcastInstance member) {
        this.member = member;
    }

    @Override
    public void stateChanged(LifecycleEvent event) {
        switch (event.getState()) {
            case STARTING -> subscribe();
            case STARTED -> {
                member.getPartitionService().addMigrationListener(new Arrivals());
                publisher.start();
            }
            case SHUTDOWN -> {
                running = false;
                LockSupport.unpark(publisher);
            }
            default -> {
                // publishing goes on while the member hands its partitions over
            }
        }
    }

    private void subscribe() {
        HazelcastInstanceImpl instance = member instanceof HazelcastInstanceProxy proxy ? proxy.getOriginal()
                : (HazelcastInstanceImpl) member;
        engine = instance.node.getNodeEngine();
        maps = engine.<MapService>getService(MapService.SERVICE_NAME).getMapServiceContext();
        for (CacheMap<?, ?> map : CacheMap.nearCacheable()) {
            streams.add(new MapStream<>(map));
        }
    }

    /** Partitions that arrived are reported at once, before their old owner leaves. */
    private final class Arrivals implements MigrationListener {
        @Override
        public void migrationStarted(MigrationState state) {
            // nothing moved yet
        }

        @Override
        public void migrationFinished(MigrationState state) {
            requestTick();
        }

        @Override
        public void replicaMigrationCompleted(ReplicaMigrationEvent event) {
            // reported when the whole migration finished
        }

        @Override
        public void replicaMigrationFailed(ReplicaMigrationEvent event) {
            // the partition stays where it was
        }
    }

    private void signal() {
        if (!signalled.getAndSet(true)) {
            LockSupport.unpark(publisher);
        }
    }

    private void requestTick() {
        tickRequested.set(true);
        LockSupport.unpark(publisher);
    }

    private void publish() {
        long lastBatch = System.nanoTime() - windowNanos;
        long nextTick = System.nanoTime();
        while (running) {
            try {
                long now = System.nanoTime();
                if (!signalled.get() && !tickRequested.get() && now - nextTick < 0) {
                    LockSupport.parkNanos(this, nextTick - now);
                    continue;
                }
                if (signalled.get()) {
                    // A few changes go out at once (at most one message a millisecond): a change then waits only
                    // when many come, and many make a full batch within the window.
                    long wait = lastBatch + (pending.get() < SMALL_BATCH ? MIN_SPACING_NANOS : windowNanos)
                            - System.nanoTime();
                    if (wait > 0) {
                        LockSupport.parkNanos(this, wait);
                        continue;
                    }
                    signalled.set(false);
                    lastBatch = System.nanoTime();
                    publishBatches();
                }
                if (tickRequested.getAndSet(false) || System.nanoTime() - nextTick >= 0) {
                    nextTick = System.nanoTime() + tickNanos;
                    publishTicks();
                }
            } catch (HazelcastInstanceNotActiveException e) {
                return; // the member is down
            } catch (RuntimeException e) {
                LOG.error("Publishing invalidations failed; clients drop what they miss when the next batch or TICK "
                        + "arrives", e);
            }
        }
    }

    /** Publishes what each map drained since the last batch, to the topics someone subscribes to. */
    private void publishBatches() {
        List<List<Invalidation>> drained = new ArrayList<>();
        for (MapStream<?> stream : streams) {
            drained.add(stream.drain());
        }
        replayToNewSubscribers();
        List<byte[]> allMaps = new ArrayList<>();
        for (int i = 0; i < streams.size(); i++) {
            MapStream<?> stream = streams.get(i);
            List<Invalidation> invalidations = drained.get(i);
            if (invalidations.isEmpty()) {
                continue;
            }
            stream.retain(invalidations);
            if (all.subscribed() || stream.topic.subscribed()) {
                List<byte[]> sections = stream.sections(invalidations);
                if (all.subscribed()) {
                    allMaps.addAll(sections);
                }
                stream.topic.publish(sections);
            }
        }
        all.publish(allMaps);
    }

    private void publishTicks() {
        replayToNewSubscribers();
        IPartitionService partitions = engine.getPartitionService();
        int[] owned = IntStream.range(0, partitions.getPartitionCount()).filter(partitions::isPartitionOwner).toArray();
        List<byte[]> allMaps = new ArrayList<>();
        for (MapStream<?> stream : streams) {
            if (all.subscribed() || stream.topic.subscribed()) {
                byte[] tick = stream.tick(owned);
                if (all.subscribed()) {
                    allMaps.add(tick);
                }
                stream.topic.publish(List.of(tick));
            }
        }
        all.publish(allMaps);
    }

    /**
     * Sends what was retained to a topic that got a subscriber since the last look: a client subscribes on each
     * member separately, some time after the member joined, and changes made on partitions that moved here meanwhile
     * would otherwise show to it as gaps and drop those partitions. Other subscribers get the changes twice, which
     * changes nothing for them.
     */
    private void replayToNewSubscribers() {
        boolean replayAll = all.refresh();
        for (MapStream<?> stream : streams) {
            boolean replayMap = stream.topic.refresh();
            if (replayAll || replayMap) {
                for (List<Invalidation> batch : stream.retained()) {
                    List<byte[]> sections = stream.sections(batch);
                    if (replayAll) {
                        all.publish(sections);
                    }
                    if (replayMap) {
                        stream.topic.publish(sections);
                    }
                }
            }
        }
    }

    /** A topic of invalidation messages and who subscribes to it on this member; the publisher thread's alone. */
    private final class Topic {
        private final String name;
        private Set<UUID> subscribers = Set.of();

        private Topic(String name) {
            this.name = name;
        }

        /** Looks at the subscribers again; answers whether one is new. */
        private boolean refresh() {
            Set<UUID> current = new HashSet<>();
            for (EventRegistration registration : engine.getEventService()
                    .getRegistrations(TopicService.SERVICE_NAME, name)) {
                current.add(registration.getId());
            }
            boolean newcomer = !subscribers.containsAll(current);
            subscribers = current;
            return newcomer;
        }

        private boolean subscribed() {
            return !subscribers.isEmpty();
        }

        /** Publishes the sections as one message, if there are any and anyone subscribes. */
        private void publish(List<byte[]> sections) {
            if (!sections.isEmpty() && subscribed()) {
                // The topic's proxy is made here, once the member has started: proxies cannot be made while it joins.
                member.<byte[]>getTopic(name).publish(InvalidationMessage.message(
                        engine.getPartitionService().getPartitionCount(), sections));
            }
        }
    }

    /** Invalidations drained together, and when. */
    private record Retained(long at, List<Invalidation> invalidations) {
    }

    /** One map's invalidations on their way to the topics. */
    private final class MapStream<K> implements InvalidationListener {
        private final CacheMap<K, ?> map;
        private final Topic topic;
        private final ConcurrentLinkedQueue<Invalidation> queued = new ConcurrentLinkedQueue<>();
        /** What was drained lately, oldest first; only the publisher thread touches it. */
        private final ArrayDeque<Retained> retained = new ArrayDeque<>();

        private MapStream(CacheMap<K, ?> map) {
            this.map = map;
            this.topic = new Topic(InvalidationMessage.topic(map));
            // Registering makes Hazelcast generate invalidations (and sequences) for the map at all.
            maps.addLocalEventListener(this,
                    new EventListenerFilter(EntryEventType.INVALIDATION.getType(), TrueEventFilter.INSTANCE),
                    map.name());
        }

        /** On an event thread (one per partition), in the order of the partition's changes. */
        @Override
        public void onInvalidate(Invalidation invalidation) {
            if (invalidation instanceof BatchNearCacheInvalidation batch) {
                queued.addAll(batch.getInvalidations());
                pending.addAndGet(batch.getInvalidations().size());
            } else {
                queued.add(invalidation);
                pending.incrementAndGet();
            }
            signal();
        }

        private List<Invalidation> drain() {
            List<Invalidation> drained = new ArrayList<>();
            for (Invalidation invalidation = queued.poll(); invalidation != null; invalidation = queued.poll()) {
                drained.add(invalidation);
            }
            pending.addAndGet(-drained.size());
            return drained;
        }

        private void retain(List<Invalidation> invalidations) {
            retained.add(new Retained(System.nanoTime(), invalidations));
            forgetOld();
        }

        private List<List<Invalidation>> retained() {
            forgetOld();
            return retained.stream().map(Retained::invalidations).toList();
        }

        private void forgetOld() {
            long now = System.nanoTime();
            while (!retained.isEmpty() && now - retained.peekFirst().at() > retentionNanos) {
                retained.removeFirst();
            }
        }

        /** The KEYS sections of the invalidations, with a CLEARED section where the map was cleared. */
        private List<byte[]> sections(List<Invalidation> invalidations) {
            List<byte[]> sections = new ArrayList<>();
            List<InvalidationMessage.Change<K>> changes = new ArrayList<>();
            SerializationService serialization = engine.getSerializationService();
            IPartitionService partitions = engine.getPartitionService();
            for (Invalidation invalidation : invalidations) {
                if (invalidation.getKey() == null) {
                    addKeys(sections, changes);
                    changes = new ArrayList<>();
                    sections.add(InvalidationMessage.cleared(map));
                    continue;
                }
                changes.add(new InvalidationMessage.Change<>(partitions.getPartitionId(invalidation.getKey()),
                        invalidation.getPartitionUuid(), invalidation.getSequence(),
                        serialization.toObject(invalidation.getKey())));
            }
            addKeys(sections, changes);
            return sections;
        }

        private void addKeys(List<byte[]> sections, List<InvalidationMessage.Change<K>> changes) {
            if (!changes.isEmpty()) {
                // Stable: the changes of one partition keep their order.
                changes.sort(Comparator.comparingInt(InvalidationMessage.Change::partition));
                sections.add(InvalidationMessage.keys(map, changes));
            }
        }

        /** A TICK section: the highest sequence of each of {@code owned}, the partitions this member owns. */
        private byte[] tick(int[] owned) {
            MetaDataGenerator metaData = maps.getMapNearCacheManager().getInvalidator().getMetaDataGenerator();
            UUID[] uuids = new UUID[owned.length];
            long[] sequences = new long[owned.length];
            for (int i = 0; i < owned.length; i++) {
                uuids[i] = metaData.getOrCreateUuid(owned[i]);
                sequences[i] = metaData.currentSequence(map.name(), owned[i]);
            }
            return InvalidationMessage.tick(map, (int) TimeUnit.NANOSECONDS.toMillis(tickNanos), owned, uuids,
                    sequences);
        }
    }
}
