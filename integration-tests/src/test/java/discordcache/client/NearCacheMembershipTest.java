package discordcache.client;

import com.hazelcast.client.impl.ClientEndpoint;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.LifecycleEvent;
import com.hazelcast.instance.impl.HazelcastInstanceProxy;
import com.hazelcast.map.IMap;
import discordcache.model.CacheMap;
import discordcache.model.User;
import discordcache.node.CacheNode;
import discordcache.testing.Await;
import discordcache.testing.Entities;
import discordcache.testing.TestClients;
import discordcache.testing.TestNodes;
import discordcache.testing.TestPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Near caches through membership changes and reconnects: a member joining and one leaving gracefully while writes go
 * on, a member crashing, and the client's connection breaking. In each, no value is served stale once its write
 * returned plus the stated lag, and the near cache drops only the partitions whose invalidations may be lost.
 */
class NearCacheMembershipTest {
    private static final int KEYS = 1_000;
    /** The grace plus TestNodes' tick interval, plus room for a loaded machine. */
    private static final Duration LAG = Duration.ofMillis(250 + 200).plusSeconds(2);

    @TempDir
    Path temp;

    private final Entities entities = new Entities(5);

    @Test
    void membersJoiningAndLeavingGracefullyUnderWrites_serveNoStaleValue_andKeepTheNearCacheWarm() throws Exception {
        TestNodes nodes = new TestNodes(TestPostgres.get().createDatabase());
        CacheNode first = CacheNode.start(nodes.settings(temp.resolve("a")));
        CacheNode second = null;
        HazelcastInstance writerClient = TestClients.hazelcastClient(first);
        try (DiscordCache cache = DiscordCache.connect(TestClients.config(first))) {
            IMap<Long, User> writes = writerClient.getMap(CacheMap.USERS.name());
            writes.setAll(usersAt(1));
            awaitServing(cache);
            Staleness staleness = new Staleness();
            AtomicBoolean running = new AtomicBoolean(true);
            CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
                while (running.get()) {
                    long id = ThreadLocalRandom.current().nextInt(KEYS);
                    long version = staleness.nextVersion(id);
                    try {
                        writes.set(id, entities.user(id, version));
                        staleness.returned(id, version);
                    } catch (RuntimeException leaving) {
                        // A write in flight when its member leaves fails (the client does not redo it); whether it
                        // landed or not, it never returned, so it bounds no read.
                    }
                }
            });
            List<CompletableFuture<Void>> readers = new ArrayList<>();
            for (int r = 0; r < 2; r++) {
                readers.add(CompletableFuture.runAsync(() -> {
                    while (running.get()) {
                        long id = ThreadLocalRandom.current().nextInt(KEYS);
                        long start = System.nanoTime();
                        try {
                            staleness.check(id, cache.user(id).version(), start);
                        } catch (RuntimeException leaving) {
                            // a read in flight when its member leaves fails the same way; it served nothing stale
                        }
                    }
                }));
            }
            Thread.sleep(2_000);
            NearCacheStats steady = users(cache);
            second = CacheNode.start(nodes.settings(temp.resolve("b")));
            awaitSafe(first.hazelcast());
            Thread.sleep(2_000);
            NearCacheStats afterJoin = users(cache);
            first.close(); // graceful: its partitions and their sequences move to the second member
            awaitSafe(second.hazelcast());
            Thread.sleep(2_000);
            running.set(false);
            writer.join();
            readers.forEach(CompletableFuture::join);
            NearCacheStats afterLeave = users(cache);

