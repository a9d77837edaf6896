package discordcache.node;

import com.hazelcast.cluster.Member;
import com.hazelcast.partition.PartitionService;
import discordcache.client.DiscordCache;
import discordcache.client.GuildPayload;
import discordcache.model.User;
import discordcache.testing.Await;
import discordcache.testing.Entities;
import discordcache.testing.TestClients;
import discordcache.testing.TestNodes;
import discordcache.testing.TestPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A member crashes with no backup of its partitions (backup count 0): their entries are gone from memory, though
 * PostgreSQL holds them. A user of a lost partition must read back (Hazelcast streams the lost partitions' keys
 * again, and the loaders stop answering misses from memory), and the guild index must be rebuilt, or the guild reads
 * as empty. The guild's write spans both members, so its comparisons cross the network too.
 */
class PartitionLostTest {
    private static final int MEMBERS = 200;

    @TempDir
    Path temp;

    @Test
    void aLostPartitionIsReadBackFromPostgres() throws Exception {
        TestNodes nodes = new TestNodes(TestPostgres.get().createDatabase());
        List<CacheNode> cluster = nodes.startTwo(temp, Map.of("DCACHE_BACKUP_COUNT", "0"));
        CacheNode victim = cluster.get(0);
        CacheNode survivor = cluster.get(1);
        try (DiscordCache cache = DiscordCache.connect(TestClients.config(survivor))) {
            Entities entities = new Entities(5);
            long guildId = ownedBy(victim, 1_000_000_000_000L);
            long userId = ownedBy(victim, 2_000_000_000_000L);
            List<User> users = LongStream.range(0, MEMBERS).mapToObj(i -> entities.user(userId + i * 271, 1))
                    .toList();
            cache.gateway().writeGuild(GuildPayload.builder(guildId)
                    .guild(entities.guild(guildId, List.of(guildId + 2), 1)).users(users)
                    .members(users.stream().map(user -> entities.member(guildId, user.id(), List.of(), 1)).toList())
                    .channels(List.of(entities.channel(guildId + 1, guildId, null, 1)))
                    .wholeState(true).wholeMemberList(true).build());
            assertEquals(MEMBERS, cache.members(guildId).size());
            survivor.flush();
            victim.flush();

            victim.hazelcast().getLifecycleService().terminate();
            victim.close();

            // Hazelcast reports the loss moments after the member left; until then a miss may read as absent.
            Await.until(Duration.ofSeconds(60), "a user of a lost partition, read back from PostgreSQL",
                    () -> cache.user(userId) != null);
            Await.until(Duration.ofSeconds(60), "the guild's members listed again",
                    () -> cache.members(guildId).size() == MEMBERS);
            int listed = cache.members(guildId).size();
            assertEquals(MEMBERS, listed, "members of a guild whose partition was lost, once the index is rebuilt");
            assertEquals(1, cache.channels(guildId).size(), "the guild's channels");
        } finally {
            victim.close();
            survivor.close();
        }
    }

    /** The first id from {@code from} whose partition (keyed by the id's decimal string) the node owns. */
    private static long ownedBy(CacheNode node, long from) {
        PartitionService partitions = node.hazelcast().getPartitionService();
        Member local = node.hazelcast().getCluster().getLocalMember();
        long id = from;
        while (!local.equals(partitions.getPartition(Long.toString(id)).getOwner())
                || !local.equals(partitions.getPartition(id).getOwner())) {
            id++;
        }
        return id;
    }
}
