package discordcache.client;

import discordcache.model.CacheMap;
import discordcache.model.Channel;
import discordcache.model.ThreadChannel;
import discordcache.model.Guild;
import discordcache.model.GuildField;
import discordcache.model.Member;
import discordcache.model.MemberField;
import discordcache.model.MemberKey;
import discordcache.model.Message;
import discordcache.model.MessageField;
import discordcache.model.Patch;
import discordcache.model.Snowflakes;
import discordcache.model.User;
import discordcache.model.UserField;
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
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The gateway-side writes: upserts and deletes stamp new versions and are read back at once by the writing
 * client, partial updates keep absent fields, clear null ones and return the previous value, concurrent partial
 * updates of different fields of one entity all land, and PostgreSQL ends up with what the cluster holds.
 */
class WriteApiTest {
    private static final long GUILD = 900_000_001L;

    @TempDir
    Path temp;

    private final Entities entities = new Entities(21);

    @Test
    void writesStampVersionsAndPartialUpdatesMergeOnlyTheNamedFields() throws Exception {
        TestNodes nodes = new TestNodes(TestPostgres.get().createDatabase());
        NodeSettings settings = nodes.settings(temp);
        Member merged;
        Message edited;
        Guild renamed;
        User inserted;
        try (CacheNode node = CacheNode.start(settings);
             DiscordCache cache = DiscordCache.connect(TestClients.config(node))) {
            // Upsert: a version is stamped, each write's above the last, and the writer reads its write back at once
            // even when the old value sits in its near cache.
            User user = entities.user(7, 0);
            cache.upsert(CacheMap.USERS, user);
            Thread.sleep(600); // the near cache's trust grace period in these tests
            User first = cache.user(7);
            assertEquals(user, first.withVersion(0));
            assertEquals(first, cache.user(7), "second read, from the near cache");
            User renamedUser = new User(7, "renamed", "0", null, null, null, null, 0, false, false, 0);
            cache.upsert(CacheMap.USERS, renamedUser);
            User second = cache.user(7);
            assertEquals(renamedUser, second.withVersion(0));
            assertTrue(second.version() > first.version(), second.version() + " > " + first.version());

            // Batch upsert: the later of two values for one key wins.
            cache.upsertAll(CacheMap.USERS, List.of(entities.user(8, 0), entities.user(9, 0),
                    new User(8, "later", null, null, null, null, null, 0, false, false, 0)));
            assertEquals("later", cache.user(8).username());
            assertEquals(cache.user(8).version(), cache.user(9).version(), "one version per batch");

            // Delete.
            cache.delete(CacheMap.USERS, 9L);
            assertNull(cache.user(9));

            // Partial update of a member: absent fields kept, a null field cleared, the previous value returned.
            Member member = new Member(GUILD, 7, "nick", "avatarhash", null, Snowflakes.of(1, 2),
                    Instant.parse("2022-02-02T10:00:00.123456Z"), null, false, false, false, 0, null, 0);
            cache.upsert(CacheMap.MEMBERS, member);
            Member before = cache.member(GUILD, 7);
            Member values = new Member(GUILD, 7, null, "ignored", null, Snowflakes.of(3), null, null, true, true,
                    true, 9, null, 0);
            Member previous = cache.update(CacheMap.MEMBERS, Patch.of(values, MemberField.NICK, MemberField.ROLES,
                    MemberField.MUTE)).returningPrevious().apply();
            assertEquals(before, previous);
            merged = cache.member(GUILD, 7);
            assertEquals(new Member(GUILD, 7, null, "avatarhash", null, Snowflakes.of(3), member.joinedAt(), null,
                    false, true, false, 0, null, 0), merged.withVersion(0));
            assertTrue(merged.version() > before.version());
            assertNull(cache.update(CacheMap.MEMBERS, Patch.of(values, MemberField.FLAGS)).apply(),
                    "without returningPrevious, nothing is returned");
            assertEquals(9, cache.member(GUILD, 7).flags());
            merged = cache.member(GUILD, 7);

            // An update of an absent entity does nothing, unless asked to insert it.
            Member stranger = new Member(GUILD, 8, "stranger", null, null, Snowflakes.empty(), null, null, false,
                    false, false, 0, null, 0);
            assertNull(cache.update(CacheMap.MEMBERS, Patch.of(stranger, MemberField.NICK)).returningPrevious()
                    .apply());
            assertNull(cache.member(GUILD, 8));
            assertNull(cache.update(CacheMap.MEMBERS, Patch.of(stranger, MemberField.NICK)).insertWhenAbsent()
                    .returningPrevious().apply());
            assertEquals(stranger, cache.member(GUILD, 8).withVersion(0));

            // A message edit: content and edited timestamp change, everything else stays.
            Message message = entities.message(555, 444, GUILD, 7, 0);
            cache.upsert(CacheMap.MESSAGES, message);
            Message edit = new Message(555, 444, GUILD, 0, "edited", Instant.EPOCH,
                    Instant.parse("2024-01-01T00:00:00.000001Z"), 0, 0, false, false, true, null, null, null, null,
                    null, null, null, null, 0);
            Message beforeEdit = cache.update(CacheMap.MESSAGES, Patch.of(edit, MessageField.CONTENT,
                    MessageField.EDITED_TIMESTAMP)).returningPrevious().apply();
            assertEquals(message, beforeEdit.withVersion(0));
            edited = cache.message(444, 555);
            assertEquals(new Message(555, 444, GUILD, 7, "edited", message.timestamp(), edit.editedTimestamp(),
                    message.type(), message.flags(), message.tts(), message.mentionEveryone(), message.pinned(),
                    message.webhookId(), message.mentionIds(), message.mentionRoleIds(),
                    message.referencedMessageId(), message.attachmentsJson(), message.embedsJson(),
                    message.componentsJson(), message.reactions(), 0), edited.withVersion(0));

            // Guild: two fields; roles and emojis stay.
            Guild guild = entities.guild(GUILD, List.of(GUILD, 1L, 2L), 0);
            cache.upsert(CacheMap.GUILDS, guild);
            Guild nameAndCount = new Guild(GUILD, "New name", null, null, null, null, 0, null, 0, null, null, null,
                    0, 0, 0, 0, 0, 0, 0, null, null, null, 42, false, null, null, null, false, 0);
            cache.update(CacheMap.GUILDS, Patch.of(nameAndCount, GuildField.NAME, GuildField.MEMBER_COUNT)).apply();
            renamed = cache.guild(GUILD);
            assertEquals("New name", renamed.name());
            assertEquals(42, renamed.memberCount());
            assertEquals(guild.roles(), renamed.roles());
            assertEquals(guild.emojis(), renamed.emojis());
            assertEquals(guild.icon(), renamed.icon());

            // Concurrent partial updates of different fields of one user: none is lost.
            ExecutorService pool = Executors.newFixedThreadPool(2);
            List<Future<?>> writers = new ArrayList<>();
            writers.add(pool.submit(() -> {
                for (int i = 1; i <= 200; i++) {
                    cache.update(CacheMap.USERS, Patch.of(new User(7, "x", null, null, null, null, null, i, false,
                            false, 0), UserField.PUBLIC_FLAGS)).apply();
                }
            }));
            writers.add(pool.submit(() -> {
                for (int i = 1; i <= 200; i++) {
                    cache.update(CacheMap.USERS, Patch.of(new User(7, "x", null, "name " + i, null, null, null, 0,
                            false, false, 0), UserField.GLOBAL_NAME)).apply();
                }
            }));
            for (Future<?> writer : writers) {
                writer.get();
            }
            pool.shutdown();
            inserted = cache.user(7);
            assertEquals(200, inserted.publicFlags());

            cache.upsert(CacheMap.CHANNELS, entities.channel(600, GUILD, null, 0));
            cache.upsert(CacheMap.THREADS, entities.thread(700, GUILD, 600, 0));

            ClusterStats stats = cache.admin().clusterStats();
            assertEquals(2, stats.map(CacheMap.USERS).entries(), "users 7 and 8; 9 was deleted");
            assertEquals(2, stats.map(CacheMap.MEMBERS).entries());
            assertEquals(0, stats.deadLetters());
            node.flush();
            assertEquals(0, cache.admin().clusterStats().map(CacheMap.USERS).pendingWrites());
            assertEquals("name 200", inserted.globalName());
            assertEquals("renamed", inserted.username());
            assertTrue(inserted.version() > second.version());
        }
        // The node flushed on close; a new one loads from PostgreSQL exactly what the cluster held.
        try (CacheNode node = CacheNode.start(settings);
             DiscordCache cache = DiscordCache.connect(TestClients.config(node))) {
            assertEquals(merged, cache.member(GUILD, 7));
            assertEquals(edited, cache.message(444, 555));
            assertEquals(inserted, cache.user(7));
            assertEquals(renamed, cache.guild(GUILD));
            assertNull(cache.user(9));
            assertEquals(List.of(7L, 8L), cache.members(GUILD).stream().map(Member::userId).toList());
            assertNull(cache.member(GUILD, 9));
            assertEquals(new MemberKey(GUILD, 8), cache.member(GUILD, 8).key());
            // The guild index has no table: a full restart rebuilds it from the channels and threads tables.
            assertEquals(List.of(600L), cache.channels(GUILD).stream().map(Channel::id).toList());
            assertEquals(List.of(700L), cache.threads(GUILD, 600).stream().map(ThreadChannel::id).toList());
        }
    }

