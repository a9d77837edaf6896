package discordcache.query;

import com.hazelcast.config.Config;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import com.hazelcast.partition.PartitionService;
import discordcache.CacheSerialization;
import discordcache.model.MemberKey;
import discordcache.model.MessageKey;
import discordcache.model.PresenceKey;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * {@link InScope} finds exactly one scope's entries in a partition that also holds other scopes' entries, for each
 * kind of scoped key, on a real member (the predicate reads keys as the partition scan hands them over).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class InScopeTest {
    private HazelcastInstance member;

    @BeforeAll
    void start() {
        Config config = new Config().setClusterName("in-scope-" + UUID.randomUUID());
        config.setProperty("hazelcast.phone.home.enabled", "false");
        config.getNetworkConfig().setPort(18_601).getJoin().getAutoDetectionConfig().setEnabled(false);
        config.getNetworkConfig().getJoin().getMulticastConfig().setEnabled(false);
        CacheSerialization.register(config.getSerializationConfig());
        member = Hazelcast.newHazelcastInstance(config);
    }

    @AfterAll
    void stop() {
        member.shutdown();
    }

    @Test
    void matchesOneGuildsMembersAmongOtherGuildsOfItsPartition() {
        IMap<MemberKey, String> map = member.getMap("in-scope-members");
        long guild = 81_000_000_000_000_000L;
        long neighbour = scopeInSamePartition(guild);
        Set<MemberKey> expected = new HashSet<>();
        for (long user = 1; user <= 300; user++) {
            MemberKey mine = new MemberKey(guild, user);
            map.set(mine, "m");
            expected.add(mine);
            map.set(new MemberKey(neighbour, user), "n");
            // The guild id used as a user id of the neighbour: the scope is the first snowflake only.
            map.set(new MemberKey(neighbour, guild), "n");
        }
        assertEquals(expected, map.keySet(InScope.partitionOf(guild)));
        assertEquals(301, map.keySet(InScope.partitionOf(neighbour)).size());
        assertEquals(Set.of(), map.keySet(InScope.partitionOf(guild + 1)));
    }

    @Test
    void matchesPresencesAndMessagesByTheirOwnScope() {
        IMap<PresenceKey, String> presences = member.getMap("in-scope-presences");
        IMap<MessageKey, String> messages = member.getMap("in-scope-messages");
        long scope = 82_000_000_000_000_000L;
        long neighbour = scopeInSamePartition(scope);
        presences.set(new PresenceKey(scope, 7), "p");
        presences.set(new PresenceKey(neighbour, 7), "p");
        messages.set(new MessageKey(scope, 8), "m");
        messages.set(new MessageKey(scope, 9), "m");
        messages.set(new MessageKey(neighbour, 8), "m");
        assertEquals(Set.of(new PresenceKey(scope, 7)), presences.keySet(InScope.partitionOf(scope)));
        assertEquals(Set.of(new MessageKey(scope, 8), new MessageKey(scope, 9)),
                messages.keySet(InScope.partitionOf(scope)));
    }

    @Test
    void refusesKeysWithoutAScope() {
        IMap<Long, String> map = member.getMap("in-scope-plain");
        map.set(5L, "x");
        assertThrows(IllegalArgumentException.class, () -> map.keySet(new InScope<>(5)));
    }

    /** Another scope whose keys live in the same partition as {@code scope}'s. */
    private long scopeInSamePartition(long scope) {
        PartitionService partitions = member.getPartitionService();
        int partition = partitions.getPartition(Long.toString(scope)).getPartitionId();
        for (long other = scope + 1; ; other++) {
            if (partitions.getPartition(Long.toString(other)).getPartitionId() == partition) {
                return other;
            }
        }
    }
}
