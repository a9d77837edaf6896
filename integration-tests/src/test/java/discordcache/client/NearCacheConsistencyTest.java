package discordcache.client;

import com.hazelcast.map.IMap;
import discordcache.model.CacheMap;
import discordcache.model.User;
import discordcache.node.CacheNode;
import discordcache.testing.Entities;
import discordcache.testing.TestClients;
import discordcache.testing.TestNodes;
import discordcache.testing.TestPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Writers update random keys with increasing versions while readers in two other clients read through their
 * near caches: no reader ever sees a key go back to an older version, and once the writers stop, every near
 * cache answers what the cluster holds within a bounded wait.
 */
class NearCacheConsistencyTest {
    private static final int KEYS = 200;

    @TempDir
    Path temp;

    @Test
    void readersNeverGoBackwardsAndConvergeOnTheClusterValues() throws Exception {
        TestNodes nodes = new TestNodes(TestPostgres.get().createDatabase());
        try (CacheNode node = CacheNode.start(nodes.settings(temp));
             DiscordCache writerClient = DiscordCache.connect(TestClients.config(node));
             DiscordCache readerA = DiscordCache.connect(TestClients.config(node));
             DiscordCache readerB = DiscordCache.connect(TestClients.config(node))) {
            IMap<Long, User> users = writerClient.admin().hazelcast().getMap(CacheMap.USERS.name());
            Entities entities = new Entities(5);
            Map<Long, AtomicLong> versions = new HashMap<>();
            ReentrantLock[] locks = new ReentrantLock[KEYS];
            for (int i = 0; i < KEYS; i++) {
                versions.put((long) i, new AtomicLong(1));
                locks[i] = new ReentrantLock();
                users.set((long) i, entities.user(i, 1));
            }
            long deadline = System.nanoTime() + Duration.ofSeconds(8).toNanos();
            ExecutorService pool = Executors.newFixedThreadPool(7);
            List<Future<Long>> tasks = new ArrayList<>();
            for (int w = 0; w < 3; w++) {
                tasks.add(pool.submit(() -> {
                    Entities mine = new Entities(ThreadLocalRandom.current().nextLong());
                    long writes = 0;
                    while (System.nanoTime() < deadline) {
                        int key = ThreadLocalRandom.current().nextInt(KEYS);
                        locks[key].lock();
                        try {
                            users.set((long) key, mine.user(key, versions.get((long) key).incrementAndGet()));
                        } finally {
                            locks[key].unlock();
                        }
                        writes++;
                    }
                    return writes;
                }));
            }
            for (DiscordCache reader : List.of(readerA, readerB, readerA, readerB)) {
                tasks.add(pool.submit(() -> {
                    long[] seen = new long[KEYS];
                    long reads = 0;
                    while (System.nanoTime() < deadline) {
                        int key = ThreadLocalRandom.current().nextInt(KEYS);
                        User user = reader.user(key);
                        assertTrue(user.version() >= seen[key], "user " + key + " went back from version "
                                + seen[key] + " to " + user.version());
                        seen[key] = user.version();
                        reads++;
                    }
                    return reads;
                }));
            }
            for (Future<Long> task : tasks) {
                assertTrue(task.get() > 0);
            }
            pool.shutdown();

            for (DiscordCache reader : List.of(readerA, readerB)) {
                long until = System.nanoTime() + Duration.ofSeconds(5).toNanos();
                while (!converged(reader, users) && System.nanoTime() < until) {
                    Thread.sleep(50);
                }
                for (long key = 0; key < KEYS; key++) {
                    assertEquals(users.get(key), reader.user(key), "user " + key);
                }
                assertTrue(reader.admin().nearCacheStats().get(CacheMap.USERS).hits() > 0, "the near cache answered reads");
                assertTrue(reader.admin().nearCacheStats().get(CacheMap.USERS).invalidations() > 0, "it was invalidated");
            }
        }
    }

    private static boolean converged(DiscordCache reader, IMap<Long, User> users) {
        for (long key = 0; key < KEYS; key++) {
            if (!users.get(key).equals(reader.user(key))) {
                return false;
            }
        }
        return true;
    }
}
