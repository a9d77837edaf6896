package discordcache.client;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import discordcache.model.CacheMap;
import discordcache.model.User;
import discordcache.node.CacheNode;
import discordcache.testing.Entities;
import discordcache.testing.TestClients;
import discordcache.testing.TestNodes;
import discordcache.testing.TestPostgres;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Invalidation batches lost, late and duplicated on their way from the member to a near cache, with the real
 * stream of a real member: the near cache serves no stale value once the write returned plus the stated lag (the
 * member's tick interval plus the grace, for a lost batch), drops only the partition concerned, and drops nothing
 * for a batch that is merely late or repeated.
 */
class InvalidationStreamTest {
    private static final int KEYS = 2_000;
    private static final Duration GRACE = Duration.ofMillis(250);
    /** TestNodes' tick interval plus the grace, plus room for a loaded machine. */
    private static final Duration LOST_BATCH_LAG = Duration.ofMillis(200).plus(GRACE).plusSeconds(2);
    private static final long USER = 7;

    @TempDir
    Path temp;

    private CacheNode node;
    private HazelcastInstance client;
    private IMap<Long, User> users;
    private TappedNearCache tapped;
    private final Entities entities = new Entities(3);

    @BeforeEach
    void start() throws InterruptedException {
        node = CacheNode.start(new TestNodes(TestPostgres.get().createDatabase()).settings(temp));
        client = TestClients.hazelcastClient(node);
        users = node.hazelcast().getMap(CacheMap.USERS.name());
        Map<Long, User> first = new HashMap<>();
        for (long id = 0; id < KEYS; id++) {
            first.put(id, entities.user(id, 1));
        }
        users.setAll(first);
        IMap<Long, User> remote = client.getMap(CacheMap.USERS.name());
        tapped = new TappedNearCache(client, NearCache.RemoteReader.of(remote), GRACE);
        tapped.awaitTrust();
        readAll();
        long hits = tapped.nearCache.stats().hits();
        readAll();
        assertEquals(hits + KEYS, tapped.nearCache.stats().hits(), "every user is near-cached");
    }

    @AfterEach
    void stop() {
        tapped.close();
        client.shutdown();
        node.close();
    }

    @Test
    void aLostBatch_dropsOnlyItsPartition_withinTheTickIntervalAndTheGrace() throws Exception {
        tapped.nextKeys(TappedNearCache.Fate.DROP);
        users.set(USER, entities.user(USER, 2));
        long returned = System.nanoTime();
        await(() -> tapped.nearCache.stats().partitionDrops() == 1, returned, LOST_BATCH_LAG,
                "the partition of the lost change was dropped");
        assertEquals(2, tapped.nearCache.get(USER).version(), "the change is read once its partition dropped");
        assertEquals(1, tapped.nearCache.stats().partitionDrops());
        long misses = tapped.nearCache.stats().misses();
        readAll();
        assertEquals(keysInPartitionOf(USER) - 1, tapped.nearCache.stats().misses() - misses,
                "only the other users of that partition were read again");
    }

    @Test
    void aBatchLateWithinTheGrace_dropsNothing() throws Exception {
        tapped.nextKeys(TappedNearCache.Fate.HOLD);
        users.set(USER, entities.user(USER, 2));
        await(() -> tapped.heldCount() == 1, System.nanoTime(), Duration.ofSeconds(5), "the batch was held");
        Thread.sleep(100);
        tapped.releaseHeld();
        assertEquals(2, tapped.nearCache.get(USER).version());
        Thread.sleep(LOST_BATCH_LAG.toMillis()); // a TICK came and the grace passed
        tapped.check();
        assertEquals(0, tapped.nearCache.stats().partitionDrops());
        long misses = tapped.nearCache.stats().misses();
        readAll();
        assertEquals(0, tapped.nearCache.stats().misses() - misses, "nothing else was dropped");
    }

    @Test
    void aBatchLaterThanTheGrace_hasItsPartitionDropped_andChangesNothingWhenItComes() throws Exception {
        tapped.nextKeys(TappedNearCache.Fate.HOLD);
        users.set(USER, entities.user(USER, 2));
        long returned = System.nanoTime();
        await(() -> tapped.nearCache.stats().partitionDrops() == 1, returned, LOST_BATCH_LAG,
                "the partition was dropped");
        assertEquals(2, tapped.nearCache.get(USER).version());
        tapped.releaseHeld();
        assertEquals(2, tapped.nearCache.get(USER).version());
        Thread.sleep(LOST_BATCH_LAG.toMillis());
        tapped.check();
        assertEquals(1, tapped.nearCache.stats().partitionDrops());
    }

    @Test
    void aDuplicatedBatch_dropsNothing() throws Exception {
        tapped.nextKeys(TappedNearCache.Fate.DUPLICATE);
        users.set(USER, entities.user(USER, 2));
        long returned = System.nanoTime();
        await(() -> tapped.nearCache.get(USER).version() == 2, returned, Duration.ofSeconds(2),
                "the change was read");
        users.set(USER, entities.user(USER, 3));
        await(() -> tapped.nearCache.get(USER).version() == 3, System.nanoTime(), Duration.ofSeconds(2),
                "the next change was read");
        Thread.sleep(LOST_BATCH_LAG.toMillis());
        tapped.check();
        assertEquals(0, tapped.nearCache.stats().partitionDrops());
    }

    private void readAll() {
        for (long id = 0; id < KEYS; id++) {
            assertTrue(tapped.nearCache.get(id).version() >= 1);
        }
    }

    private int keysInPartitionOf(long user) {
        int partition = client.getPartitionService().getPartition(user).getPartitionId();
        int count = 0;
        for (long id = 0; id < KEYS; id++) {
            if (client.getPartitionService().getPartition(id).getPartitionId() == partition) {
                count++;
            }
        }
        return count;
    }

    /** Waits, running the checker's work, until {@code condition} holds; fails if it takes longer than allowed. */
    private void await(BooleanSupplier condition, long since, Duration allowed, String what)
            throws InterruptedException {
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() - since < allowed.toNanos(), what + " within " + allowed.toMillis() + " ms");
            tapped.check();
            Thread.sleep(10);
        }
    }
}
