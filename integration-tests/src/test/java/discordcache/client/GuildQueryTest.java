package discordcache.client;

import discordcache.model.CacheMap;
import discordcache.model.Channel;
import discordcache.model.Guild;
import discordcache.model.Member;
import discordcache.model.MemberKey;
import discordcache.model.Message;
import discordcache.model.MessageKey;
import discordcache.model.Presence;
import discordcache.model.PresenceKey;
import discordcache.model.ThreadChannel;
import discordcache.model.UnavailableGuild;
import discordcache.model.Versioned;
import discordcache.node.CacheNode;
import discordcache.testing.Db;
import discordcache.testing.Entities;
import discordcache.testing.TestClients;
import discordcache.testing.TestNodes;
import discordcache.testing.TestPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.function.Predicate;
import java.util.function.ToLongFunction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every guild- and channel-scoped query answers what a brute-force filter over everything the test wrote
 * answers: on a two-member cluster that holds everything in memory, with writes still waiting for write-behind,
 * and on a node whose maps keep almost nothing in memory, so that the answers come from PostgreSQL.
 */
class GuildQueryTest {
    private static final long GUILD_A = 1_000_000_001L;
    private static final long GUILD_B = 1_000_000_002L;
    private static final long GUILD_EMPTY = 1_000_000_003L;

    @TempDir
    Path temp;

    /** What the test wrote, by map, without versions (the cache stamps its own). */
    private final Map<MemberKey, Member> members = new HashMap<>();
    private final Map<PresenceKey, Presence> presences = new HashMap<>();
    private final Map<Long, Channel> channels = new HashMap<>();
    private final Map<Long, ThreadChannel> threads = new HashMap<>();
    private final Map<MessageKey, Message> messages = new HashMap<>();
    private final Map<Long, UnavailableGuild> unavailable = new HashMap<>();
    private final Map<Long, Guild> guilds = new HashMap<>();
    private final Entities entities = new Entities(11);
    private final Random random = new Random(12);

    @Test
    void queriesMatchBruteForceOnATwoMemberClusterBeforeAndAfterWriteBehind() {
        TestNodes nodes = new TestNodes(TestPostgres.get().createDatabase());
        try (CacheNode first = CacheNode.start(nodes.settings(temp.resolve("a")));
             CacheNode second = CacheNode.start(nodes.settings(temp.resolve("b")));
             DiscordCache cache = DiscordCache.connect(TestClients.config(first))) {
            writeDataset(cache);
            changeSome(cache, true);
            assertQueriesMatch(cache);
            first.flush();
            second.flush();
            assertQueriesMatch(cache);
        }
    }

    @Test
    void queriesMatchBruteForceWhenTheMapsKeepAlmostNothingInMemory() throws Exception {
        String jdbcUrl = TestPostgres.get().createDatabase();
        TestNodes nodes = new TestNodes(jdbcUrl);
        // 271 entries per node is about one per partition: nearly every entry of a guild or a channel is evicted.
        Map<String, String> bounded = Map.of("DCACHE_MEMBERS_MAX_PER_NODE", "271",
                "DCACHE_PRESENCES_MAX_PER_NODE", "271", "DCACHE_CHANNELS_MAX_PER_NODE", "271",
                "DCACHE_THREADS_MAX_PER_NODE", "271", "DCACHE_MESSAGES_MAX_PER_NODE", "271");
        try (CacheNode node = CacheNode.start(nodes.settings(temp.resolve("a"), bounded));
             DiscordCache cache = DiscordCache.connect(TestClients.config(node))) {
            writeDataset(cache);
            node.flush();
            assertTrue(node.hazelcast().getMap(CacheMap.MEMBERS.name()).size() < members.size() / 2,
                    "the members map should have evicted most members");
            // Updates and deletes now wait for write-behind: PostgreSQL still has the old rows and the deleted ones.
            // (New entries are left out here: one evicted before write-behind stored it is visible to reads by key
            // but not to queries until it is stored; see the README.)
            changeSome(cache, false);
            assertQueriesMatch(cache);
            node.flush();
            assertQueriesMatch(cache);

            // A deleted role leaves every member of its guild, also those that were only in PostgreSQL.
            cache.gateway().stripRoleAsync(GUILD_A, 6L).toCompletableFuture().join();
            members.replaceAll((key, member) -> member.guildId() != GUILD_A ? member
                    : new Member(member.guildId(), member.userId(), member.nick(), member.avatar(), member.banner(),
                    member.roles().without(6L), member.joinedAt(), member.premiumSince(), member.deaf(),
                    member.mute(), member.pending(), member.flags(), member.communicationDisabledUntil(), 0));
            assertQueriesMatch(cache);
            node.flush();
            try (Connection db = Db.connect(jdbcUrl)) {
                assertEquals(0, countMembersWithRole(db, GUILD_A, 6L), "guild A rows still listing the role");
                assertEquals(members.values().stream()
                                .filter(member -> member.guildId() == GUILD_B && member.roles().contains(6L)).count(),
                        countMembersWithRole(db, GUILD_B, 6L), "guild B keeps its role 6");
            }
        }
    }

