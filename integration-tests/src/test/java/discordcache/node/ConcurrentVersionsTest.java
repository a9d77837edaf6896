package discordcache.node;

import com.hazelcast.map.IMap;
import com.hazelcast.map.MapStore;
import discordcache.model.CacheMap;
import discordcache.model.User;
import discordcache.node.store.Persistence;
import discordcache.testing.Db;
import discordcache.testing.Entities;
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
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.ReentrantLock;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Many threads update the same keys with increasing versions while flushes run concurrently
 * with the write-behind worker; PostgreSQL ends with the newest version of every key, and replaying older
 * versions afterwards (at-least-once delivery) changes nothing.
 */
class ConcurrentVersionsTest {
    private static final int KEYS = 300;
    private static final int WRITERS = 6;

    @TempDir
    Path temp;

    @Test
    void postgresEndsWithTheNewestVersionOfEveryKey() throws Exception {
        String jdbcUrl = TestPostgres.get().createDatabase();
        try (CacheNode node = CacheNode.start(new TestNodes(jdbcUrl).settings(temp))) {
            IMap<Long, User> users = node.hazelcast().getMap(CacheMap.USERS.name());
            Map<Long, Long> versions = new ConcurrentHashMap<>();
            ReentrantLock[] stripes = new ReentrantLock[KEYS];
            for (int i = 0; i < KEYS; i++) {
                stripes[i] = new ReentrantLock();
            }
            ExecutorService pool = Executors.newFixedThreadPool(WRITERS + 1);
            long deadline = System.nanoTime() + Duration.ofSeconds(8).toNanos();
            List<Future<?>> tasks = new ArrayList<>();
            for (int w = 0; w < WRITERS; w++) {
                tasks.add(pool.submit(() -> {
                    Entities entities = new Entities(ThreadLocalRandom.current().nextLong());
                    while (System.nanoTime() < deadline) {
                        int index = ThreadLocalRandom.current().nextInt(KEYS);
                        long id = 10_000 + index;
                        // The stripe makes the map's order of writes per key the order of versions, as a
                        // version-stamping writer does; PostgreSQL sees them in whatever order write-behind,
                        // flushes and retries produce.
                        stripes[index].lock();
                        try {
                            long version = versions.merge(id, 1L, Long::sum);
                            users.set(id, entities.user(id, version));
                        } finally {
                            stripes[index].unlock();
                        }
                    }
                    return null;
                }));
            }
            tasks.add(pool.submit(() -> {
                while (System.nanoTime() < deadline) {
                    users.flush();
                }
                return null;
            }));
            for (Future<?> task : tasks) {
                task.get();
            }
            pool.shutdown();
            node.flush();
            assertEquals(versions, Db.versionsById(jdbcUrl, "users"), "newest version of every key");

            // At-least-once delivery: an old batch replayed late must not replace anything.
            Persistence replay = new Persistence(dataSource(jdbcUrl), temp.resolve("replay-journal"),
                    Duration.ofMillis(100), Duration.ofSeconds(5), 2, 0);
            MapStore<Long, User> store = replay.mapStore(CacheMap.USERS, false);
            Map<Long, User> stale = new HashMap<>();
            Entities entities = new Entities(1);
            versions.forEach((id, version) -> stale.put(id, entities.user(id, version - 1)));
            store.storeAll(stale);
            assertEquals(versions, Db.versionsById(jdbcUrl, "users"), "stale replays change nothing");
        }
    }

    private static javax.sql.DataSource dataSource(String jdbcUrl) {
        org.postgresql.ds.PGSimpleDataSource dataSource = new org.postgresql.ds.PGSimpleDataSource();
        dataSource.setUrl(jdbcUrl);
        dataSource.setUser(TestPostgres.get().user());
        dataSource.setPassword(TestPostgres.get().password());
        return dataSource;
    }
}
