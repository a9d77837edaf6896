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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The get/invalidate race: an invalidation that arrives between the remote read and the publish must keep the
 * value read before the change out of the near cache; and a reader that read a newer value than a racing read is
 * about to publish is never served the older one.
 */
class NearCacheRaceTest {
    @TempDir
    Path temp;

    private CacheNode node;
    private HazelcastInstance client;

    @BeforeEach
    void start() {
        TestNodes nodes = new TestNodes(TestPostgres.get().createDatabase());
        node = CacheNode.start(nodes.settings(temp));
        client = TestClients.hazelcastClient(node);
    }

    @AfterEach
    void stop() {
        client.shutdown();
        node.close();
    }

    @Test
    void invalidationDuringTheRemoteRead_keepsTheOldValueOutOfTheNearCache() throws InterruptedException {
        checkRace(false);
    }

    @Test
    void invalidationDuringTheRemoteAsyncRead_keepsTheOldValueOutOfTheNearCache() throws InterruptedException {
        checkRace(true);
    }

    private void checkRace(boolean async) throws InterruptedException {
        IMap<Long, User> writer = node.hazelcast().getMap(CacheMap.USERS.name());
        IMap<Long, User> remote = client.getMap(CacheMap.USERS.name());
        Entities entities = new Entities(1);
        User old = entities.user(7, 1);
        User newer = entities.user(7, 2);
        writer.set(7L, old);

        AtomicReference<NearCache<Long, User>> nearCache = new AtomicReference<>();
        AtomicBoolean armed = new AtomicBoolean(true);
        NearCache.RemoteReader<Long, User> slowReader = new NearCache.RemoteReader<>() {
            @Override
            public User get(Long key) {
                User value = remote.get(key);
                if (armed.getAndSet(false)) {
                    // The change lands, and its invalidation reaches this near cache, after the read and before
                    // the near cache publishes what it read.
                    long before = nearCache.get().stats().invalidations();
                    writer.set(key, newer);
                    awaitInvalidation(nearCache.get(), before);
                }
                return value;
            }

            @Override
            public CompletionStage<User> getAsync(Long key) {
                return CompletableFuture.supplyAsync(() -> get(key));
            }
        };
        try (TappedNearCache followed = new TappedNearCache(client, slowReader, Duration.ofMillis(250))) {
            nearCache.set(followed.nearCache);
            followed.awaitTrust();
            User first = async ? nearCache.get().getAsync(7L).toCompletableFuture().join() : nearCache.get().get(7L);
            assertEquals(old, first, "the racing read returns what it read");
            assertEquals(newer, nearCache.get().get(7L), "the old value was not cached");
            assertEquals(newer, nearCache.get().get(7L), "the new value is cached");
            assertEquals(1, nearCache.get().stats().hits());
        }
    }

    /**
     * Invalidations arrive some milliseconds after a write. A read that found the key reserved by a slower read,
     * and read a newer value, must not be served the slower read's older value next, whether that value is
     * published after its own read or before.
     */
    @Test
    void aReaderIsNeverServedAValueOlderThanOneItReadItself_publishedAfterItsRead() throws Exception {
        checkMonotonic(true);
    }

    @Test
    void aReaderIsNeverServedAValueOlderThanOneItReadItself_publishedBeforeItsReadEnds() throws Exception {
        checkMonotonic(false);
    }

    private void checkMonotonic(boolean olderPublishedLast) throws Exception {
        Entities entities = new Entities(2);
        User older = entities.user(7, 1);
        User newer = entities.user(7, 2);
        // A scripted cluster: the first read answers the older value once released, every later read the newer
        // (no write reaches the cluster, so no invalidation comes to settle the race).
        CountDownLatch releaseSlow = new CountDownLatch(1);
        CountDownLatch releaseFast = new CountDownLatch(1);
        AtomicInteger calls = new AtomicInteger();
        NearCache.RemoteReader<Long, User> scripted = new NearCache.RemoteReader<>() {
            @Override
            public User get(Long key) {
                int call = calls.incrementAndGet();
                await(call == 1 ? releaseSlow : call == 2 ? releaseFast : new CountDownLatch(0));
                return call == 1 ? older : newer;
            }

            @Override
            public CompletionStage<User> getAsync(Long key) {
                return CompletableFuture.supplyAsync(() -> get(key));
            }
        };
        try (TappedNearCache followed = new TappedNearCache(client, scripted, Duration.ofMillis(250))) {
            followed.awaitTrust();
            NearCache<Long, User> nearCache = followed.nearCache;
            CompletableFuture<User> slow = CompletableFuture.supplyAsync(() -> nearCache.get(7L));
            while (calls.get() < 1) {
                Thread.onSpinWait();
            }
            CompletableFuture<User> fast = CompletableFuture.supplyAsync(() -> nearCache.get(7L));
            while (calls.get() < 2) {
                Thread.onSpinWait();
            }
            if (olderPublishedLast) {
                releaseFast.countDown();
                assertEquals(newer, fast.get());
                releaseSlow.countDown();
                assertEquals(older, slow.get());
            } else {
                releaseSlow.countDown();
                assertEquals(older, slow.get());
                releaseFast.countDown();
                assertEquals(newer, fast.get());
            }
            assertEquals(newer, nearCache.get(7L), "after reading version 2, a reader is not served version 1");
            assertEquals(newer, nearCache.get(7L));
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            assertTrue(latch.await(10, TimeUnit.SECONDS), "released");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void awaitInvalidation(NearCache<Long, User> nearCache, long before) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (nearCache.stats().invalidations() == before) {
            assertTrue(System.nanoTime() < deadline, "the invalidation arrived");
            Thread.onSpinWait();
        }
    }
}
