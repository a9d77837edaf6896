package discordcache.client;

import discordcache.wire.InvalidationMessage;
import com.hazelcast.cluster.Member;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.topic.ITopic;
import com.hazelcast.topic.Message;
import discordcache.model.CacheMap;
import discordcache.model.User;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A users near cache that follows the real invalidation stream of a cluster through a tap: a test can make the
 * next KEYS messages get lost, held back (and delivered later) or delivered twice, as a network or a member could.
 */
final class TappedNearCache implements AutoCloseable {
    /** What the tap does with a message. */
    enum Fate { DELIVER, DROP, HOLD, DUPLICATE }

    final NearCache<Long, User> nearCache;
    final InvalidationFeed<Long, User> feed;
    private final HazelcastInstance client;
    private final ITopic<byte[]> topic;
    private final UUID registration;
    private final List<Message<byte[]>> held = new CopyOnWriteArrayList<>();
    private final Duration grace;
    private final int partitions;
    private volatile Predicate<Message<byte[]>> tapped = message -> false;
    private volatile Fate fate = Fate.DELIVER;

    TappedNearCache(HazelcastInstance client, NearCache.RemoteReader<Long, User> reader, Duration grace) {
        this.client = client;
        this.grace = grace;
        this.partitions = client.getPartitionService().getPartitions().size();
        this.nearCache = new NearCache<>(reader, key -> client.getPartitionService().getPartition(key)
                .getPartitionId(), partitions, 10_000, Duration.ofMinutes(5));
        PartitionSequences sequences = new PartitionSequences(partitions, grace.toNanos(), nearCache.partitions(),
                System::nanoTime);
        this.feed = new InvalidationFeed<>(CacheMap.USERS, nearCache, sequences);
        this.topic = client.getTopic(InvalidationMessage.topic(CacheMap.USERS));
        this.registration = topic.addMessageListener(this::onMessage);
    }

    private void onMessage(Message<byte[]> message) {
        Predicate<Message<byte[]>> tap = tapped;
        if (!tap.test(message)) {
            deliver(message);
            return;
        }
        tapped = m -> false;
        switch (fate) {
            case DELIVER -> deliver(message);
            case DROP -> { }
            case HOLD -> held.add(message);
            case DUPLICATE -> {
                deliver(message);
                deliver(message);
            }
        }
    }

    private void deliver(Message<byte[]> message) {
        UUID source = message.getPublishingMember().getUuid();
        InvalidationMessage.read(message.getMessageObject(), partitions, map -> feed.from(source));
    }

    /** The next message with a KEYS section gets {@code fate}. */
    void nextKeys(Fate fate) {
        this.fate = fate;
        // version, partition count, sections, then the first section's map and kind (a users topic: one section)
        this.tapped = message -> message.getMessageObject()[1 + 4 + 4 + 1] == 1;
    }

    int heldCount() {
        return held.size();
    }

    /** Delivers the messages held back, in order. */
    void releaseHeld() {
        for (Message<byte[]> message : held) {
            deliver(message);
        }
        held.clear();
    }

    /** Waits until every member sent a TICK and the grace passed, as the client does, then trusts the cache. */
    void awaitTrust() throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        for (Member member : client.getCluster().getMembers()) {
            while (feed.lastTick(member.getUuid()) == null) {
                assertTrue(System.nanoTime() < deadline, "member " + member + " sent a TICK");
                Thread.sleep(10);
            }
        }
        Thread.sleep(grace.toMillis());
        nearCache.trustAgain();
    }

    /** Drops the partitions whose gaps outlived the grace and sweeps, as the client's checker does. */
    void check() {
        feed.sequences().dropOverdue();
        nearCache.sweep();
    }

    @Override
    public void close() {
        topic.removeMessageListener(registration);
        nearCache.close();
    }
}
