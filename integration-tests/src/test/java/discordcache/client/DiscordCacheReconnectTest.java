package discordcache.client;

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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A whole cluster restarting makes the near cache forget everything (the client connects to a new cluster), and
 * reads stay right; a client that cannot reach the cluster says so. Members coming and going are in
 * {@link NearCacheMembershipTest}.
 */
class DiscordCacheReconnectTest {
    private static final int KEYS = 100;

    @TempDir
    Path temp;

    @Test
    void memberCrashAndFullClusterRestart_keepReadsCorrect_andTheRestartEmptiesTheNearCache() throws Exception {
        TestNodes nodes = new TestNodes(TestPostgres.get().createDatabase());
        List<CacheNode> cluster = nodes.startTwo(temp, Map.of());
        CacheNode victim = cluster.get(0);
        CacheNode survivor = cluster.get(1);
        Entities entities = new Entities(8);
        try (DiscordCache cache = DiscordCache.connect(TestClients.config(survivor))) {
            IMap<Long, User> users = survivor.hazelcast().getMap(CacheMap.USERS.name());
            users.setAll(usersAt(entities, 1));
            await(() -> {
                readAll(cache, 1);
                return cache.admin().nearCacheStats().get(CacheMap.USERS).size() == KEYS;
            }, "the near cache holds every user once trusted");

            victim.hazelcast().getLifecycleService().terminate();
            victim.close();
            await(() -> cache.admin().nearCacheStats().get(CacheMap.USERS).partitionDrops() > 0,
                    "the crashed member's partitions were dropped");
            users.setAll(usersAt(entities, 2));
            await(() -> {
                for (long id = 0; id < KEYS; id++) {
                    if (cache.user(id).version() != 2) {
                        return false;
                    }
                }
                return true;
            }, "the invalidations of the write arrived");
            survivor.flush();

            // The whole cluster restarts from PostgreSQL: the client reconnects to a new cluster.
            survivor.close();
            try (CacheNode restarted = CacheNode.start(nodes.settings(temp.resolve("c")))) {
                await(() -> cache.admin().nearCacheStats().get(CacheMap.USERS).size() == 0, "the near cache was emptied");
                IMap<Long, User> reloaded = restarted.hazelcast().getMap(CacheMap.USERS.name());
                reloaded.setAll(usersAt(entities, 3));
                await(() -> {
                    try {
                        return cache.user(0).version() == 3;
                    } catch (RuntimeException notYetReconnected) {
                        return false;
                    }
                }, "the client reconnected");
                // Once every member reported, the near cache is trusted again and answers every read of a full pass.
                await(() -> {
                    long before = cache.admin().nearCacheStats().get(CacheMap.USERS).hits();
                    readAll(cache, 3);
                    return cache.admin().nearCacheStats().get(CacheMap.USERS).hits() - before == KEYS;
                }, "the near cache serves again");
            }
        } finally {
            victim.close();
            survivor.close();
        }
    }

    @Test
    void unreachableCluster_failsNamingTheAddresses() {
        DiscordCacheConfig config = DiscordCacheConfig.builder()
                .clusterName("nobody-home")
                .addresses("127.0.0.1:9")
                .connectTimeout(Duration.ofSeconds(2))
                .build();
        CacheUnavailableException error = assertThrows(CacheUnavailableException.class,
                () -> DiscordCache.connect(config));
        assertTrue(error.getMessage().contains("'nobody-home' at [127.0.0.1:9] within 2 s"), error.getMessage());
    }

    private static void readAll(DiscordCache cache, long version) {
        for (long id = 0; id < KEYS; id++) {
            assertEquals(version, cache.user(id).version(), "user " + id);
        }
    }

    private static Map<Long, User> usersAt(Entities entities, long version) {
        Map<Long, User> users = new HashMap<>();
        for (long id = 0; id < KEYS; id++) {
            users.put(id, entities.user(id, version));
        }
        return users;
    }

    private static void await(BooleanSupplier condition, String what) {
        Await.until(Duration.ofSeconds(60), what, condition);
    }
}
