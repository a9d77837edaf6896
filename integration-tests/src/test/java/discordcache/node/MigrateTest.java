package discordcache.node;

import discordcache.model.CacheMap;
import discordcache.testing.Db;
import discordcache.testing.TestNodes;
import discordcache.testing.TestPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** {@code cache-node migrate}: the schema alone, without a member, and twice is the same as once. */
class MigrateTest {
    @TempDir
    Path temp;

    @Test
    void migrateCreatesEveryTableAndIsRepeatable() throws Exception {
        String jdbcUrl = TestPostgres.get().createDatabase();
        CacheNode.migrate(new TestNodes(jdbcUrl).settings(temp));
        CacheNode.migrate(new TestNodes(jdbcUrl).settings(temp));
        for (CacheMap<?, ?> map : CacheMap.all()) {
            assertEquals(0, Db.count(jdbcUrl, map.name()), map.name());
        }
        assertEquals(0, Db.count(jdbcUrl, "dead_letters"));
        assertEquals(2, Db.count(jdbcUrl, "flyway_schema_history WHERE success"), "V1 and V2");
    }
}
