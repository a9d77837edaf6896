package discordcache.node;

import com.hazelcast.map.IMap;
import discordcache.model.CacheMap;
import discordcache.model.User;
import discordcache.testing.Db;
import discordcache.testing.Entities;
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

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A row PostgreSQL refuses lands in dead_letters and the rest of its batch lands normally. */
class DeadLetterTest {
    @TempDir
    Path temp;

    @Test
    void poisonRowIsDeadLetteredAndItsBatchStillLands() throws Exception {
        String jdbcUrl = TestPostgres.get().createDatabase();
        try (CacheNode node = CacheNode.start(new TestNodes(jdbcUrl).settings(temp))) {
            IMap<Long, User> users = node.hazelcast().getMap(CacheMap.USERS.name());
            Entities entities = new Entities(2);
            Map<Long, User> batch = new HashMap<>();
            for (long id = 1; id <= 300; id++) {
                batch.put(id, entities.user(id, 1));
            }
            // PostgreSQL text cannot hold NUL: this row can never be written, whatever the retries.
            long poisonId = 137;
            User good = batch.get(poisonId);
            batch.put(poisonId, new User(poisonId, "bad\u0000name", "0", null, null, null, null, 0, false, false, 1));
            users.setAll(batch);
            node.flush();

            Map<Long, Long> stored = Db.versionsById(jdbcUrl, "users");
            assertEquals(299, stored.size(), "every other row of the batch landed");
            assertFalse(stored.containsKey(poisonId));
            assertEquals(1, node.stats().rowsDeadLettered());
            try (Connection db = Db.connect(jdbcUrl); Statement statement = db.createStatement();
                 ResultSet rs = statement.executeQuery("SELECT entity, entity_key, payload, sql_state, error FROM dead_letters")) {
                assertTrue(rs.next());
                assertEquals("users", rs.getString("entity"));
                assertEquals("(137)", rs.getString("entity_key"));
                assertTrue(rs.getString("payload").contains("username=bad\\u0000name"), rs.getString("payload"));
                assertTrue(rs.getString("sql_state").startsWith("22"), rs.getString("sql_state"));
                assertFalse(rs.getString("error").isBlank());
                assertFalse(rs.next(), "one dead letter");
            }

            // The key is not stuck: a later, valid version of it is written normally.
            users.set(poisonId, good.withVersion(2));
            node.flush();
            assertEquals(2L, Db.versionsById(jdbcUrl, "users").get(poisonId));
        }
    }

    @Test
    void valueStoredUnderAnotherKeyIsDeadLetteredNotWrittenUnderItsOwnKey() throws Exception {
        String jdbcUrl = TestPostgres.get().createDatabase();
        try (CacheNode node = CacheNode.start(new TestNodes(jdbcUrl).settings(temp))) {
            IMap<Long, User> users = node.hazelcast().getMap(CacheMap.USERS.name());
            Entities entities = new Entities(3);
            users.set(500L, entities.user(501, 1));
            users.set(502L, entities.user(502, 1));
            node.flush();

            assertEquals(Map.of(502L, 1L), Db.versionsById(jdbcUrl, "users"));
            try (Connection db = Db.connect(jdbcUrl); Statement statement = db.createStatement();
                 ResultSet rs = statement.executeQuery("SELECT entity_key, error FROM dead_letters")) {
                assertTrue(rs.next());
                assertEquals("(501)", rs.getString("entity_key"));
                assertEquals("stored under the key 500, but the value is the one of 501", rs.getString("error"));
            }
        }
    }
}