    @Test
    void deletesReachEntriesABoundedMapEvictedToPostgres() throws Exception {
        String jdbcUrl = TestPostgres.get().createDatabase();
        // About one channel per partition in memory: most of those written are evicted before they are deleted.
        NodeSettings settings = new TestNodes(jdbcUrl).settings(temp, Map.of("DCACHE_CHANNELS_MAX_PER_NODE", "271"));
        try (CacheNode node = CacheNode.start(settings);
             DiscordCache cache = DiscordCache.connect(TestClients.config(node))) {
            List<Channel> channels = new ArrayList<>();
            for (int i = 0; i < 3_000; i++) {
                channels.add(entities.channel(5_000_000_000L + i, GUILD, null, 0));
            }
            cache.upsertAll(CacheMap.CHANNELS, channels);
            node.flush();
            assertTrue(node.hazelcast().getMap(CacheMap.CHANNELS.name()).size() < 2_000, "most channels evicted");

            List<Long> deleted = channels.subList(0, 1_500).stream().map(Channel::id).toList();
            cache.deleteAll(CacheMap.CHANNELS, deleted);
            node.flush();
            assertEquals(1_500, Db.count(jdbcUrl, "channels"), "rows left in PostgreSQL");
            assertEquals(List.of(), deleted.stream().filter(id -> cache.channel(id) != null).toList(),
                    "deleted channels still readable");
            assertEquals(channels.subList(1_500, 3_000).stream().map(Channel::id).toList(),
                    cache.channels(GUILD).stream().map(Channel::id).toList(), "the guild's channels");
        }
    }
}