    private static long countMembersWithRole(Connection db, long guildId, long roleId) throws SQLException {
        try (PreparedStatement count = db.prepareStatement(
                "SELECT count(*) FROM members WHERE guild_id = ? AND ? = ANY (roles)")) {
            count.setLong(1, guildId);
            count.setLong(2, roleId);
            try (ResultSet rows = count.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    private void writeDataset(DiscordCache cache) {
        List<Long> roles = List.of(GUILD_A, 5L, 6L, 7L);
        for (long guildId : List.of(GUILD_A, GUILD_B, GUILD_EMPTY)) {
            Guild guild = entities.guild(guildId, roles, 0);
            guilds.put(guildId, guild);
        }
        List<Member> newMembers = new ArrayList<>();
        List<Presence> newPresences = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            long guildId = i < 220 ? GUILD_A : GUILD_B;
            long userId = 10_000 + i % 250;
            Member member = entities.member(guildId, userId, roles, 0);
            newMembers.add(member);
            if (i % 3 == 0) {
                newPresences.add(entities.presence(guildId, userId, 0));
            }
        }
        // A guild whose count says 220 members, all cached (A), and one with more than are cached (B).
        guilds.put(GUILD_A, withMemberCount(guilds.get(GUILD_A), 220));
        guilds.put(GUILD_B, withMemberCount(guilds.get(GUILD_B), 500));
        guilds.put(GUILD_EMPTY, withMemberCount(guilds.get(GUILD_EMPTY), 0));
        List<Channel> newChannels = new ArrayList<>();
        List<ThreadChannel> newThreads = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            long guildId = i % 2 == 0 ? GUILD_A : GUILD_B;
            newChannels.add(entities.channel(2_000_000_000L + i, guildId, null, 0));
        }
        // A DM channel, in no guild, and a channel whose id is also a guild's id.
        newChannels.add(new Channel(2_100_000_000L, null, 1, null, 0, null, null, false, null, 0, 0, 0, 0, null,
                null, 0));
        newChannels.add(entities.channel(GUILD_EMPTY, GUILD_B, null, 0));
        for (int i = 0; i < 20; i++) {
            long parent = 2_000_000_000L + (i % 4);
            long guildId = i % 4 % 2 == 0 ? GUILD_A : GUILD_B;
            newThreads.add(entities.thread(3_000_000_000L + i, guildId, parent, 0));
        }
        List<Message> newMessages = new ArrayList<>();
        for (int i = 0; i < 260; i++) {
            long channelId = 2_000_000_000L + (i < 200 ? 0 : 1);
            long guildId = i < 200 ? GUILD_A : GUILD_B;
            newMessages.add(entities.message(4_000_000_000L + i * 7L + random.nextInt(5), channelId, guildId,
                    10_000 + i % 50, 0));
        }
        cache.upsertAll(CacheMap.GUILDS, guilds.values());
        upsertAllRemembered(cache, CacheMap.MEMBERS, newMembers, members);
        upsertAllRemembered(cache, CacheMap.PRESENCES, newPresences, presences);
        upsertAllRemembered(cache, CacheMap.CHANNELS, newChannels, channels);
        upsertAllRemembered(cache, CacheMap.THREADS, newThreads, threads);
        upsertAllRemembered(cache, CacheMap.MESSAGES, newMessages, messages);
        upsertAllRemembered(cache, CacheMap.UNAVAILABLE_GUILDS,
                List.of(new UnavailableGuild(7L, 0), new UnavailableGuild(GUILD_B, 0)), unavailable);
    }

    /** Deletes and updates a sample of every map, one entity at a time, and adds new ones if asked. */
    private void changeSome(DiscordCache cache, boolean addNew) {
        List<MemberKey> memberKeys = new ArrayList<>(members.keySet());
        memberKeys.sort(Comparator.comparingLong(MemberKey::userId).thenComparingLong(MemberKey::guildId));
        for (int i = 0; i < memberKeys.size(); i += 9) {
            deleteRemembered(cache, CacheMap.MEMBERS, memberKeys.get(i), members);
        }
        for (int i = 4; i < memberKeys.size(); i += 9) {
            Member old = members.get(memberKeys.get(i));
            upsertRemembered(cache, CacheMap.MEMBERS, new Member(old.guildId(), old.userId(), "renamed", null, null,
                    old.roles(), old.joinedAt(), null, true, false, false, 0, null, 0), members);
        }
        presences.keySet().stream().filter(key -> key.userId() % 4 == 0).toList()
                .forEach(key -> deleteRemembered(cache, CacheMap.PRESENCES, key, presences));
        deleteRemembered(cache, CacheMap.CHANNELS, 2_000_000_003L, channels);
        deleteRemembered(cache, CacheMap.THREADS, 3_000_000_005L, threads);
        deleteRemembered(cache, CacheMap.THREADS, 3_000_000_006L, threads);
        messages.keySet().stream().filter(key -> key.messageId() % 5 == 0).toList()
                .forEach(key -> deleteRemembered(cache, CacheMap.MESSAGES, key, messages));
        deleteRemembered(cache, CacheMap.UNAVAILABLE_GUILDS, 7L, unavailable);
        if (addNew) {
            upsertRemembered(cache, CacheMap.MEMBERS, entities.member(GUILD_B, 99_999, List.of(5L), 0), members);
            upsertRemembered(cache, CacheMap.CHANNELS, entities.channel(2_200_000_000L, GUILD_A, null, 0), channels);
            upsertRemembered(cache, CacheMap.THREADS, entities.thread(3_200_000_000L, GUILD_B, 2_000_000_001L, 0),
                    threads);
            upsertRemembered(cache, CacheMap.MESSAGES, entities.message(4_900_000_000L, 2_000_000_000L, GUILD_A,
                    10_001, 0), messages);
            upsertRemembered(cache, CacheMap.UNAVAILABLE_GUILDS, new UnavailableGuild(8L, 0), unavailable);
        }
    }

    private void assertQueriesMatch(DiscordCache cache) {
        for (long guildId : List.of(GUILD_A, GUILD_B, GUILD_EMPTY, 424242L)) {
            assertEquals(expected(members, member -> member.guildId() == guildId, Member::userId),
                    unversioned(cache.members(guildId)), "members of " + guildId);
            assertEquals(expected(presences, presence -> presence.guildId() == guildId, Presence::userId),
                    unversioned(cache.presencesAsync(guildId).toCompletableFuture().join()), "presences of " + guildId);
            assertEquals(expected(channels, channel -> Objects.equals(channel.guildId(), guildId), Channel::id),
                    unversioned(cache.channels(guildId)), "channels of " + guildId);
            assertEquals(expected(threads, thread -> thread.guildId() == guildId, ThreadChannel::id),
                    unversioned(cache.threads(guildId)), "threads of " + guildId);
            for (long parent = 2_000_000_000L; parent < 2_000_000_004L; parent++) {
                long parentId = parent;
                assertEquals(expected(threads, thread -> thread.guildId() == guildId && thread.parentId() == parentId,
                        ThreadChannel::id), unversioned(cache.threads(guildId, parentId)),
                        "threads of channel " + parentId + " in guild " + guildId);
            }
            long cachedMembers = members.values().stream().filter(member -> member.guildId() == guildId).count();
            MemberCount count = cache.memberCount(guildId);
            assertEquals(cachedMembers, count.cached(), "member count of " + guildId);
            Guild guild = guilds.get(guildId);
            assertEquals(guild == null ? null : guild.memberCount(), count.reported());
            assertEquals(guild != null && cachedMembers >= guild.memberCount(), count.complete());
        }
        for (long channelId : List.of(2_000_000_000L, 2_000_000_001L, 2_000_000_002L)) {
            List<Message> newestFirst = expected(messages, message -> message.channelId() == channelId,
                    message -> -message.id());
            for (int limit : List.of(1, 10, 50, 155, 1_000)) {
                assertEquals(newestFirst.subList(0, Math.min(limit, newestFirst.size())),
                        unversioned(cache.newestMessages(channelId, limit)),
                        "newest " + limit + " messages of " + channelId);
            }
        }
        assertEquals(expected(unavailable, guild -> true, UnavailableGuild::id),
                unversioned(cache.unavailableGuilds()));
        assertFalse(cache.memberCount(GUILD_A).complete(), "members were deleted from guild A, whose count says 220");
        assertTrue(cache.memberCount(GUILD_EMPTY).complete(), "a guild of 0 members has all of them cached");
    }

    private static Guild withMemberCount(Guild g, int memberCount) {
        return new Guild(g.id(), g.name(), g.icon(), g.splash(), g.banner(), g.description(), g.ownerId(),
                g.afkChannelId(), g.afkTimeout(), g.systemChannelId(), g.rulesChannelId(),
                g.publicUpdatesChannelId(), g.verificationLevel(), g.defaultMessageNotifications(),
                g.explicitContentFilter(), g.mfaLevel(), g.nsfwLevel(), g.premiumTier(),
                g.premiumSubscriptionCount(), g.preferredLocale(), g.vanityUrlCode(), g.features(), memberCount,
                g.large(), g.joinedAt(), g.roles(), g.emojis(), g.memberListComplete(), 0);
    }

    private static <V> List<V> expected(Map<?, V> written, Predicate<V> filter,
                                        ToLongFunction<V> order) {
        return written.values().stream().filter(filter).sorted(Comparator.comparingLong(order)).toList();
    }

    private static <V extends Versioned<V>> List<V> unversioned(List<V> values) {
        values.forEach(value -> assertTrue(value.version() > 0, "the write API stamps a version: " + value));
        return values.stream().map(value -> value.withVersion(0)).toList();
    }

    private static <K, V extends Versioned<V>> void upsertAllRemembered(DiscordCache cache, CacheMap<K, V> map,
                                                                        List<V> values, Map<K, V> into) {
        cache.upsertAll(map, values);
        values.forEach(value -> into.put(map.keyOf(value), value));
    }

    private static <K, V extends Versioned<V>> void upsertRemembered(DiscordCache cache, CacheMap<K, V> map, V value,
                                                                     Map<K, V> into) {
        cache.upsert(map, value);
        into.put(map.keyOf(value), value);
    }

    private static <K, V> void deleteRemembered(DiscordCache cache, CacheMap<K, V> map, K key, Map<K, V> from) {
        cache.delete(map, key);
        from.remove(key);
    }
}
