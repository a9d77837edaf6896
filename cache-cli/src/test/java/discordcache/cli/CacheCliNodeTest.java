package discordcache.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import discordcache.node.CacheNode;
import discordcache.testing.TestNodes;
import discordcache.testing.TestPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every command against a real node: a recorded session (hello, GUILD_CREATE, messages, a line cut short and a
 * message with a negative id) is replayed, and what landed is read back with get, members, channels, messages and
 * stats. The connection comes from the environment variables, as on a deployed host.
 */
class CacheCliNodeTest {
    private static final String GUILD = "900000000000000001";
    private static final String GENERAL = "900000000000000011";
    private static final String ALICE = "900000000000000101";

    @TempDir
    Path temp;

    @Test
    void replayedEventsCanBeReadBackWithEveryCommand() throws Exception {
        TestNodes nodes = new TestNodes(TestPostgres.get().createDatabase());
        try (CacheNode node = CacheNode.start(nodes.settings(temp))) {
            Map<String, String> env = Map.of(CacheCli.CLUSTER_NAME_ENV, node.settings().clusterName(),
                    CacheCli.MEMBERS_ENV, String.join(",", node.settings().members()));

            Run replay = Run.of(env, "replay", session().toString());
            assertEquals(1, replay.exitCode(), "a refused payload makes the exit code 1\n" + replay.out() + replay.err());
            assertTrue(replay.out().startsWith("Replayed 6 payloads in "), replay.out());
            assertTrue(replay.out().contains(": 3 applied, 1 ignored, 2 refused."), replay.out());
            assertTrue(replay.out().contains(session() + ":6: MESSAGE_CREATE: d: "),
                    "line 6 is cut short within d\n" + replay.out());
            assertTrue(replay.out().contains("BAD_VALUE"), "line 7 has a negative id\n" + replay.out());
            assertEquals("", replay.err(), "no progress bar when standard error is not a terminal");

            Run get = Run.of(env, "get", "member", GUILD + ":" + ALICE, GUILD + ":1");
            assertEquals(0, get.exitCode(), get.err());
            assertTrue(get.out().startsWith("member " + GUILD + ":" + ALICE + ":\nFIELD "), get.out());
            assertTrue(get.out().contains("\nnick                        Al\n"), get.out());
            assertTrue(get.out().endsWith("member " + GUILD + ":1: not found\n"), get.out());

            JsonNode members = json(Run.of(env, "--json", "members", GUILD));
            assertEquals(List.of(ALICE, "900000000000000102"), texts(members, "userId"));
            assertEquals("2024-01-02T03:04:05.123456Z", members.get(0).path("joinedAt").asText());
            assertEquals(Long.parseLong(GUILD), members.get(0).path("roles").get(0).asLong());

            Run channels = Run.of(env, "channels", GUILD);
            assertEquals(0, channels.exitCode(), channels.err());
            assertEquals("""
                                    ID  TYPE  NAME     POSITION  PARENT_ID
                    900000000000000011     0  general         0  -
                    900000000000000012     0  random          1  -
                    2 channels
                    """, channels.out());

            Run messages = Run.of(env, "messages", GENERAL, "--limit", "2");
            assertEquals(0, messages.exitCode(), messages.err());
            assertTrue(messages.out().contains("900000000000001002  900000000000000102  2024-02-03T04:06:06Z  second\n"
                    + "900000000000001001  900000000000000102  2024-02-03T04:05:06Z  hello\\nworld\n2 messages\n"),
                    messages.out());

            JsonNode stats = json(Run.of(env, "stats", "--json"));
            assertEquals(2, stats.path("entriesInMemory").path("users").asInt());
            assertEquals(2, stats.path("entriesInMemory").path("members").asInt());
            assertEquals(2, stats.path("entriesInMemory").path("messages").asInt());
            assertTrue(stats.path("writeBehindQueueDepth").asLong() >= 0, stats.toString());
            assertEquals(0, stats.path("deadLetters").asLong(), stats.toString());
        }
    }

    private static Path session() throws URISyntaxException {
        return Path.of(CacheCliNodeTest.class.getResource("/session.jsonl").toURI());
    }

    private static JsonNode json(Run run) throws Exception {
        assertEquals(0, run.exitCode(), run.err());
        return new ObjectMapper().readTree(run.out());
    }

    private static List<String> texts(JsonNode array, String field) {
        List<String> texts = new ArrayList<>();
        array.forEach(item -> texts.add(item.path(field).asText()));
        return texts;
    }
}
