package discordcache.ingest;

import discordcache.client.DiscordCache;
import discordcache.model.Channel;
import discordcache.model.Member;
import discordcache.model.Message;
import discordcache.model.Presence;
import discordcache.model.ShardSession;
import discordcache.model.ThreadChannel;
import discordcache.model.UnavailableGuild;
import discordcache.node.CacheNode;
import discordcache.node.config.NodeSettings;
import discordcache.testing.Db;
import discordcache.testing.TestNodes;
import discordcache.testing.TestPostgres;
import discordcache.testing.TestClients;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;

import static discordcache.ingest.GatewayJson.channel;
import static discordcache.ingest.GatewayJson.dispatch;
import static discordcache.ingest.GatewayJson.guildCreate;
import static discordcache.ingest.GatewayJson.member;
import static discordcache.ingest.GatewayJson.presence;
import static discordcache.ingest.GatewayJson.ready;
import static discordcache.ingest.GatewayJson.thread;
import static discordcache.ingest.GatewayJson.user;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A recorded gateway session end to end: READY, the guilds' GUILD_CREATEs, updates, an outage of one guild and
 * its recovery; then a new session (a gateway restart) whose READY no longer lists a guild the bot left meanwhile
 * and whose GUILD_CREATEs omit some channels, threads, members and presences. The sweep removes exactly those, in
 * the cache and in PostgreSQL.
 */
class RecordedSessionTest {
    private static final long BOT = 1;
    private static final long G1 = 81_000_000_000_000_001L;
    private static final long G2 = 81_000_000_000_000_002L;
    private static final long G3 = 81_000_000_000_000_003L;

    @TempDir
    Path temp;

    private long sequence;

    @Test
    void aNewSessionSweepsWhatItsGuildCreatesNoLongerSend() throws Exception {
        String jdbcUrl = TestPostgres.get().createDatabase();
        NodeSettings settings = new TestNodes(jdbcUrl).settings(temp);
        try (CacheNode node = CacheNode.start(settings);
             DiscordCache cache = DiscordCache.connect(TestClients.config(node))) {
            GatewayIngester gateway = GatewayIngester.create(cache);

            // Session 1.
            send(gateway, "READY", ready("session-1", BOT, G1, G2, G3));
            assertEquals(List.of(G1, G2, G3), cache.unavailableGuilds().stream().map(UnavailableGuild::id).toList());
            send(gateway, "GUILD_CREATE", guildCreate(G1, "one", 3, false,
                    List.of(member(10, "ten"), member(11, "eleven"), member(12, "twelve")),
                    List.of(channel(100, "general", 0), channel(101, "random", 1), channel(102, "old", 2)),
                    List.of(thread(200, 100, "a thread")),
                    List.of(presence(10, "online"), presence(11, "idle"))));
            send(gateway, "GUILD_CREATE", guildCreate(G2, "two", 2, false,
                    List.of(member(20, "twenty"), member(21, "twenty-one")), List.of(channel(110, "lobby", 0)),
                    List.of(), List.of()));
            send(gateway, "GUILD_CREATE", guildCreate(G3, "three", 1, false, List.of(member(30, "thirty")),
                    List.of(channel(120, "chat", 0)), List.of(), List.of(presence(30, "dnd"))));
            assertEquals(List.of(), cache.unavailableGuilds());
            assertEquals(List.of(10L, 11L, 12L), userIds(cache.members(G1)));
            assertEquals(G1, cache.channel(100).guildId(), "GUILD_CREATE's channels get their guild id");

            send(gateway, "MESSAGE_CREATE", message(300, 100, G1, 10, "hello"));
            send(gateway, "MESSAGE_CREATE", message(301, 102, G1, 11, "in the old channel"));
            send(gateway, "GUILD_MEMBER_ADD", "{\"guild_id\":\"" + G1 + "\"," + member(13, "thirteen").substring(1));
            send(gateway, "CHANNEL_UPDATE", "{\"guild_id\":\"" + G1 + "\"," + channel(101, "renamed", 1).substring(1));
            assertEquals(4, cache.guild(G1).memberCount());
            assertEquals("renamed", cache.channel(101).name());

            // An outage of guild 2, and its recovery: the data stays meanwhile.
            send(gateway, "GUILD_DELETE", "{\"id\":\"" + G2 + "\",\"unavailable\":true}");
            assertEquals(List.of(G2), cache.unavailableGuilds().stream().map(UnavailableGuild::id).toList());
            assertEquals(List.of(20L, 21L), userIds(cache.members(G2)));
            assertNotNull(cache.guild(G2));
            send(gateway, "GUILD_CREATE", guildCreate(G2, "two", 2, false,
                    List.of(member(20, "twenty"), member(21, "twenty-one")), List.of(channel(110, "lobby", 0)),
                    List.of(), List.of()));
            assertEquals(List.of(), cache.unavailableGuilds());
            long lastOfSession1 = sequence;
            awaitSequence(cache, "session-1", lastOfSession1);

            // Session 2: the gateway identified again. The bot left guild 3 while it was away; guild 1 lost a
            // channel, a thread, a member and a presence, which its new GUILD_CREATE does not send.
            GatewayIngester restarted = GatewayIngester.create(cache);
            sequence = 0;
            send(restarted, "READY", ready("session-2", BOT, G1, G2));
            assertNull(cache.guild(G3));
            assertEquals(List.of(), cache.members(G3));
            assertEquals(List.of(), cache.channels(G3));
            assertEquals(List.of(), cache.presences(G3));
            assertEquals(List.of(G1, G2), cache.unavailableGuilds().stream().map(UnavailableGuild::id).toList());
            assertEquals(List.of(10L, 11L, 12L, 13L), userIds(cache.members(G1)), "kept until GUILD_CREATE");

            send(restarted, "GUILD_CREATE", guildCreate(G1, "one", 3, false,
                    List.of(member(10, "ten"), member(11, "eleven"), member(13, "thirteen")),
                    List.of(channel(100, "general", 0), channel(101, "renamed", 1)), List.of(),
                    List.of(presence(10, "online"))));
            send(restarted, "GUILD_CREATE", guildCreate(G2, "two", 2, false,
                    List.of(member(20, "twenty"), member(21, "twenty-one")), List.of(channel(110, "lobby", 0)),
                    List.of(), List.of()));

            assertEquals(List.of(), cache.unavailableGuilds());
            assertEquals(List.of(10L, 11L, 13L), userIds(cache.members(G1)));
            assertEquals(List.of(100L, 101L), cache.channels(G1).stream().map(Channel::id).toList());
            assertEquals(List.of(), cache.threads(G1));
            assertNull(cache.thread(200));
            assertEquals(List.of(10L), cache.presences(G1).stream().map(Presence::userId).toList());
            assertEquals(List.of(300L), cache.newestMessages(100, 10).stream().map(Message::id).toList());
            assertEquals(List.of(), cache.newestMessages(102, 10), "the removed channel's messages are gone");
            assertEquals(List.of(20L, 21L), userIds(cache.members(G2)));
            assertNotNull(cache.user(12), "users are global: a member leaving a guild keeps the user");
            awaitSequence(cache, "session-2", sequence);

            node.flush();
            try (Connection db = Db.connect(jdbcUrl)) {
                assertEquals(3, count(db, "SELECT count(*) FROM members WHERE guild_id = ?", G1));
                assertEquals(2, count(db, "SELECT count(*) FROM channels WHERE guild_id = ?", G1));
                assertEquals(0, count(db, "SELECT count(*) FROM threads WHERE guild_id = ?", G1));
                assertEquals(1, count(db, "SELECT count(*) FROM presences WHERE guild_id = ?", G1));
                assertEquals(0, count(db, "SELECT count(*) FROM messages WHERE channel_id = ?", 102));
                assertEquals(1, count(db, "SELECT count(*) FROM messages WHERE channel_id = ?", 100));
                assertEquals(0, count(db, "SELECT count(*) FROM guilds WHERE id = ?", G3));
                assertEquals(0, count(db, "SELECT count(*) FROM members WHERE guild_id = ?", G3));
                assertEquals(0, count(db, "SELECT count(*) FROM channels WHERE guild_id = ?", G3));
                assertEquals(0, count(db, "SELECT count(*) FROM presences WHERE guild_id = ?", G3));
                assertEquals(0, count(db, "SELECT count(*) FROM unavailable_guilds WHERE id > ?", 0));
                assertEquals(1, count(db, "SELECT count(*) FROM shard_sessions WHERE session_id = 'session-2' "
                        + "AND last_sequence = ?", sequence));
            }
        }
    }

