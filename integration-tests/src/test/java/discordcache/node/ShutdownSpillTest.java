package discordcache.node;

import com.hazelcast.map.IMap;
import discordcache.model.CacheMap;
import discordcache.model.Member;
import discordcache.model.MemberKey;
import discordcache.model.User;
import discordcache.testing.Db;
import discordcache.testing.Entities;
import discordcache.testing.TcpProxy;
import discordcache.testing.TestNodes;
import discordcache.testing.TestPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A node stopped while PostgreSQL is unreachable spills its pending writes to the journal; the
 * next start replays the journal before it serves, and nothing is lost.
 */
class ShutdownSpillTest {
    @TempDir
    Path temp;

    @Test
    void pendingWritesSurviveAStopDuringAnOutage() throws Exception {
        String jdbcUrl = TestPostgres.get().createDatabase();
        Path dataDirectory = temp.resolve("node");
        try (TcpProxy proxy = TcpProxy.forJdbcUrl(jdbcUrl)) {
            TestNodes nodes = new TestNodes(proxy.jdbcUrl(jdbcUrl));
            Map<String, String> quickStop = Map.of("DCACHE_SHUTDOWN_FLUSH_TIMEOUT_SECONDS", "3",
                    "DCACHE_WRITE_DELAY_SECONDS", "5");
            Entities entities = new Entities(4);
            Map<Long, User> users = new HashMap<>();
            Map<MemberKey, Member> members = new HashMap<>();
            for (long id = 1; id <= 3_000; id++) {
                users.put(id, entities.user(id, 1));
                Member member = entities.member(77, id, List.of(5L, 6L, 7L), 1);
                members.put(member.key(), member);
            }

            CacheNode node = CacheNode.start(nodes.settings(dataDirectory, quickStop));
            node.hazelcast().<Long, User>getMap(CacheMap.USERS.name()).setAll(users);
            node.hazelcast().<MemberKey, Member>getMap(CacheMap.MEMBERS.name()).setAll(members);
            IMap<MemberKey, Member> memberMap = node.hazelcast().getMap(CacheMap.MEMBERS.name());
            memberMap.delete(new MemberKey(77, 1));
            members.remove(new MemberKey(77, 1));
            proxy.cut();
            node.close();

            // 3,000 users and 2,999 members to upsert, and the deleted member's delete; at least once: a store that
            // Hazelcast retries while its member shuts down (its schema service already gone) is spilled again, and
            // replaying a row twice writes it once, since upserts are version-guarded.
            assertTrue(node.stats().rowsSpilled() >= 6_000, node.stats().rowsSpilled() + " rows spilled to the journal");
            assertEquals(1, journalFiles(dataDirectory), "one journal file");
            assertEquals(0, Db.count(jdbcUrl, "users"), "nothing reached PostgreSQL before the stop");

            proxy.restore();
            try (CacheNode restarted = CacheNode.start(nodes.settings(dataDirectory, quickStop))) {
                assertEquals(0, journalFiles(dataDirectory), "the replayed journal is gone");
                assertEquals(users.size(), Db.count(jdbcUrl, "users"));
                assertEquals(members.size(), Db.count(jdbcUrl, "members"));
                IMap<Long, User> userMap = restarted.hazelcast().getMap(CacheMap.USERS.name());
                IMap<MemberKey, Member> restartedMembers = restarted.hazelcast().getMap(CacheMap.MEMBERS.name());
                assertEquals(users, userMap.getAll(users.keySet()));
                assertEquals(members, restartedMembers.getAll(members.keySet()));
                assertTrue(!restartedMembers.containsKey(new MemberKey(77, 1)), "the deleted member stays deleted");
            }
        }
    }

    @Test
    void aStopThatOutlastsTheFlushTimeoutKeepsWritingWhilePostgresTakesWrites() throws Exception {
        String jdbcUrl = TestPostgres.get().createDatabase();
        Path dataDirectory = temp.resolve("healthy");
        // No time at all for the flush: every pending write outlasts it.
        Map<String, String> noTime = Map.of("DCACHE_SHUTDOWN_FLUSH_TIMEOUT_SECONDS", "0",
                "DCACHE_WRITE_DELAY_SECONDS", "30");
        Entities entities = new Entities(5);
        Map<MemberKey, Member> members = new HashMap<>();
        for (long id = 1; id <= 20_000; id++) {
            Member member = entities.member(78, id, List.of(5L, 6L, 7L), 1);
            members.put(member.key(), member);
        }
        CacheNode node = CacheNode.start(new TestNodes(jdbcUrl).settings(dataDirectory, noTime));
        node.hazelcast().<MemberKey, Member>getMap(CacheMap.MEMBERS.name()).setAll(members);
        node.close();

        assertEquals(0, node.stats().rowsSpilled(), "rows spilled to the journal while PostgreSQL was up");
        assertEquals(0, journalFiles(dataDirectory));
        assertEquals(members.size(), Db.count(jdbcUrl, "members"), "every member reached PostgreSQL");
    }

    private static long journalFiles(Path dataDirectory) throws Exception {
        Path journal = dataDirectory.resolve("journal");
        if (!Files.isDirectory(journal)) {
            return 0;
        }
        try (Stream<Path> files = Files.list(journal)) {
            return files.count();
        }
    }
}
