package discordcache.client;

import discordcache.model.CacheMap;
import discordcache.model.Channel;
import discordcache.node.CacheNode;
import discordcache.node.config.NodeSettings;
import discordcache.testing.Db;
import discordcache.testing.Entities;
import discordcache.testing.TestClients;
import discordcache.testing.TestNodes;
import discordcache.testing.TestPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The guild index has no table: after a full restart it is rebuilt from PostgreSQL, also when a client wrote a
 * channel while the node was still loading (clients connect as soon as the member is up, and that write put an
 * entry into the index before the rebuild ran).
 */
class GuildIndexRestartTest {
    private static final long OLD_GUILD = 700_000_001L;
    private static final long NEW_GUILD = 700_000_002L;

    @TempDir
    Path temp;

    @Test
    void theIndexIsRebuiltWhenAClientWritesAChannelDuringTheLoad() throws Exception {
        String jdbcUrl = TestPostgres.get().createDatabase();
        NodeSettings settings = new TestNodes(jdbcUrl).settings(temp);
        Entities entities = new Entities(31);
        List<Long> oldChannels = new ArrayList<>();
        try (CacheNode node = CacheNode.start(settings);
             DiscordCache cache = DiscordCache.connect(TestClients.config(node))) {
            List<Channel> channels = new ArrayList<>();
            for (long id = 800_000_001L; id <= 800_000_010L; id++) {
                channels.add(entities.channel(id, OLD_GUILD, null, 0));
                oldChannels.add(id);
            }
            cache.upsertAll(CacheMap.CHANNELS, channels);
        }
        // Members enough that the next start loads for a few seconds, while the client below writes.
        Db.execute(jdbcUrl, "INSERT INTO members (guild_id, user_id, roles, version) "
                + "SELECT 424242, user_id, '{1,2,3}', 1 FROM generate_series(1, 400000) AS user_id");

        CompletableFuture<CacheNode> restarting = CompletableFuture.supplyAsync(() -> CacheNode.start(settings));
        DiscordCacheConfig config = DiscordCacheConfig.builder()
                .clusterName(settings.clusterName())
                .addresses(settings.members().toArray(String[]::new))
                .connectTimeout(Duration.ofSeconds(60))
                .build();
        try (DiscordCache cache = DiscordCache.connect(config)) {
            // The write adds the guild's index entry first (the index has no loader, so it does not wait).
            boolean writingDuringTheLoad = !restarting.isDone();
            cache.upsert(CacheMap.CHANNELS, entities.channel(800_000_100L, NEW_GUILD, null, 0));
            try (CacheNode node = restarting.join()) {
                assertTrue(writingDuringTheLoad, "the client's write should start while the node loads");
                assertEquals(oldChannels, cache.channels(OLD_GUILD).stream().map(Channel::id).toList(),
                        "the channels of a guild no client wrote since the restart");
                assertEquals(List.of(800_000_100L), cache.channels(NEW_GUILD).stream().map(Channel::id).toList());
            }
        }
    }
}
