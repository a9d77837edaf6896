package discordcache.examples;

import discordcache.client.DiscordCache;
import discordcache.model.CacheMap;
import discordcache.model.Channel;
import discordcache.model.Guild;
import discordcache.model.Member;
import discordcache.model.Message;
import discordcache.model.ShardSession;
import discordcache.model.ThreadChannel;
import discordcache.model.User;
import discordcache.node.CacheNode;
import discordcache.testing.Entities;
import discordcache.testing.TestClients;
import discordcache.testing.TestNodes;
import discordcache.testing.TestPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The README's Java snippets compile (they are {@link ReadmeExamples}), do what the README says against a real node,
 * and are quoted in the README exactly as they are here.
 */
class ReadmeExamplesTest {
    private static final long GUILD = 700_000_001L;
    private static final long ROLE = 700_000_002L;
    private static final long CHANNEL = 700_000_003L;
    private static final long PARENT = 700_000_004L;
    private static final long THREAD = 700_000_005L;
    private static final long USER = 700_000_010L;
    private static final long MESSAGE = 700_000_020L;

    @TempDir
    Path temp;

    @Test
    void readmeSnippets_runAgainstANodeAndAreQuotedVerbatim() throws IOException {
        Entities entities = new Entities(31);
        TestNodes nodes = new TestNodes(TestPostgres.get().createDatabase());
        try (CacheNode node = CacheNode.start(nodes.settings(temp))) {
            String cluster = node.settings().clusterName();
            String address = node.settings().members().get(0);
            try (DiscordCache cache = DiscordCache.connect(TestClients.config(node))) {
                Guild guild = entities.guild(GUILD, List.of(ROLE), 1);
                List<User> users = List.of(entities.user(USER, 1), entities.user(USER + 1, 1));
                List<Member> members = users.stream()
                        .map(user -> entities.member(GUILD, user.id(), List.of(), 1)).toList();
                List<Channel> channels = List.of(entities.channel(CHANNEL, GUILD, null, 1),
                        entities.channel(PARENT, GUILD, null, 1));
                List<ThreadChannel> threads = List.of(entities.thread(THREAD, GUILD, PARENT, 1));
                Member before = ReadmeExamples.writeFromAGateway(cache, GUILD, USER, ROLE, CHANNEL + 100, guild,
                        users, members, List.of(entities.presence(GUILD, USER, 1)), channels, threads);
                assertEquals(members.get(0).withVersion(before.version()), before, "the member before the update");
                Member updated = cache.member(GUILD, USER);
                assertEquals("new nick", updated.nick());
                assertEquals(List.of(ROLE), updated.roles().stream().boxed().toList());
                Message message = entities.message(MESSAGE, CHANNEL, GUILD, USER, 1);
                cache.upsert(CacheMap.MESSAGES, message);
            }

            ReadmeExamples.Read read = ReadmeExamples.readFromABot(cluster, address, GUILD, USER, ROLE, CHANNEL,
                    PARENT, MESSAGE);
            assertEquals("new nick", read.member().nick());
            assertTrue(read.role().isPresent(), "the guild's role");
            assertEquals(2, read.members().size());
            assertEquals(2, read.channels().size());
            assertEquals(List.of(THREAD), read.threads().stream().map(ThreadChannel::id).toList());
            assertEquals(List.of(MESSAGE), read.latest().stream().map(Message::id).toList());
            assertEquals(2, read.count().cached());

            ShardSession session = ReadmeExamples.ingestGatewayEvents(cluster, address, """
                    {"op":0,"s":1,"t":"READY","d":{"v":10,"user":{"id":"%d","username":"bot","discriminator":"0",
                    "bot":true},"guilds":[],"session_id":"readme-session","resume_gateway_url":"wss://resume",
                    "shard":[3,16]}}""".formatted(USER + 5));
            assertNotNull(session, "READY stored the shard's session");
            assertEquals("readme-session", session.sessionId());
        }

        String readme = Files.readString(readmePath());
        Map<String, String> regions = regions(Files.readAllLines(Path.of("src", "test", "java", "discordcache",
                "examples", "ReadmeExamples.java")));
        assertEquals(List.of("reading", "writing", "ingesting"), new ArrayList<>(regions.keySet()));
        regions.forEach((name, code) -> assertTrue(readme.contains("```java\n" + code + "```"),
                "the README quotes the '" + name + "' example as it is in ReadmeExamples:\n" + code));
        assertFalse(readme.contains("discord-model.md"), "the README points only into the repository");
    }

    /** The code between each {@code // readme:start NAME} and {@code // readme:end}, without its indentation. */
    private static Map<String, String> regions(List<String> lines) {
        Map<String, String> regions = new LinkedHashMap<>();
        String name = null;
        List<String> region = new ArrayList<>();
        for (String line : lines) {
            String trimmed = line.strip();
            if (trimmed.startsWith("// readme:start ")) {
                name = trimmed.substring("// readme:start ".length());
                region.clear();
            } else if (trimmed.equals("// readme:end")) {
                int indent = region.stream().filter(l -> !l.isBlank())
                        .mapToInt(l -> l.length() - l.stripLeading().length()).min().orElse(0);
                StringBuilder code = new StringBuilder();
                region.forEach(l -> code.append(l.isBlank() ? "" : l.substring(indent)).append('\n'));
                // A region that opens a block ends inside it: the README closes it.
                long open = code.chars().filter(c -> c == '{').count() - code.chars().filter(c -> c == '}').count();
                code.append("}\n".repeat((int) Math.max(0, open)));
                regions.put(name, code.toString());
                name = null;
            } else if (name != null) {
                region.add(line);
            }
        }
        return regions;
    }

    private static Path readmePath() {
        Path path = Path.of("..", "README.md");
        assertTrue(Files.exists(path), "the README at " + path.toAbsolutePath());
        return path;
    }
}
