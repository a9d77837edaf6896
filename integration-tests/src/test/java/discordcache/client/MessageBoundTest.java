package discordcache.client;

import com.hazelcast.map.IMap;
import discordcache.model.CacheMap;
import discordcache.model.Message;
import discordcache.model.MessageKey;
import discordcache.node.CacheNode;
import discordcache.testing.Db;
import discordcache.testing.Entities;
import discordcache.testing.TestClients;
import discordcache.testing.TestNodes;
import discordcache.testing.TestPostgres;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A channel keeps its newest messages in memory up to the per-channel bound, however busy it is and whatever shares
 * its partition: 2,000 messages to one channel leave its newest 100 in memory and all of them in PostgreSQL, where
 * its newest-messages query still finds the older ones. With messages kept in memory alone, the channel is a ring of
 * its newest 100.
 */
class MessageBoundTest {
    private static final long GUILD = 5_000_000_001L;
    private static final long BUSY = 5_000_000_002L;
    private static final long QUIET = 5_000_000_003L;

    @TempDir
    Path temp;

    @ParameterizedTest(name = "messages persisted: {0}")
    @ValueSource(booleans = {true, false})
    void aBusyChannelKeepsItsNewestMessagesInMemory(boolean persisted) throws Exception {
        String jdbcUrl = TestPostgres.get().createDatabase();
        TestNodes nodes = new TestNodes(jdbcUrl);
        try (CacheNode node = CacheNode.start(nodes.settings(temp, Map.of("DCACHE_MESSAGES_PER_CHANNEL", "100",
                "DCACHE_MESSAGES_PERSIST", Boolean.toString(persisted))));
             DiscordCache cache = DiscordCache.connect(TestClients.config(node))) {
            Entities entities = new Entities(3);
            for (long id = 1; id <= 2_000; id++) {
                cache.upsert(CacheMap.MESSAGES, entities.message(id, BUSY, GUILD, 7, 0));
            }
            // A bulk write of a channel is bounded too.
            cache.upsertAll(CacheMap.MESSAGES, LongStream.rangeClosed(1, 150)
                    .mapToObj(id -> entities.message(id, QUIET, GUILD, 7, 0)).toList());
            node.flush();

            IMap<MessageKey, Message> messages = node.hazelcast().getMap(CacheMap.MESSAGES.name());
            assertEquals(LongStream.rangeClosed(1_901, 2_000).boxed().toList(), inMemory(messages, BUSY),
                    "the busy channel's messages in memory");
            assertEquals(LongStream.rangeClosed(51, 150).boxed().toList(), inMemory(messages, QUIET),
                    "the other channel's messages in memory");

            long oldestListed = persisted ? 1_001 : 1_901;
            assertEquals(LongStream.rangeClosed(oldestListed, 2_000).map(id -> oldestListed + 2_000 - id).boxed()
                            .toList(), cache.newestMessages(BUSY, 1_000).stream().map(Message::id).toList(),
                    "the busy channel's newest messages, newest first");
            assertEquals(persisted ? 2_000 : 0, rowsOf(jdbcUrl, BUSY), "the busy channel's rows in PostgreSQL");
            assertEquals(persisted ? 150 : 0, rowsOf(jdbcUrl, QUIET), "the other channel's rows in PostgreSQL");
        }
    }

    private static List<Long> inMemory(IMap<MessageKey, Message> messages, long channelId) {
        return messages.keySet().stream().filter(key -> key.channelId() == channelId).map(MessageKey::messageId)
                .sorted().toList();
    }

    private static long rowsOf(String jdbcUrl, long channelId) throws Exception {
        try (Connection db = Db.connect(jdbcUrl);
             PreparedStatement count = db.prepareStatement("SELECT count(*) FROM messages WHERE channel_id = ?")) {
            count.setLong(1, channelId);
            try (ResultSet rows = count.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }
}