    private void send(GatewayIngester gateway, String event, String data) {
        IngestResult result = gateway.ingest(dispatch(event, ++sequence, data), 0, 1);
        assertEquals(event, result.event());
        assertTrue(!result.ignored(), event + " is applied");
    }

    private static String message(long id, long channelId, long guildId, long authorId, String content) {
        return "{\"id\":\"" + id + "\",\"channel_id\":\"" + channelId + "\",\"guild_id\":\"" + guildId + "\","
                + "\"author\":" + user(authorId, "author" + authorId) + ",\"member\":{\"roles\":[],"
                + "\"joined_at\":\"2024-01-02T03:04:05+00:00\",\"deaf\":false,\"mute\":false,\"flags\":0},"
                + "\"content\":\"" + content + "\",\"timestamp\":\"2024-05-06T07:08:09.101112+00:00\","
                + "\"edited_timestamp\":null,\"tts\":false,\"mention_everyone\":false,\"mentions\":[],"
                + "\"mention_roles\":[],\"attachments\":[],\"embeds\":[],\"pinned\":false,\"type\":0}";
    }

    private static List<Long> userIds(List<Member> members) {
        return members.stream().map(Member::userId).toList();
    }

    private static void awaitSequence(DiscordCache cache, String sessionId, long sequence)
            throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        ShardSession session = cache.gateway().shardSession(0);
        while (System.nanoTime() < deadline && (session == null || !session.sessionId().equals(sessionId)
                || session.lastSequence() != sequence)) {
            Thread.sleep(20);
            session = cache.gateway().shardSession(0);
        }
        assertNotNull(session);
        assertEquals(sessionId, session.sessionId());
        assertEquals(sequence, session.lastSequence());
        assertEquals("wss://gateway-resume.discord.gg", session.resumeUrl());
    }

    private static long count(Connection db, String sql, long parameter) throws Exception {
        try (PreparedStatement statement = db.prepareStatement(sql)) {
            statement.setLong(1, parameter);
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
