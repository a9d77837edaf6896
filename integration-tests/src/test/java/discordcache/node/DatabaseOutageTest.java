package discordcache.node;

import com.hazelcast.map.IMap;
import discordcache.model.CacheMap;
import discordcache.model.User;
import discordcache.testing.Db;
import discordcache.testing.Entities;
import discordcache.testing.TcpProxy;
import discordcache.testing.TestNodes;
import discordcache.testing.TestPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * PostgreSQL is unreachable for 35 s while writes go on; afterwards nothing is lost, and no row
 * was ever written with an older version than the one before it.
 */
class DatabaseOutageTest {
    private static final int USERS = 2_000;

    @TempDir
    Path temp;

    @Test
    void writesDuringAnOutageAllLandInOrderOnceThePostgresReturns() throws Exception {
        String jdbcUrl = TestPostgres.get().createDatabase();
        try (TcpProxy proxy = TcpProxy.forJdbcUrl(jdbcUrl)) {
            Map<Long, User> latest = new HashMap<>();
            CacheNode node = CacheNode.start(new TestNodes(proxy.jdbcUrl(jdbcUrl)).settings(temp));
            try {
                recordEveryWrittenVersion(jdbcUrl);
                IMap<Long, User> users = node.hazelcast().getMap(CacheMap.USERS.name());
                Entities entities = new Entities(3);
                Map<Long, Long> versions = new HashMap<>();
                Random random = new Random(5);
                long start = System.nanoTime();
                boolean cut = false;
                boolean restored = false;
                while (seconds(start) < 45) {
                    if (!cut && seconds(start) >= 5) {
                        proxy.cut();
                        cut = true;
                    }
                    if (!restored && seconds(start) >= 40) {
                        proxy.restore();
                        restored = true;
                    }
                    Map<Long, User> batch = new HashMap<>();
                    for (int i = 0; i < 100; i++) {
                        long id = 1_000 + random.nextInt(USERS);
                        long version = versions.merge(id, 1L, Long::sum);
                        User user = entities.user(id, version);
                        batch.put(id, user);
                        latest.put(id, user);
                    }
                    users.setAll(batch);
                    Thread.sleep(20);
                }
                node.flush();

                assertTrue(node.stats().retries() > 0, "the node saw the outage and retried");
                Map<Long, Long> stored = Db.versionsById(jdbcUrl, "users");
                Map<Long, Long> expected = new HashMap<>();
                latest.forEach((id, user) -> expected.put(id, user.version()));
                assertEquals(expected, stored, "PostgreSQL holds the newest version of every user");
                assertNoVersionWentBackwards(jdbcUrl);
            } finally {
                node.close();
            }
            // What PostgreSQL holds, loaded by a new node, is the newest value of every user.
            try (CacheNode restarted = CacheNode.start(new TestNodes(jdbcUrl).settings(temp.resolve("restarted")))) {
                IMap<Long, User> users = restarted.hazelcast().getMap(CacheMap.USERS.name());
                assertEquals(latest, Map.copyOf(users), "the newest value of every user");
            }
        }
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }

    private static void recordEveryWrittenVersion(String jdbcUrl) throws Exception {
        Db.execute(jdbcUrl, """
                CREATE TABLE written_versions (seq bigserial PRIMARY KEY, id bigint NOT NULL, version bigint NOT NULL);
                CREATE FUNCTION record_version() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    INSERT INTO written_versions (id, version) VALUES (NEW.id, NEW.version);
                    RETURN NEW;
                END $$;
                CREATE TRIGGER record_version AFTER INSERT OR UPDATE ON users
                    FOR EACH ROW EXECUTE FUNCTION record_version();
                """);
    }

    private static void assertNoVersionWentBackwards(String jdbcUrl) throws Exception {
        try (Connection db = Db.connect(jdbcUrl); Statement statement = db.createStatement();
             ResultSet rs = statement.executeQuery("""
                     SELECT count(*) AS writes,
                            count(*) FILTER (WHERE version <= previous) AS backwards
                     FROM (SELECT version, lag(version) OVER (PARTITION BY id ORDER BY seq) AS previous
                           FROM written_versions) history""")) {
            rs.next();
            assertTrue(rs.getLong("writes") >= USERS, "the trigger saw the writes");
            assertEquals(0, rs.getLong("backwards"), "rows written with a version not newer than the stored one");
        }
    }
}