            assertEquals(List.of(), staleness.violations(), "values served stale beyond the lag");
            assertTrue(staleness.checked() > 1_000, "reads ran: " + staleness.checked());
            // A graceful migration hands sequences over: the partitions that moved stay warm.
            assertEquals(0, afterJoin.partitionDrops() - steady.partitionDrops(), "partitions dropped at the join");
            assertTrue(afterLeave.partitionDrops() - afterJoin.partitionDrops() < 271 / 4,
                    "partitions dropped at the graceful leave: " + (afterLeave.partitionDrops()
                            - afterJoin.partitionDrops()));
            assertTrue(afterLeave.hits() - afterJoin.hits() > 0, "the near cache served through the leave");
        } finally {
            writerClient.shutdown();
            first.close();
            if (second != null) {
                second.close();
            }
        }
    }

    @Test
    void memberCrash_dropsOnlyThePartitionsItReported() throws Exception {
        TestNodes nodes = new TestNodes(TestPostgres.get().createDatabase());
        List<CacheNode> cluster = nodes.startTwo(temp, Map.of());
        CacheNode victim = cluster.get(0);
        CacheNode survivor = cluster.get(1);
        try (DiscordCache cache = DiscordCache.connect(TestClients.config(survivor))) {
            IMap<Long, User> users = survivor.hazelcast().getMap(CacheMap.USERS.name());
            users.setAll(usersAt(1));
            awaitServing(cache);
            int victimsKeys = ownedKeys(victim.hazelcast());

            victim.hazelcast().getLifecycleService().terminate();
            await(() -> users(cache).partitionDrops() > 0, "the crashed member's partitions were dropped");
            long misses = users(cache).misses();
            readAll(cache, 1);
            long reread = users(cache).misses() - misses;
            assertTrue(reread > 0 && reread <= victimsKeys, "read again: " + reread + " of the " + victimsKeys
                    + " users the crashed member owned; the survivor's stayed cached");

            users.setAll(usersAt(2));
            long returned = System.nanoTime();
            awaitWithin(() -> allAt(cache, 2), returned, "every change read after the crash");
        } finally {
            victim.close();
            survivor.close();
        }
    }

    @Test
    void reconnect_dropsOnlyThePartitionsChangedMeanwhile() throws Exception {
        TestNodes nodes = new TestNodes(TestPostgres.get().createDatabase());
        try (CacheNode node = CacheNode.start(nodes.settings(temp));
             DiscordCache cache = DiscordCache.connect(TestClients.config(node))) {
            IMap<Long, User> users = node.hazelcast().getMap(CacheMap.USERS.name());
            users.setAll(usersAt(1));
            awaitServing(cache);
            AtomicLong reconnects = new AtomicLong();
            cache.admin().hazelcast().getLifecycleService().addLifecycleListener(event -> {
                if (event.getState() == LifecycleEvent.LifecycleState.CLIENT_CONNECTED) {
                    reconnects.incrementAndGet();
                }
            });

            // The member drops the client's connection; while it is down, ten users change.
            for (ClientEndpoint endpoint : ((HazelcastInstanceProxy) node.hazelcast()).getOriginal().node
                    .getClientEngine().getEndpointManager().getEndpoints()) {
                endpoint.getConnection().close("the test breaks the connection", null);
            }
            for (long id = 0; id < 10; id++) {
                users.set(id, entities.user(id, 2));
            }
            await(() -> reconnects.get() > 0, "the client reconnected");
            long returned = System.nanoTime();
            awaitWithin(() -> {
                for (long id = 0; id < 10; id++) {
                    if (cache.user(id).version() != 2) {
                        return false;
                    }
                }
                return true;
            }, returned, "the changes made while disconnected are read");
            awaitServing(cache);
            long misses = users(cache).misses();
            for (long id = 0; id < KEYS; id++) {
                assertEquals(id < 10 ? 2 : 1, cache.user(id).version(), "user " + id);
            }
            long reread = users(cache).misses() - misses;
            assertTrue(reread < KEYS / 4, "after the reconnect " + reread + " of " + KEYS + " users were read "
                    + "again: only the partitions that changed meanwhile were dropped");
        }
    }

    /** Versions written and when their writes returned, and reads that came back older than the lag allows. */
    private static final class Staleness {
        private static final int MAX_VERSIONS = 100_000;
        private final AtomicLongArray versions = new AtomicLongArray(KEYS);
        private final Map<Long, long[]> returnedAt = new ConcurrentHashMap<>();
        private final List<String> violations = Collections.synchronizedList(new ArrayList<>());
        private final AtomicLong checked = new AtomicLong();

        long nextVersion(long id) {
            long version = versions.incrementAndGet((int) id) + 1;
            return Math.min(version, MAX_VERSIONS - 1);
        }

        void returned(long id, long version) {
            returnedAt.computeIfAbsent(id, key -> new long[MAX_VERSIONS])[(int) version] = System.nanoTime();
        }

        /** A read of {@code version} that began at {@code start}: the next version must not have returned long before. */
        void check(long id, long version, long start) {
            checked.incrementAndGet();
            long[] times = returnedAt.get(id);
            long newer = times == null || version + 1 >= MAX_VERSIONS ? 0 : times[(int) version + 1];
            if (newer != 0 && start - newer > LAG.toNanos()) {
                violations.add("user " + id + " read at version " + version + " " + (start - newer) / 1_000_000
                        + " ms after version " + (version + 1) + " was written");
            }
        }

        List<String> violations() {
            return List.copyOf(violations.subList(0, Math.min(violations.size(), 10)));
        }

        long checked() {
            return checked.get();
        }
    }

    private static NearCacheStats users(DiscordCache cache) {
        return cache.admin().nearCacheStats().get(CacheMap.USERS);
    }

    private Map<Long, User> usersAt(long version) {
        Map<Long, User> users = new HashMap<>();
        for (long id = 0; id < KEYS; id++) {
            users.put(id, entities.user(id, version));
        }
        return users;
    }

    /** Waits until a full pass over the users is answered from the near cache. */
    private static void awaitServing(DiscordCache cache) throws InterruptedException {
        await(() -> {
            for (long id = 0; id < KEYS; id++) {
                cache.user(id);
            }
            long hits = users(cache).hits();
            for (long id = 0; id < KEYS; id++) {
                cache.user(id);
            }
            return users(cache).hits() - hits == KEYS;
        }, "the near cache serves every user");
    }

    private static void readAll(DiscordCache cache, long version) {
        for (long id = 0; id < KEYS; id++) {
            assertEquals(version, cache.user(id).version(), "user " + id);
        }
    }

    private static boolean allAt(DiscordCache cache, long version) {
        for (long id = 0; id < KEYS; id++) {
            if (cache.user(id).version() != version) {
                return false;
            }
        }
        return true;
    }

    private static int ownedKeys(HazelcastInstance member) {
        int owned = 0;
        for (long id = 0; id < KEYS; id++) {
            if (member.getPartitionService().getPartition(id).getOwner().localMember()) {
                owned++;
            }
        }
        return owned;
    }

    private static void awaitSafe(HazelcastInstance member) throws InterruptedException {
        await(() -> member.getPartitionService().isClusterSafe(), "the cluster is safe");
    }

    private static void await(BooleanSupplier condition, String what) {
        Await.until(Duration.ofSeconds(60), what, condition);
    }

    private static void awaitWithin(BooleanSupplier condition, long since, String what) throws InterruptedException {
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() - since < LAG.toNanos(), what + " within " + LAG.toMillis() + " ms");
            Thread.sleep(10);
        }
    }
}
