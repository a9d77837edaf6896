package discordcache.node;

import discordcache.client.DiscordCache;
import discordcache.model.CacheMap;
import discordcache.model.Member;
import discordcache.model.MemberField;
import discordcache.model.Patch;
import discordcache.model.Snowflakes;
import discordcache.testing.Entities;
import discordcache.testing.TcpProxy;
import discordcache.testing.TestClients;
import discordcache.testing.TestNodes;
import discordcache.testing.TestPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A map loaded whole that never drops an entry holds everything PostgreSQL holds, so a key missing from its memory is
 * answered as missing without asking PostgreSQL: with the database cut off (and reads giving up after 2 s), an update
 * that inserts a new member, a read of an unknown user and a guild's member list all answer, and nothing is lost once
 * it is back. A bounded map, whose evicted entries only PostgreSQL holds, still asks it.
 */
class MissingKeysTest {
    private static final long GUILD = 7_000_000_001L;

    @TempDir
    Path temp;

    @Test
    void missesOnAMapHeldWholeNeverWaitForPostgres() throws Exception {
        String jdbcUrl = TestPostgres.get().createDatabase();
        try (TcpProxy proxy = TcpProxy.forJdbcUrl(jdbcUrl)) {
            TestNodes nodes = new TestNodes(proxy.jdbcUrl(jdbcUrl));
            Map<String, String> settings = Map.of("DCACHE_LOAD_RETRY_TIMEOUT_SECONDS", "2",
                    "DCACHE_USERS_MAX_PER_NODE", "100000");
            try (CacheNode node = CacheNode.start(nodes.settings(temp, settings));
                 DiscordCache cache = DiscordCache.connect(TestClients.config(node))) {
                Entities entities = new Entities(5);
                cache.upsertAll(CacheMap.MEMBERS, List.of(entities.member(GUILD, 1, List.of(), 0)));
                node.flush();
                proxy.cut();

                long answered = node.stats().keysAnsweredFromMemory();
                Member joined = entities.member(GUILD, 2, List.of(), 0);
                cache.update(CacheMap.MEMBERS, Patch.of(joined, MemberField.NICK, MemberField.ROLES))
                        .insertWhenAbsent().apply();
                assertEquals(2, cache.members(GUILD).size(), "the guild's members while PostgreSQL is away");
                assertNull(cache.guild(GUILD), "an unknown guild");
                assertTrue(node.stats().keysAnsweredFromMemory() > answered, "misses answered from memory");
                // The users map is bounded here: a key it lacks may be one it evicted, so it asks PostgreSQL.
                assertThrows(RuntimeException.class, () -> cache.user(42));

                proxy.restore();
                node.flush();
            }
            try (CacheNode restarted = CacheNode.start(new TestNodes(jdbcUrl).settings(temp.resolve("again")));
                 DiscordCache cache = DiscordCache.connect(TestClients.config(restarted))) {
                assertEquals(Snowflakes.empty(), cache.member(GUILD, 2).roles());
                assertEquals(2, cache.members(GUILD).size(), "the member inserted during the outage was kept");
            }
        }
    }
}
