package discordcache.node;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import com.hazelcast.query.Predicates;
import discordcache.model.CacheMap;
import discordcache.model.Channel;
import discordcache.model.Member;
import discordcache.model.MemberKey;
import discordcache.model.Message;
import discordcache.model.MessageKey;
import discordcache.model.Presence;
import discordcache.wire.onnode.GuildIndex;
import discordcache.wire.onnode.GuildIndexRead;
import discordcache.wire.onnode.GuildSliceQuery;
import discordcache.model.ThreadChannel;
import discordcache.testing.Dataset;
import discordcache.testing.Db;
import discordcache.testing.Entities;
import discordcache.testing.TestNodes;
import discordcache.testing.TestPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Everything written reaches PostgreSQL exactly, and a full cluster restart brings it back. */
class PersistenceAndRestartTest {
    @TempDir
    Path temp;

    @Test
    void everyEntityReachesPostgresAndSurvivesAFullClusterRestart() throws Exception {
        String jdbcUrl = TestPostgres.get().createDatabase();
        TestNodes nodes = new TestNodes(jdbcUrl);
        Dataset data = Dataset.generate(42, 50, 900, 20, 20);
        assertTrue(data.size() >= 100_000, "the dataset has " + data.size() + " entities");

        List<CacheNode> cluster = startCluster(nodes, "first");
        try {
            data.writeTo(cluster.get(0).hazelcast());
            cluster.forEach(CacheNode::flush);

            try (Connection db = Db.connect(jdbcUrl)) {
                for (var entry : data.byMap().entrySet()) {
                    assertEquals(entry.getValue().size(), Db.count(db, entry.getKey().name()),
                            "rows in " + entry.getKey().name());
                }
                assertEquals(0, Db.count(db, "dead_letters"));
                checkMemberColumns(db, data);
            }
            // Messages, which load lazily, evicted from memory and read back through the MapLoader. (Maps held whole in
            // memory never read a key missing from memory back: PostgreSQL holds no more; the restart below reads all
            // of their rows through the loader.)
            HazelcastInstance hz = cluster.get(0).hazelcast();
            checkReadThrough(hz.getMap(CacheMap.MESSAGES.name()), data.messages, new Random(7));
            checkRawJsonKeepsItsValue(hz, cluster);
        } finally {
            cluster.forEach(CacheNode::close);
        }

        long eagerlyLoaded = data.byMap().entrySet().stream()
                .filter(entry -> entry.getKey() != CacheMap.MESSAGES)
                .mapToLong(entry -> entry.getValue().size())
                .sum();
        List<CacheNode> restarted = startCluster(nodes, "second");
        try {
            // The initial load reads each row once: the member that streams the keys keeps the rows of its own
            // partitions for their loadAll; the other member reads its partitions' rows by key.
            long readAhead = restarted.stream().mapToLong(node -> node.stats().rowsFromReadAhead()).sum();
            long byKey = restarted.stream().mapToLong(node -> node.stats().rowsLoadedByKey()).sum();
            assertEquals(eagerlyLoaded, readAhead + byKey, "rows loaded at the start");
            assertTrue(readAhead >= eagerlyLoaded / 4, readAhead + " of " + eagerlyLoaded
                    + " rows were taken from the key streams");

            HazelcastInstance hz = restarted.get(1).hazelcast();
            for (var entry : data.byMap().entrySet()) {
                IMap<Object, Object> map = hz.getMap(entry.getKey().name());
                if (entry.getKey() != CacheMap.MESSAGES) {
                    assertEquals(entry.getValue().size(), map.size(), "entries loaded into " + map.getName());
                }
                assertEquals(entry.getValue(), map.getAll(Set.copyOf(entry.getValue().keySet())),
                        "every entry of " + map.getName() + " equals what was written");
            }
            checkQueriesByGuild(hz, data);
        } finally {
            restarted.forEach(CacheNode::close);
        }

        // With no read-ahead, the key streams read keys alone and every value is read by key: the same data.
        try (CacheNode byKeyOnly = CacheNode.start(nodes.settings(temp.resolve("third"),
                Map.of("DCACHE_LOAD_READ_AHEAD", "0")))) {
            assertEquals(0, byKeyOnly.stats().rowsFromReadAhead());
            assertEquals(eagerlyLoaded, byKeyOnly.stats().rowsLoadedByKey(), "rows read by key at the start");
            HazelcastInstance hz = byKeyOnly.hazelcast();
            for (var entry : data.byMap().entrySet()) {
                if (entry.getKey() != CacheMap.MESSAGES) {
                    IMap<Object, Object> map = hz.getMap(entry.getKey().name());
                    assertEquals(entry.getValue(), Map.copyOf(map), "every entry of " + map.getName());
                }
            }
        }
    }

    private List<CacheNode> startCluster(TestNodes nodes, String name) {
        return nodes.startTwo(temp.resolve(name), Map.of());
    }

