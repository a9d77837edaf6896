package discordcache.node;

import com.hazelcast.map.IMap;
import discordcache.model.CacheMap;
import discordcache.model.Guild;
import discordcache.node.config.NodeSettings;
import discordcache.testing.Entities;
import discordcache.testing.TestNodes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The README's first command: with no JDBC URL a node runs its own PostgreSQL, and its data outlives the node. */
class EmbeddedDefaultTest {
    @TempDir
    Path temp;

    @Test
    void nodeOnTheEmbeddedDefaultKeepsItsDataAcrossRestarts() {
        int port = TestNodes.freePort();
        Map<String, String> env = Map.of("DCACHE_DATA_DIR", temp.toString(),
                "DCACHE_CLUSTER_NAME", "embedded-" + UUID.randomUUID(), "DCACHE_PORT", Integer.toString(port),
                "DCACHE_MEMBERS", "127.0.0.1:" + port);
        Guild guild = new Entities(9).guild(123_456_789L, List.of(123_456_789L, 5L), 1);
        try (CacheNode node = CacheNode.start(NodeSettings.from(env))) {
            node.hazelcast().<Long, Guild>getMap(CacheMap.GUILDS.name()).set(guild.id(), guild);
        }
        assertTrue(Files.isDirectory(temp.resolve("postgres")), "the embedded PostgreSQL lives in the data directory");
        try (CacheNode node = CacheNode.start(NodeSettings.from(env))) {
            IMap<Long, Guild> guilds = node.hazelcast().getMap(CacheMap.GUILDS.name());
            assertEquals(1, guilds.size());
            assertEquals(guild, guilds.get(guild.id()));
        }
    }
}
