package discordcache.client;

import discordcache.CacheSerialization;
import com.hazelcast.client.HazelcastClient;
import com.hazelcast.client.config.ClientConfig;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import discordcache.model.CacheMap;
import discordcache.model.User;
import discordcache.nearcache.NearCache;
import discordcache.node.CacheNode;
import discordcache.node.testing.Entities;
import discordcache.node.testing.TestNodes;
import discordcache.node.testing.TestPostgres;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The get/invalidate race: an invalidation that arrives between the remote read and the publish must keep the
 * value read before the change out of the near cache.
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
        ClientConfig config = new ClientConfig();
        config.setClusterName(node.settings().clusterName());
        config.getNetworkConfig().addAddress(node.hazelcast().getCluster().getLocalMember().getAddress().getHost()
                + ":" + node.hazelcast().getCluster().getLocalMember().getAddress().getPort());
        CacheSerialization.register(config.getSerializationConfig());
        client = HazelcastClient.newHazelcastClient(config);
    }

    @AfterEach
    void stop() {
        client.shutdown();
        node.close();
    }

    @Test
    void invalidationDuringTheRemoteRead_keepsTheOldValueOutOfTheNearCache() {
        checkRace(false);
    }

    @Test
    void invalidationDuringTheRemoteAsyncRead_keepsTheOldValueOutOfTheNearCache() {
        checkRace(true);
    }

    private void checkRace(boolean async) {
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
        nearCache.set(new NearCache<>(remote, slowReader, 1_000, Duration.ofMinutes(5)));
        // One member, already connected: the listener is registered everywhere it needs to be.
        nearCache.get().trustAgain();
        try {
            User first = async ? nearCache.get().getAsync(7L).toCompletableFuture().join() : nearCache.get().get(7L);
            assertEquals(old, first, "the racing read returns what it read");
            assertEquals(newer, nearCache.get().get(7L), "the old value was not cached");
            assertEquals(newer, nearCache.get().get(7L), "the new value is cached");
            assertEquals(1, nearCache.get().stats().hits());
        } finally {
            nearCache.get().close();
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