    /**
     * Raw predicates over what was loaded, and the guild index, which the nodes rebuilt from PostgreSQL (the data
     * was written around it, straight into the maps), answer each guild's members, presences, channels and threads.
     */
    private static void checkQueriesByGuild(HazelcastInstance hz, Dataset data) throws Exception {
        IMap<MemberKey, Member> members = hz.getMap(CacheMap.MEMBERS.name());
        IMap<Long, Channel> channels = hz.getMap(CacheMap.CHANNELS.name());
        IMap<Long, ThreadChannel> threads = hz.getMap(CacheMap.THREADS.name());
        for (long guildId : new ArrayList<>(data.guilds.keySet()).subList(0, 10)) {
            Set<Member> expectedMembers = data.members.values().stream().filter(m -> m.guildId() == guildId)
                    .collect(Collectors.toSet());
            Collection<Member> onPartition = members.values(
                    Predicates.partitionPredicate(Long.toString(guildId), Predicates.equal("guildId", guildId)));
            assertEquals(expectedMembers, new HashSet<>(onPartition), "members of guild " + guildId);
            assertEquals(data.channels.values().stream().filter(c -> c.guildId() == guildId).collect(Collectors.toSet()),
                    new HashSet<>(channels.values(Predicates.equal("guildId", guildId))), "channels of " + guildId);
            assertEquals(data.threads.values().stream().filter(t -> t.guildId() == guildId).collect(Collectors.toSet()),
                    new HashSet<>(threads.values(Predicates.equal("guildId", guildId))), "threads of " + guildId);

            IMap<String, GuildIndex> index = hz.getMap(GuildIndex.MAP_NAME);
            String key = GuildIndex.key(guildId);
            assertEquals(ids(expectedMembers.stream().map(Member::userId)),
                    ids(index.executeOnKey(key, new GuildIndexRead(GuildIndex.Kind.MEMBERS))), "index of " + guildId);
            assertEquals(ids(data.presences.values().stream().filter(p -> p.guildId() == guildId)
                            .map(Presence::userId)),
                    ids(index.executeOnKey(key, new GuildIndexRead(GuildIndex.Kind.PRESENCES))), "presences");
            assertEquals(ids(data.channels.values().stream().filter(c -> c.guildId() == guildId).map(Channel::id)),
                    ids(index.executeOnKey(key, new GuildIndexRead(GuildIndex.Kind.CHANNELS))), "channels");
            assertEquals(ids(data.threads.values().stream().filter(t -> t.guildId() == guildId)
                            .map(ThreadChannel::id)),
                    ids(index.executeOnKey(key, new GuildIndexRead(GuildIndex.Kind.THREADS))), "threads");
            Object listed = hz.getExecutorService("discordcache-queries").submitToKeyOwner(
                    new GuildSliceQuery(CacheMap.MEMBERS.name(), guildId, GuildSliceQuery.Mode.VALUES), key).get();
            assertEquals(expectedMembers, new HashSet<>((Collection<?>) listed), "members() of " + guildId);
        }
    }

    private static Set<Long> ids(java.util.stream.Stream<Long> ids) {
        return ids.collect(Collectors.toSet());
    }

    private static Set<Long> ids(long[] ids) {
        return Arrays.stream(ids).boxed().collect(Collectors.toSet());
    }

    /** Raw JSON text in any rendering comes back from PostgreSQL as the same JSON value. */
    private static void checkRawJsonKeepsItsValue(HazelcastInstance hz, List<CacheNode> cluster) throws Exception {
        IMap<MessageKey, Message> messages = hz.getMap(CacheMap.MESSAGES.name());
        Message written = new Entities(1).message(99, 98, 97, 96, 1);
        String embeds = "[{\"type\":\"rich\",  \"title\":\"T\",\"fields\":[{\"name\":\"n\",\"value\":\"v\"}]}]";
        written = new Message(written.id(), written.channelId(), written.guildId(), written.authorId(), written.content(),
                written.timestamp(), null, 0, 0, false, false, false, null, written.mentionIds(),
                written.mentionRoleIds(), null, written.attachmentsJson(), embeds, "[]", List.of(), 1);
        messages.set(written.key(), written);
        cluster.forEach(CacheNode::flush);
        messages.evict(written.key());
        Message read = messages.get(written.key());
        ObjectMapper json = new ObjectMapper();
        assertEquals(json.readTree(embeds), json.readTree(read.embedsJson()));
        assertEquals(written.content(), read.content());
    }

    private static <K, V> void checkReadThrough(IMap<K, V> map, Map<?, ?> written, Random random) {
        List<?> keys = new ArrayList<>(written.keySet());
        for (int i = 0; i < 200; i++) {
            @SuppressWarnings("unchecked")
            K key = (K) keys.get(random.nextInt(keys.size()));
            map.evict(key);
            assertEquals(written.get(key), map.get(key), map.getName() + " " + key + " read back from PostgreSQL");
        }
    }

    private static void checkMemberColumns(Connection db, Dataset data) throws SQLException {
        List<Member> sample = new ArrayList<>(data.members.values()).subList(0, 500);
        try (PreparedStatement query = db.prepareStatement(
                "SELECT nick, roles, joined_at, premium_since, version FROM members WHERE guild_id = ? AND user_id = ?")) {
            for (Member member : sample) {
                query.setLong(1, member.guildId());
                query.setLong(2, member.userId());
                try (ResultSet rs = query.executeQuery()) {
                    assertTrue(rs.next(), "row of " + member.key());
                    assertEquals(member.nick(), rs.getString("nick"));
                    Array roles = rs.getArray("roles");
                    assertArrayEquals(member.roles().stream().boxed().toArray(Long[]::new), (Long[]) roles.getArray());
                    assertEquals(member.joinedAt(), rs.getObject("joined_at", OffsetDateTime.class).toInstant());
                    OffsetDateTime premium = rs.getObject("premium_since", OffsetDateTime.class);
                    assertEquals(member.premiumSince(), premium == null ? null : premium.toInstant());
                    assertEquals(member.version(), rs.getLong("version"));
                }
            }
        }
    }
}
