package discordcache.ingest;

import discordcache.client.Change;
import discordcache.client.DiscordCache;
import discordcache.client.MemberCount;
import discordcache.model.CacheMap;
import discordcache.model.Channel;
import discordcache.model.ClientStatus;
import discordcache.model.Emoji;
import discordcache.model.Guild;
import discordcache.model.Member;
import discordcache.model.Message;
import discordcache.model.PermissionOverwrite;
import discordcache.model.Presence;
import discordcache.model.Reaction;
import discordcache.model.Role;
import discordcache.model.ShardSession;
import discordcache.model.Snowflakes;
import discordcache.model.ThreadChannel;
import discordcache.model.ThreadMetadata;
import discordcache.model.UnavailableGuild;
import discordcache.model.User;
import discordcache.model.Versioned;
import discordcache.node.CacheNode;
import discordcache.testing.Await;
import discordcache.testing.Db;
import discordcache.testing.TestClients;
import discordcache.testing.TestNodes;
import discordcache.testing.TestPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import java.util.stream.LongStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One test per gateway event (and per tricky case of the issue): each applies payloads written from Discord's
 * documented shapes (docs/topics/gateway-events, docs/resources/*) and checks the exact cache state afterwards;
 * the key events also check PostgreSQL after a flush. One node and one client serve the whole class; every test
 * uses ids of its own ({@link #guildId}, {@link #id}), so tests do not see each other's data.
 *
 * <p>Guild ids are built so that every guild of these tests belongs to shard 0 of 4 ({@code (id >> 22) % 4 == 0});
 * the READY tests run on shards 1 to 3 of 4, whose guilds nothing else uses, since READY drops a shard's guilds it
 * does not list.
 *
 * <p>The PostgreSQL checks run after {@code node.flush()} and are retried for a few seconds: flush was seen to
 * return before a map's pending writes were in PostgreSQL (members of a guild written about one write delay before
 * the flush were missing right after it, and there a few seconds later), and these tests are about the ingester's
 * semantics, not about flush.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IngestEventsTest {
    private static final Instant JOINED = Instant.parse("2021-05-06T07:08:09.123456Z");
    private static final String JOINED_JSON = "2021-05-06T07:08:09.123456+00:00";
    private static final Instant SENT = Instant.parse("2024-04-05T06:07:08.901000Z");
    private static final String SENT_JSON = "2024-04-05T06:07:08.901000+00:00";
    private static final Instant ARCHIVE = Instant.parse("2024-03-04T05:06:07Z");
    private static final String ARCHIVE_JSON = "2024-03-04T05:06:07.000000+00:00";
    private static final long EVERYONE_PERMISSIONS = 1_071_698_660_929L;

    private CacheNode node;
    private DiscordCache cache;
    private GatewayIngester ingester;
    private String jdbcUrl;

    @BeforeAll
    void start(@TempDir Path dataDirectory) {
        jdbcUrl = TestPostgres.get().createDatabase();
        node = CacheNode.start(new TestNodes(jdbcUrl).settings(dataDirectory));
        cache = DiscordCache.connect(TestClients.config(node));
        ingester = GatewayIngester.create(cache);
    }

    @AfterAll
    void stop() {
        if (cache != null) {
            cache.close();
        }
        if (node != null) {
            node.close();
        }
    }

    // ------------------------------------------------------------------------------------------------ Session

    @Test
    void readyStoresTheBotUserAndTheSessionAndMarksItsGuildsUnavailable() throws Exception {
        GatewayIngester gateway = GatewayIngester.create(cache);
        long bot = id(40, 1);
        long listed = shardGuildId(1, 40);       // cached, and listed in READY: data kept, marked unavailable
        long notCached = shardGuildId(1, 41);    // listed, never cached: only marked
        long left = shardGuildId(1, 42);         // cached, on this shard, not listed: the bot left meanwhile
        long otherShard = guildId(40);           // cached, shard 0: READY of shard 1 does not touch it
        Ids a = basicGuild(listed, 45);
        basicGuild(left, 46);
        basicGuild(otherShard, 47);

        IngestResult result = gateway.ingest(j("""
                {"op":0,"s":1,"t":"READY","d":{
                  "v":10,
                  "user_settings":{},
                  "user":{"verified":true,"username":"cachebot","mfa_enabled":true,"id":"${bot}","global_name":null,
                          "flags":0,"email":null,"discriminator":"4821","bot":true,"avatar":"botavatar"},
                  "guilds":[{"unavailable":true,"id":"${listed}"},{"unavailable":true,"id":"${notCached}"}],
                  "session_id":"2a1d8f9c0b7e4f3a9d1c6b5e8f7a0c2d",
                  "resume_gateway_url":"wss://gateway-us-east1-c.discord.gg",
                  "shard":[1,4],
                  "application":{"id":"${bot}","flags":565248},
                  "private_channels":[],
                  "presences":[],
                  "relationships":[],
                  "guild_join_requests":[],
                  "geo_ordered_rtc_regions":["newark","us-east","us-central","atlanta","us-south"],
                  "session_type":"normal",
                  "auth_session_id_hash":"abc",
                  "_trace":["[\\"gateway-prd-us-east1-c-1\\",{\\"micros\\":1}]"]
                }}""", "bot", bot, "listed", listed, "notCached", notCached), 1, 4);

        assertFalse(result.ignored());
        assertEquals(new User(bot, "cachebot", "4821", null, "botavatar", null, null, 0, true, false, 0),
                unversioned(cache.user(bot)));
        ShardSession session = cache.gateway().shardSession(1);
        assertNotNull(session, "READY stores the shard's session");
        assertEquals(1, session.shardId());
        assertEquals(4, session.shardCount());
        assertEquals("2a1d8f9c0b7e4f3a9d1c6b5e8f7a0c2d", session.sessionId());
        assertEquals("wss://gateway-us-east1-c.discord.gg", session.resumeUrl());
        eventually(() -> assertEquals(1, cache.gateway().shardSession(1).lastSequence(), "READY's own sequence number"));

        List<Long> unavailable = cache.unavailableGuilds().stream().map(UnavailableGuild::id).toList();
        assertTrue(unavailable.contains(listed), "listed guild is unavailable until its GUILD_CREATE");
        assertTrue(unavailable.contains(notCached));
        assertFalse(unavailable.contains(left));
        assertFalse(unavailable.contains(otherShard));
        assertNotNull(cache.guild(listed), "an unavailable guild keeps its data");
        assertEquals(2, cache.members(listed).size());
        assertEquals(2, cache.channels(listed).size());
        assertNull(cache.guild(notCached), "a placeholder is not a guild");
        assertNull(cache.guild(left), "a guild of the shard that READY does not list is gone");
        eventually(() -> assertEquals(List.of(), cache.members(left)));
        assertNotNull(cache.guild(otherShard), "another shard's guild is untouched");
        assertEquals(2, cache.members(otherShard).size());

        // Each later dispatch of the session moves the stored sequence forward, ignored ones too.
        assertTrue(gateway.ingest(j("""
                {"t":"TYPING_START","s":2,"op":0,"d":{"user_id":"${u}","timestamp":1712300000,
                "channel_id":"${c}","guild_id":"${g}"}}""", "u", a.u1, "c", a.c, "g", listed), 1, 4).ignored());
        eventually(() -> assertEquals(2, cache.gateway().shardSession(1).lastSequence()));

        // The available GUILD_CREATE that follows clears the mark.
        ingest("GUILD_CREATE", guildCreateJson(a, "Renamed after READY"));
        assertFalse(cache.unavailableGuilds().stream().anyMatch(u -> u.id() == listed));

        node.flush();
        inDatabase(() -> {
            assertEquals(List.of(List.of(4, "2a1d8f9c0b7e4f3a9d1c6b5e8f7a0c2d", "wss://gateway-us-east1-c.discord.gg", 2L)),
                    rows("SELECT shard_count, session_id, resume_url, last_sequence FROM shard_sessions WHERE shard_id = 1"));
            assertEquals(List.of(List.of(notCached)),
                    rows("SELECT id FROM unavailable_guilds WHERE id IN (?, ?, ?, ?)", listed, notCached, left, otherShard));
            assertEquals(List.of(List.of("cachebot", true)), rows("SELECT username, bot FROM users WHERE id = ?", bot));
            assertEquals(0L, scalar("SELECT count(*) FROM guilds WHERE id = ?", left));
            assertEquals(0L, scalar("SELECT count(*) FROM members WHERE guild_id = ?", left));
        });
    }

    @Test
    void userUpdateReplacesTheCurrentUser() {
        long bot = id(41, 1);
        IngestResult first = ingest("USER_UPDATE", j("""
                {"verified":true,"username":"selfbot","mfa_enabled":false,"id":"${bot}","global_name":"Self Bot",
                 "flags":0,"email":null,"discriminator":"1234","bot":true,"avatar":null,"banner":null,
                 "accent_color":null,"public_flags":65536}""", "bot", bot));
        assertEquals(new User(bot, "selfbot", "1234", "Self Bot", null, null, null, 65536, true, false, 0),
                unversioned(cache.user(bot)));
        assertEquals(1, first.changes().size());
        assertNull(first.changes().get(0).previous());

        IngestResult second = ingest("USER_UPDATE", j("""
                {"id":"${bot}","username":"selfbot2 \ud83e\udd16","discriminator":"1234","global_name":null,"avatar":"newhash",
                 "banner":"bannerhash","accent_color":16711680,"public_flags":65536,"bot":true,"verified":true,
                 "mfa_enabled":false,"flags":0,"email":null}""", "bot", bot));
        assertEquals(new User(bot, "selfbot2 \ud83e\udd16", "1234", null, "newhash", "bannerhash", 16711680, 65536,
                true, false, 0), unversioned(cache.user(bot)));
        Change<?> change = second.changes().get(0);
        assertEquals("selfbot", ((User) change.previous()).username());
        assertEquals("selfbot2 \ud83e\udd16", ((User) change.current()).username());
    }

    // ------------------------------------------------------------------------------------------------ Guilds

    @Test
    void guildCreateCachesTheWholeGuildAndFillsInTheGuildIds() throws Exception {
        long g = guildId(1);
        long owner = id(1, 500);
        long bob = id(1, 501);
        long stranger = id(1, 502);
        long mod = id(1, 300);
        long emoji = id(1, 400);
        long general = id(1, 100);
        long category = id(1, 101);
        long voice = id(1, 102);
        long thread = id(1, 200);
        long lastMessage = id(1, 900);

        // Discord first reports the guild unavailable (lazy loading), then sends it whole.
        IngestResult placeholder = ingest("GUILD_CREATE", j("""
                {"unavailable":true,"id":"${g}"}""", "g", g));
        assertFalse(placeholder.ignored());
        assertTrue(cache.unavailableGuilds().stream().anyMatch(u -> u.id() == g));
        assertNull(cache.guild(g));

        IngestResult result = ingest("GUILD_CREATE", j("""
                {"id":"${g}","name":"Test Guild","icon":"a_icon1","icon_hash":null,"splash":null,
                 "discovery_splash":null,"banner":null,"description":"A guild for tests","owner_id":"${owner}",
                 "region":"us-west","afk_channel_id":"${voice}","afk_timeout":300,"widget_enabled":false,
                 "widget_channel_id":null,"verification_level":1,"default_message_notifications":1,
                 "explicit_content_filter":2,
                 "roles":[
                   {"id":"${g}","name":"@everyone","color":0,
                    "colors":{"primary_color":0,"secondary_color":null,"tertiary_color":null},"hoist":false,
                    "icon":null,"unicode_emoji":null,"position":0,"permissions":"1071698660929","managed":false,
                    "mentionable":false,"flags":0},
                   {"id":"${mod}","name":"Moderator","color":3447003,
                    "colors":{"primary_color":3447003,"secondary_color":null,"tertiary_color":null},"hoist":true,
                    "icon":null,"unicode_emoji":"\\ud83d\\udee1","position":1,"permissions":"1099511627775",
                    "managed":false,"mentionable":true,"flags":0,"tags":{}}],
                 "emojis":[{"id":"${emoji}","name":"blobcat","roles":[],
                   "user":{"id":"${owner}","username":"owner","discriminator":"0","global_name":null,"avatar":null},
                   "require_colons":true,"managed":false,"animated":false,"available":true}],
                 "features":["COMMUNITY","NEWS"],"mfa_level":1,"application_id":null,"system_channel_id":"${general}",
                 "system_channel_flags":0,"rules_channel_id":"${general}","max_presences":null,"max_members":500000,
                 "vanity_url_code":null,"premium_tier":1,"premium_subscription_count":3,"preferred_locale":"en-US",
                 "public_updates_channel_id":null,"max_video_channel_users":25,"max_stage_video_channel_users":50,
                 "nsfw_level":0,"stickers":[],"premium_progress_bar_enabled":false,"safety_alerts_channel_id":null,
                 "incidents_data":null,"joined_at":"${joined}","large":false,"unavailable":false,"member_count":2,
                 "voice_states":[],
                 "members":[
                   ${ownerMember},
                   ${bobMember},
                   ${bobAgain}],
                 "channels":[
                   {"id":"${general}","type":0,"name":"general","position":0,"parent_id":"${category}",
                    "topic":"Talk here","nsfw":false,"last_message_id":"${lastMessage}","rate_limit_per_user":0,
                    "permission_overwrites":[{"id":"${g}","type":0,"allow":"0","deny":"2048"}],"flags":0,
                    "icon_emoji":null,"theme_color":null,"last_pin_timestamp":"2024-02-03T04:05:06+00:00"},
                   {"id":"${category}","type":4,"name":"Text Channels","position":0,"parent_id":null,
                    "permission_overwrites":[],"flags":0},
                   {"id":"${voice}","type":2,"name":"Voice","position":1,"parent_id":null,"bitrate":64000,
                    "user_limit":10,"rtc_region":null,"rate_limit_per_user":0,"nsfw":false,"last_message_id":null,
                    "permission_overwrites":[],"flags":0}],
                 "threads":[
                   {"id":"${thread}","type":11,"parent_id":"${general}","owner_id":"${owner}","name":"a thread",
                    "last_message_id":null,"message_count":3,"member_count":2,"total_message_sent":3,
                    "rate_limit_per_user":0,"flags":0,
                    "thread_metadata":{"archived":false,"auto_archive_duration":1440,"archive_timestamp":"${archive}",
                      "locked":false,"create_timestamp":"${archive}"},
                    "member":{"join_timestamp":"${archive}","flags":1}}],
                 "presences":[
                   {"user":{"id":"${owner}"},"status":"online",
                    "activities":[{"name":"Chess","type":0,"created_at":1700000000000}],
                    "client_status":{"desktop":"online"}},
                   {"user":{"id":"${bob}"},"status":"idle","activities":[],"client_status":{"mobile":"idle","web":"idle"}},
                   {"user":{"id":"${stranger}"},"status":"dnd","activities":[],"client_status":{"desktop":"dnd"}}],
                 "stage_instances":[],"guild_scheduled_events":[],"soundboard_sounds":[],"embedded_activities":[]}""",
                "g", g, "owner", owner, "bob", bob, "stranger", stranger, "mod", mod, "emoji", emoji,
                "general", general, "category", category, "voice", voice, "thread", thread,
                "lastMessage", lastMessage, "joined", JOINED_JSON, "archive", ARCHIVE_JSON,
                "ownerMember", memberJson(owner, "owner", "Boss", mod),
                "bobMember", memberJson(bob, "bob", null),
                "bobAgain", memberJson(bob, "bob", "Bobby")));

        assertFalse(result.ignored());
        assertEquals("GUILD_CREATE", result.event());
        Role everyone = new Role(g, "@everyone", 0, false, null, null, 0, EVERYONE_PERMISSIONS, false, false, 0);
        Role moderator = new Role(mod, "Moderator", 3447003, true, null, "\ud83d\udee1", 1, 1_099_511_627_775L, false,
                true, 0);
        Emoji blobcat = new Emoji(emoji, "blobcat", Snowflakes.empty(), true, false, false, true);
        assertEquals(new Guild(g, "Test Guild", "a_icon1", null, null, "A guild for tests", owner, voice, 300, general,
                general, null, 1, 1, 2, 1, 0, 1, 3, "en-US", null, List.of("COMMUNITY", "NEWS"), 2, false, JOINED,
                List.of(everyone, moderator), List.of(blobcat), true, 0), unversioned(cache.guild(g)),
                "its GUILD_CREATE listed all of its members");
        assertEquals(new User(owner, "owner", "0", "owner Display", null, null, null, 0, false, false, 0),
                unversioned(cache.user(owner)));
        assertEquals(new User(bob, "bob", "0", "bob Display", null, null, null, 0, false, false, 0),
                unversioned(cache.user(bob)));
        assertNull(cache.user(stranger), "a presence's user {id} is not a user to cache");

        // Members, deduplicated (the later of two entries for bob wins), with the guild's id filled in.
        assertEquals(List.of(member(g, owner, "Boss", mod), member(g, bob, "Bobby")), unversioned(cache.members(g)));
        assertEquals(new MemberCount(2, 2, true), cache.memberCount(g));

        assertEquals(List.of(
                new Channel(general, g, 0, "general", 0, category, "Talk here", false, lastMessage, 0, 0, 0, 0,
                        Instant.parse("2024-02-03T04:05:06Z"),
                        List.of(new PermissionOverwrite(g, PermissionOverwrite.ROLE, 0, 2048)), 0),
                new Channel(category, g, 4, "Text Channels", 0, null, null, false, null, 0, 0, 0, 0, null, List.of(), 0),
                new Channel(voice, g, 2, "Voice", 1, null, null, false, null, 0, 64000, 10, 0, null, List.of(), 0)),
                unversioned(cache.channels(g)));
        ThreadChannel expectedThread = new ThreadChannel(thread, g, general, owner, 11, "a thread", null, 3, 2, 0, 0,
                Snowflakes.empty(), new ThreadMetadata(false, 1440, ARCHIVE, false, null, ARCHIVE), 0);
        assertEquals(List.of(expectedThread), unversioned(cache.threads(g)));
        assertEquals(List.of(expectedThread), unversioned(cache.threads(g, general)));
        assertEquals(List.of(), cache.threads(g, voice));
        assertEquals(List.of(
                new Presence(g, owner, "online", new ClientStatus("online", null, null),
                        "[{\"name\":\"Chess\",\"type\":0,\"created_at\":1700000000000}]", 0),
                new Presence(g, bob, "idle", new ClientStatus(null, "idle", "idle"), "[]", 0),
                new Presence(g, stranger, "dnd", new ClientStatus("dnd", null, null), "[]", 0)),
                unversioned(cache.presences(g)));
        assertFalse(cache.unavailableGuilds().stream().anyMatch(u -> u.id() == g),
                "an available GUILD_CREATE clears the unavailable mark");

        node.flush();
        inDatabase(() -> {
            assertEquals(List.of(List.of("Test Guild", 2, false, JOINED, 2, 1, owner)), rows(
                    "SELECT name, member_count, large, joined_at, jsonb_array_length(roles), jsonb_array_length(emojis),"
                            + " owner_id FROM guilds WHERE id = ?", g));
            assertEquals(true, scalar("SELECT roles @> ?::jsonb FROM guilds WHERE id = ?",
                    "[{\"id\":" + mod + ",\"name\":\"Moderator\",\"permissions\":1099511627775}]", g));
            assertEquals(List.of(List.of(owner, "Boss", List.of(mod), JOINED), List.of(bob, "Bobby", List.of(), JOINED)),
                    rows("SELECT user_id, nick, roles, joined_at FROM members WHERE guild_id = ? ORDER BY user_id", g));
            assertEquals(List.of(row(general, g, 0, category), row(category, g, 4, null), row(voice, g, 2, null)),
                    rows("SELECT id, guild_id, type, parent_id FROM channels WHERE id IN (?, ?, ?) ORDER BY id",
                            general, category, voice));
            assertEquals(List.of(List.of(g, general, "a thread", 2, 1440)), rows(
                    "SELECT guild_id, parent_id, name, member_count, auto_archive_duration FROM threads WHERE id = ?",
                    thread));
            assertEquals(List.of(List.of(owner, "online"), List.of(bob, "idle"), List.of(stranger, "dnd")),
                    rows("SELECT user_id, status FROM presences WHERE guild_id = ? ORDER BY user_id", g));
            assertEquals(List.of(List.of("owner"), List.of("bob")),
                    rows("SELECT username FROM users WHERE id IN (?, ?, ?) ORDER BY id", owner, bob, stranger));
            assertEquals(0L, scalar("SELECT count(*) FROM unavailable_guilds WHERE id = ?", g));
        });
    }

    @Test
    void guildCreateForAGuildAlreadyCachedReplacesItsChildren() {
        Ids a = basicGuild(guildId(3), 3);
        long thread = id(3, 200);
        ingest("THREAD_CREATE", threadJson(thread, a.g, a.c2, "old thread", false));
        ingest("PRESENCE_UPDATE", presenceJson(a.g, a.u2, "idle"));
        assertEquals(2, cache.presences(a.g).size());

        // The guild comes back (after an outage) without c2, its thread, bob, bob's presence, or role r2.
        ingest("GUILD_CREATE", j("""
                {"id":"${g}","name":"Back again","icon":null,"owner_id":"${u1}","afk_timeout":60,
                 "verification_level":0,"default_message_notifications":0,"explicit_content_filter":0,"mfa_level":0,
                 "nsfw_level":0,"premium_tier":0,"features":[],"preferred_locale":"en-US","joined_at":"${joined}",
                 "large":false,"unavailable":false,"member_count":1,
                 "roles":[${everyone},${r1}],"emojis":[],
                 "members":[${m1}],
                 "channels":[${c}],
                 "threads":[],
                 "presences":[{"user":{"id":"${u1}"},"status":"online","activities":[],"client_status":{"web":"online"}}],
                 "voice_states":[],"stickers":[]}""",
                "g", a.g, "u1", a.u1, "joined", JOINED_JSON, "everyone", roleJson(a.g, "@everyone", 0),
                "r1", roleJson(a.r1, "one", 1), "m1", memberJson(a.u1, "alice3", "One", a.r1),
                "c", channelJson(a.c, null, "general", 0, null)));

        Guild guild = cache.guild(a.g);
        assertEquals("Back again", guild.name());
        assertEquals(List.of(a.g, a.r1), guild.roles().stream().map(Role::id).toList());
        assertEquals(1, guild.memberCount());
        assertEquals(List.of(a.c), cache.channels(a.g).stream().map(Channel::id).toList());
        assertNull(cache.channel(a.c2), "a channel GUILD_CREATE no longer lists is gone");
        assertEquals(List.of(), cache.threads(a.g), "an active thread GUILD_CREATE no longer lists is gone");
        assertNull(cache.thread(thread));
        assertEquals(List.of(member(a.g, a.u1, "One", a.r1)), unversioned(cache.members(a.g)));
        assertEquals(List.of(a.u1), cache.presences(a.g).stream().map(Presence::userId).toList());
        assertEquals("online", cache.presence(a.g, a.u1).status());
        assertEquals(new MemberCount(1, 1, true), cache.memberCount(a.g));
    }

    @Test
    void guildUpdateMergesTheGuildAndKeepsMemberCountJoinedAtAndChildren() {
        Ids a = basicGuild(guildId(4), 4);
        long unknown = guildId(504);
        Guild before = cache.guild(a.g);

        IngestResult result = ingest("GUILD_UPDATE", j("""
                {"id":"${g}","name":"Renamed","icon":null,"icon_hash":null,"splash":"splashhash","discovery_splash":null,
                 "banner":null,"description":"now with a description","owner_id":"${u2}","region":"europe",
                 "afk_channel_id":null,"afk_timeout":900,"widget_enabled":false,"widget_channel_id":null,
                 "verification_level":2,"default_message_notifications":1,"explicit_content_filter":1,
                 "roles":[${everyone},${r1renamed}],"emojis":[],"features":["VANITY_URL"],"mfa_level":0,
                 "application_id":null,"system_channel_id":"${c}","system_channel_flags":0,"rules_channel_id":null,
                 "max_presences":null,"max_members":250000,"vanity_url_code":"test","premium_tier":2,
                 "premium_subscription_count":7,"preferred_locale":"de","public_updates_channel_id":null,
                 "max_video_channel_users":25,"nsfw_level":0,"stickers":[],"premium_progress_bar_enabled":true,
                 "safety_alerts_channel_id":null,"guild_id":"${g}"}""",
                "g", a.g, "u2", a.u2, "c", a.c, "everyone", roleJson(a.g, "@everyone", 0),
                "r1renamed", roleJson(a.r1, "one renamed", 3)));

        assertEquals(1, result.changes().size());
        assertEquals(before, result.changes().get(0).previous());
        Guild after = cache.guild(a.g);
        assertEquals(after, result.changes().get(0).current());
        assertEquals(new Guild(a.g, "Renamed", null, "splashhash", null, "now with a description", a.u2, null, 900,
                a.c, null, null, 2, 1, 1, 0, 0, 2, 7, "de", "test", List.of("VANITY_URL"), 2, false, JOINED,
                List.of(role(a.g, "@everyone", 0), role(a.r1, "one renamed", 3)), List.of(), true, 0), unversioned(after));
        assertEquals(2, cache.members(a.g).size(), "GUILD_UPDATE carries no members and removes none");
        assertEquals(2, cache.channels(a.g).size());

        IngestResult ignored = ingest("GUILD_UPDATE", j("""
                {"id":"${g}","name":"Never seen","owner_id":"1","roles":[],"emojis":[],"features":[]}""", "g", unknown));
        assertNull(cache.guild(unknown), "GUILD_UPDATE of a guild the cache does not hold inserts nothing");
        assertTrue(ignored.changes().isEmpty() || ignored.changes().get(0).current() == null);
    }

    @Test
    void guildDeleteWithUnavailableOnlyMarksTheGuildAndKeepsItsData() {
        Ids a = basicGuild(guildId(5), 5);
        long message = id(5, 900);
        ingest("MESSAGE_CREATE", messageJson(message, a.c, a.g, a.u1, "still here"));

        IngestResult result = ingest("GUILD_DELETE", j("""
                {"unavailable":true,"id":"${g}"}""", "g", a.g));

        assertFalse(result.ignored());
        assertTrue(cache.unavailableGuilds().stream().anyMatch(u -> u.id() == a.g));
        assertNotNull(cache.guild(a.g));
        assertEquals(2, cache.members(a.g).size());
        assertEquals(2, cache.channels(a.g).size());
        assertEquals(1, cache.presences(a.g).size());
        assertNotNull(cache.message(a.c, message));
        assertEquals(new MemberCount(2, 2, true), cache.memberCount(a.g));

        ingest("GUILD_CREATE", guildCreateJson(a, "Back"));
        assertFalse(cache.unavailableGuilds().stream().anyMatch(u -> u.id() == a.g));
        assertNotNull(cache.message(a.c, message), "messages are not part of GUILD_CREATE and stay");

        // A GUILD_CREATE with unavailable: true (an outage seen at connect) also only marks a cached guild.
        ingest("GUILD_CREATE", j("""
                {"id":"${g}","unavailable":true}""", "g", a.g));
        assertTrue(cache.unavailableGuilds().stream().anyMatch(u -> u.id() == a.g));
        assertEquals("Back", cache.guild(a.g).name());
        assertEquals(2, cache.members(a.g).size());
        assertEquals(2, cache.channels(a.g).size());
    }

    @Test
    void guildDeleteWithoutUnavailableRemovesTheGuildAndEverythingScopedToIt() throws Exception {
        Ids a = basicGuild(guildId(6), 6);
        Ids other = basicGuild(guildId(506), 506);
        long thread = id(6, 200);
        long inChannel = id(6, 900);
        long inThread = id(6, 901);
        long otherMessage = id(506, 900);
        ingest("THREAD_CREATE", threadJson(thread, a.g, a.c, "doomed", false));
        ingest("MESSAGE_CREATE", messageJson(inChannel, a.c, a.g, a.u1, "in the channel"));
        ingest("MESSAGE_CREATE", messageJson(inThread, thread, a.g, a.u2, "in the thread"));
        ingest("MESSAGE_CREATE", messageJson(otherMessage, other.c, other.g, other.u1, "elsewhere"));
        // Near-cache the entities, so that the test also sees whether the reads stop answering them.
        cache.member(a.g, a.u1);
        cache.message(a.c, inChannel);
        cache.presence(a.g, a.u1);
        node.flush();

        IngestResult result = ingest("GUILD_DELETE", j("""
                {"id":"${g}"}""", "g", a.g));

        assertFalse(result.ignored());
        assertEquals(1L, result.removed().get(CacheMap.GUILDS));
        assertEquals(2L, result.removed().get(CacheMap.MEMBERS));
        assertEquals(2L, result.removed().get(CacheMap.CHANNELS));
        assertEquals(1L, result.removed().get(CacheMap.THREADS));
        assertEquals(1L, result.removed().get(CacheMap.PRESENCES));
        assertEquals(2L, result.removed().get(CacheMap.MESSAGES));
        assertNull(cache.guild(a.g));
        assertEquals(List.of(), cache.members(a.g));
        assertEquals(new MemberCount(0, null, false), cache.memberCount(a.g));
        assertEquals(List.of(), cache.channels(a.g));
        assertEquals(List.of(), cache.threads(a.g));
        assertEquals(List.of(), cache.presences(a.g));
        assertNull(cache.channel(a.c));
        assertNull(cache.channel(a.c2));
        assertNull(cache.thread(thread));
        assertEquals(List.of(), cache.newestMessages(a.c, 10));
        assertEquals(List.of(), cache.newestMessages(thread, 10));
        eventually(() -> {
            assertNull(cache.member(a.g, a.u1));
            assertNull(cache.presence(a.g, a.u1));
            assertNull(cache.message(a.c, inChannel));
            assertNull(cache.message(thread, inThread));
        });
        assertFalse(cache.unavailableGuilds().stream().anyMatch(u -> u.id() == a.g));
        assertNotNull(cache.user(a.u1), "users are global: they outlive the guild");
        // Nothing of the other guild changed.
        assertNotNull(cache.guild(other.g));
        assertEquals(2, cache.members(other.g).size());
        assertEquals(2, cache.channels(other.g).size());
        assertNotNull(cache.message(other.c, otherMessage));

        node.flush();
        inDatabase(() -> {
            assertEquals(0L, scalar("SELECT count(*) FROM guilds WHERE id = ?", a.g));
            assertEquals(0L, scalar("SELECT count(*) FROM members WHERE guild_id = ?", a.g));
            assertEquals(0L, scalar("SELECT count(*) FROM channels WHERE guild_id = ?", a.g));
            assertEquals(0L, scalar("SELECT count(*) FROM threads WHERE guild_id = ?", a.g));
            assertEquals(0L, scalar("SELECT count(*) FROM presences WHERE guild_id = ?", a.g));
            assertEquals(0L, scalar("SELECT count(*) FROM messages WHERE channel_id IN (?, ?, ?)", a.c, a.c2, thread));
            assertEquals(1L, scalar("SELECT count(*) FROM users WHERE id = ?", a.u1));
            assertEquals(1L, scalar("SELECT count(*) FROM guilds WHERE id = ?", other.g));
            assertEquals(2L, scalar("SELECT count(*) FROM members WHERE guild_id = ?", other.g));
            assertEquals(1L, scalar("SELECT count(*) FROM messages WHERE channel_id = ?", other.c));
        });
    }

    @Test
    void guildCreateThatIsMalformedWritesNothing() {
        long g = guildId(7);
        long u = id(7, 500);
        IngestException e = assertThrows(IngestException.class, () -> ingest("GUILD_CREATE", j("""
                {"id":"${g}","name":"Broken","owner_id":"${u}","roles":[],"emojis":[],"features":[],"member_count":2,
                 "joined_at":"${joined}","large":false,
                 "members":[${m1},{"nick":null,"roles":[],"joined_at":"${joined}","deaf":false,"mute":false,
                   "user":{"username":"no id","discriminator":"0"}}],
                 "channels":[],"threads":[],"presences":[]}""",
                "g", g, "u", u, "joined", JOINED_JSON, "m1", memberJson(u, "first", null))));
        assertEquals(IngestException.Kind.MISSING_FIELD, e.kind());
        assertEquals("GUILD_CREATE", e.event());
        assertNull(cache.guild(g));
        assertNull(cache.member(g, u));
        assertNull(cache.user(u));
    }

    // ------------------------------------------------------------------------------------------------ Roles, emojis

    @Test
    void roleCreateUpdateAndDeleteWhichStripsTheRoleFromMembers() throws Exception {
        Ids a = basicGuild(guildId(8), 8);
        long r3 = id(8, 303);

        ingest("GUILD_ROLE_CREATE", j("""
                {"role":${r3},"guild_id":"${g}"}""", "g", a.g, "r3", roleJson(r3, "three", 3)));
        assertEquals(role(r3, "three", 3), cache.role(a.g, r3).orElseThrow());
        assertEquals(4, cache.guild(a.g).roles().size());

        ingest("GUILD_ROLE_UPDATE", j("""
                {"guild_id":"${g}","role":{"id":"${r1}","name":"one, renamed","color":15158332,
                 "colors":{"primary_color":15158332,"secondary_color":null,"tertiary_color":null},"hoist":true,
                 "icon":"iconhash","unicode_emoji":null,"position":5,"permissions":"8","managed":false,
                 "mentionable":true,"flags":1}}""", "g", a.g, "r1", a.r1));
        assertEquals(new Role(a.r1, "one, renamed", 15158332, true, "iconhash", null, 5, 8, false, true, 1),
                cache.role(a.g, a.r1).orElseThrow());
        assertEquals(4, cache.guild(a.g).roles().size(), "an update replaces the role, it does not add one");

        IngestResult deleted = ingest("GUILD_ROLE_DELETE", j("""
                {"guild_id":"${g}","role_id":"${r1}"}""", "g", a.g, "r1", a.r1));
        assertFalse(deleted.ignored());
        assertTrue(cache.role(a.g, a.r1).isEmpty());
        assertEquals(List.of(a.g, a.r2, r3).stream().sorted().toList(),
                cache.guild(a.g).roles().stream().map(Role::id).sorted().toList());
        // u1 had r1 and r2, u2 had r1: Discord sends no member updates for this.
        eventually(() -> {
            assertEquals(Snowflakes.of(a.r2), cache.member(a.g, a.u1).roles());
            assertEquals(Snowflakes.empty(), cache.member(a.g, a.u2).roles());
        });
        assertEquals(List.of(Snowflakes.of(a.r2), Snowflakes.empty()),
                cache.members(a.g).stream().map(Member::roles).toList());

        node.flush();
        inDatabase(() -> {
            assertEquals(List.of(List.of(a.u1, List.of(a.r2)), List.of(a.u2, List.of())),
                    rows("SELECT user_id, roles FROM members WHERE guild_id = ? ORDER BY user_id", a.g));
            assertEquals(3, scalar("SELECT jsonb_array_length(roles) FROM guilds WHERE id = ?", a.g));
            assertEquals(false, scalar("SELECT roles @> ?::jsonb FROM guilds WHERE id = ?",
                    "[{\"id\":" + a.r1 + "}]", a.g));
        });
    }

    @Test
    void emojisUpdateReplacesTheWholeSet() {
        Ids a = basicGuild(guildId(9), 9);
        long e1 = id(9, 401);
        long e2 = id(9, 402);
        ingest("GUILD_EMOJIS_UPDATE", j("""
                {"guild_id":"${g}","emojis":[
                  {"id":"${e1}","name":"first","roles":[],"require_colons":true,"managed":false,"animated":false,
                   "available":true},
                  {"id":"${e2}","name":"second","roles":["${r1}"],"require_colons":true,"managed":true,
                   "animated":true,"available":false,"user":{"id":"${u1}","username":"alice","discriminator":"0"}}]}""",
                "g", a.g, "e1", e1, "e2", e2, "r1", a.r1, "u1", a.u1));
        assertEquals(List.of(new Emoji(e1, "first", Snowflakes.empty(), true, false, false, true),
                new Emoji(e2, "second", Snowflakes.of(a.r1), true, true, true, false)), cache.guild(a.g).emojis());

        ingest("GUILD_EMOJIS_UPDATE", j("""
                {"guild_id":"${g}","emojis":[{"id":"${e2}","name":"second_renamed","roles":[],"require_colons":true,
                  "managed":false,"animated":true,"available":true}]}""", "g", a.g, "e2", e2));
        assertEquals(List.of(new Emoji(e2, "second_renamed", Snowflakes.empty(), true, false, true, true)),
                cache.guild(a.g).emojis(), "emojis the event does not list were deleted");
        assertTrue(cache.emoji(a.g, e1).isEmpty());
        assertEquals(3, cache.guild(a.g).roles().size(), "roles are untouched");
    }

    // ------------------------------------------------------------------------------------------------ Members

    @Test
    void memberAddCachesMemberAndUserAndCountsOnlyNewMembers() {
        Ids a = basicGuild(guildId(10), 10);
        long u3 = id(10, 503);
        String add = j("""
                {"guild_id":"${g}","user":${user},"roles":["${r1}"],"premium_since":null,"pending":true,"nick":null,
                 "mute":false,"joined_at":"${joined}","flags":0,"deaf":false,"communication_disabled_until":null,
                 "avatar":null,"banner":null,"unusual_dm_activity_until":null}""",
                "g", a.g, "user", userJson(u3, "carol"), "r1", a.r1, "joined", JOINED_JSON);

        IngestResult result = ingest("GUILD_MEMBER_ADD", add);
        Member expected = new Member(a.g, u3, null, null, null, Snowflakes.of(a.r1), JOINED, null, false, false, true,
                0, null, 0);
        assertEquals(expected, unversioned(cache.member(a.g, u3)));
        assertEquals(user(u3, "carol"), unversioned(cache.user(u3)));
        assertEquals(new MemberCount(3, 3, true), cache.memberCount(a.g));
        assertEquals(3, cache.guild(a.g).memberCount());
        assertTrue(result.changes().stream().anyMatch(c -> c.previous() == null && expected.equals(
                c.current() instanceof Member m ? m.withVersion(0) : null)));

        ingest("GUILD_MEMBER_ADD", add);
        assertEquals(3, cache.guild(a.g).memberCount(), "an ADD for a member already cached does not count twice");
    }

    @Test
    void memberUpdateKeepsFieldsTheEventLeavesOutAndRefreshesTheUser() throws Exception {
        Ids a = basicGuild(guildId(11), 11);
        long u3 = id(11, 503);
        ingest("GUILD_MEMBER_ADD", j("""
                {"guild_id":"${g}","user":${user},"roles":["${r1}"],"premium_since":"${joined}","pending":true,
                 "nick":"Old nick","mute":true,"joined_at":"${joined}","flags":0,"deaf":true,
                 "communication_disabled_until":null,"avatar":"guildavatar","banner":null}""",
                "g", a.g, "user", userJson(u3, "carol"), "r1", a.r1, "joined", JOINED_JSON));
        Member before = cache.member(a.g, u3);

        // No nick, pending, deaf or mute: those keep their cached values. The rest is replaced.
        IngestResult result = ingest("GUILD_MEMBER_UPDATE", j("""
                {"guild_id":"${g}","roles":["${r2}"],"user":{"id":"${u3}","username":"carol_renamed","discriminator":"0",
                 "global_name":"Carol","avatar":"useravatar","public_flags":64},"avatar":null,"banner":null,
                 "joined_at":"${joined}","premium_since":null,"communication_disabled_until":"2030-01-01T00:00:00+00:00",
                 "flags":2,"avatar_decoration_data":null,"collectibles":null}""",
                "g", a.g, "r2", a.r2, "u3", u3, "joined", JOINED_JSON));

        Member expected = new Member(a.g, u3, "Old nick", null, null, Snowflakes.of(a.r2), JOINED, null, true, true,
                true, 2, Instant.parse("2030-01-01T00:00:00Z"), 0);
        Member after = cache.member(a.g, u3);
        assertEquals(expected, unversioned(after));
        assertEquals(new User(u3, "carol_renamed", "0", "Carol", "useravatar", null, null, 64, false, false, 0),
                unversioned(cache.user(u3)));
        List<Change<?>> memberChanges = result.changes().stream().filter(c -> c.map() == CacheMap.MEMBERS).toList();
        assertEquals(1, memberChanges.size());
        assertEquals(before, memberChanges.get(0).previous());
        assertEquals(after, memberChanges.get(0).current());
        assertEquals(3, cache.guild(a.g).memberCount(), "an update does not count");

        node.flush();
        inDatabase(() -> {
            assertEquals(List.of(List.of("Old nick", List.of(a.r2), true, true, true, 2,
                            Instant.parse("2030-01-01T00:00:00Z"))),
                    rows("SELECT nick, roles, deaf, mute, pending, flags, communication_disabled_until FROM members"
                            + " WHERE guild_id = ? AND user_id = ?", a.g, u3));
            assertEquals(List.of(List.of("carol_renamed", "Carol")),
                    rows("SELECT username, global_name FROM users WHERE id = ?", u3));
        });
    }

    @Test
    void memberUpdateForAnUnknownMemberInsertsIt() throws Exception {
        Ids a = basicGuild(guildId(12), 12);
        long u4 = id(12, 504);
        IngestResult result = ingest("GUILD_MEMBER_UPDATE", j("""
                {"user":${user},"roles":["${r1}","${r2}"],"premium_since":null,"pending":false,"nick":"Newcomer",
                 "joined_at":"${joined}","flags":0,"communication_disabled_until":null,"avatar":null,
                 "guild_id":"${g}"}""",
                "g", a.g, "user", userJson(u4, "dave"), "r1", a.r1, "r2", a.r2, "joined", JOINED_JSON));

        Member expected = new Member(a.g, u4, "Newcomer", null, null, Snowflakes.of(a.r1, a.r2), JOINED, null, false,
                false, false, 0, null, 0);
        assertEquals(expected, unversioned(cache.member(a.g, u4)));
        assertEquals(user(u4, "dave"), unversioned(cache.user(u4)));
        Change<?> change = result.changes().stream().filter(c -> c.map() == CacheMap.MEMBERS).findFirst()
                .orElseThrow();
        assertNull(change.previous());
        assertEquals(expected, ((Member) change.current()).withVersion(0));
        assertEquals(2, cache.guild(a.g).memberCount(), "an update is no join: the reported count stays");

        node.flush();
        inDatabase(() -> {
            assertEquals(List.of(List.of("Newcomer", List.of(a.r1, a.r2))),
                    rows("SELECT nick, roles FROM members WHERE guild_id = ? AND user_id = ?", a.g, u4));
        });
    }

    @Test
    void memberRemoveRemovesMemberAndPresenceAndCounts() {
        Ids a = basicGuild(guildId(13), 13);
        Member before = cache.member(a.g, a.u1);
        IngestResult result = ingest("GUILD_MEMBER_REMOVE", j("""
                {"user":${user},"guild_id":"${g}"}""", "g", a.g, "user", userJson(a.u1, "alice")));

        assertNull(cache.member(a.g, a.u1));
        assertEquals(List.of(a.u2), cache.members(a.g).stream().map(Member::userId).toList());
        assertEquals(List.of(), cache.presences(a.g));
        eventually(() -> assertNull(cache.presence(a.g, a.u1)));
        assertEquals(new MemberCount(1, 1, true), cache.memberCount(a.g));
        assertNotNull(cache.user(a.u1), "the user stays");
        Change<?> change = result.changes().stream().filter(c -> c.map() == CacheMap.MEMBERS).findFirst()
                .orElseThrow();
        assertEquals(before, change.previous());
        assertNull(change.current());
    }

    /**
     * A GUILD_CREATE lists every member only with the presences intent (its member_count tells): a whole list is
     * recorded on the guild, a partial one sweeps no member; the last chunk that leaves none missing completes it.
     */
    @Test
    void aWholeMemberListIsRecordedFromGuildCreateOrFromTheLastChunk() {
        Ids a = basicGuild(guildId(40), 40);
        assertTrue(cache.guild(a.g).memberListComplete(), "GUILD_CREATE listed both of its 2 members");

        String partial = guildCreateJson(a, "Guild 40").replace("\"member_count\":2", "\"member_count\":3")
                .replace("," + memberJson(a.u2, "bob", "Two", a.r1), "");
        ingest("GUILD_CREATE", partial);
        assertFalse(cache.guild(a.g).memberListComplete());
        assertEquals(List.of(a.u1, a.u2), cache.members(a.g).stream().map(Member::userId).toList(),
                "a partial list removes no member");
        assertEquals(new MemberCount(2, 3, false), cache.memberCount(a.g));

        long u3 = id(40, 503);
        ingest("GUILD_MEMBERS_CHUNK", j("""
                {"guild_id":"${g}","chunk_index":0,"chunk_count":1,"not_found":[],"members":[${m2},${m3}]}""",
                "g", a.g, "m2", memberJson(a.u2, "bob", "Two", a.r1), "m3", memberJson(u3, "carol", "Three")));
        assertTrue(cache.guild(a.g).memberListComplete());
        assertEquals(new MemberCount(3, 3, true), cache.memberCount(a.g));
    }

    @Test
    void membersChunkWithDuplicateIdsKeepsOneMemberPerUser() throws Exception {
        Ids a = basicGuild(guildId(14), 14);
        long u3 = id(14, 503);
        IngestResult result = ingest("GUILD_MEMBERS_CHUNK", j("""
                {"not_found":[],"members":[${first},${u1again},${second}],"guild_id":"${g}","chunk_index":0,
                 "chunk_count":1,"nonce":"chunk-14",
                 "presences":[{"user":{"id":"${u3}"},"status":"online","client_status":{"desktop":"online"},
                   "activities":[],"broadcast":null}]}""",
                "g", a.g, "u3", u3, "first", memberJson(u3, "carol", "first"),
                "u1again", memberJson(a.u1, "alice", "One", a.r1, a.r2),
                "second", memberJson(u3, "carol", "second", a.r1)));

        assertFalse(result.ignored());
        assertEquals(List.of(member(a.g, a.u1, "One", a.r1, a.r2), member(a.g, a.u2, "Two", a.r1),
                member(a.g, u3, "second", a.r1)), unversioned(cache.members(a.g)));
        assertEquals(new MemberCount(3, 2, true), cache.memberCount(a.g), "chunks do not change member_count");
        assertEquals(user(u3, "carol"), unversioned(cache.user(u3)));
        assertEquals(new Presence(a.g, u3, "online", new ClientStatus("online", null, null), "[]", 0),
                unversioned(cache.presence(a.g, u3)));

        node.flush();
        inDatabase(() -> {
            assertEquals(List.of(List.of("second")),
                    rows("SELECT nick FROM members WHERE guild_id = ? AND user_id = ?", a.g, u3));
        });
    }

    // ------------------------------------------------------------------------------------------------ Channels

    @Test
    void channelCreateAndUpdate() {
        Ids a = basicGuild(guildId(15), 15);
        long c3 = id(15, 103);
        IngestResult created = ingest("CHANNEL_CREATE", j("""
                {"version":1712300000000,"type":0,"topic":"fresh","rate_limit_per_user":5,"position":3,
                 "permission_overwrites":[{"type":0,"id":"${r1}","deny":"0","allow":"1024"},
                   {"type":"member","id":"${u1}","deny":"2048","allow":"0"}],
                 "parent_id":null,"nsfw":false,"name":"new-channel","last_message_id":null,"id":"${c3}",
                 "guild_id":"${g}","flags":0}""", "g", a.g, "c3", c3, "r1", a.r1, "u1", a.u1));
        Channel expected = new Channel(c3, a.g, 0, "new-channel", 3, null, "fresh", false, null, 5, 0, 0, 0, null,
                List.of(new PermissionOverwrite(a.r1, PermissionOverwrite.ROLE, 1024, 0),
                        new PermissionOverwrite(a.u1, PermissionOverwrite.MEMBER, 0, 2048)), 0);
        assertEquals(expected, unversioned(cache.channel(c3)));
        assertEquals(List.of(a.c, a.c2, c3), cache.channels(a.g).stream().map(Channel::id).toList());
        assertNull(created.changes().get(0).previous());

        IngestResult updated = ingest("CHANNEL_UPDATE", j("""
                {"id":"${c3}","guild_id":"${g}","type":5,"name":"announcements","position":1,"parent_id":"${c2}",
                 "topic":null,"nsfw":true,"last_message_id":null,"rate_limit_per_user":0,"flags":0,
                 "permission_overwrites":[]}""", "g", a.g, "c3", c3, "c2", a.c2));
        Channel after = new Channel(c3, a.g, 5, "announcements", 1, a.c2, null, true, null, 0, 0, 0, 0, null,
                List.of(), 0);
        assertEquals(after, unversioned(cache.channel(c3)));
        assertEquals(expected, unversioned((Channel) updated.changes().get(0).previous()));
        assertEquals(after, unversioned((Channel) updated.changes().get(0).current()));
    }

    @Test
    void channelDeleteCascadesToItsThreadsAndMessages() throws Exception {
        Ids a = basicGuild(guildId(16), 16);
        long t1 = id(16, 201);
        long t2 = id(16, 202);
        long m1 = id(16, 901);
        long m2 = id(16, 902);
        long m3 = id(16, 903);
        long m4 = id(16, 904);
        ingest("THREAD_CREATE", threadJson(t1, a.g, a.c, "under c", false));
        ingest("THREAD_CREATE", threadJson(t2, a.g, a.c2, "under c2", false));
        ingest("MESSAGE_CREATE", messageJson(m1, a.c, a.g, a.u1, "one"));
        ingest("MESSAGE_CREATE", messageJson(m2, t1, a.g, a.u1, "two"));
        ingest("MESSAGE_CREATE", messageJson(m3, a.c2, a.g, a.u1, "three"));
        ingest("MESSAGE_CREATE", messageJson(m4, t2, a.g, a.u1, "four"));
        Channel before = cache.channel(a.c);

        IngestResult result = ingest("CHANNEL_DELETE", j("""
                {"version":0,"type":0,"topic":null,"rate_limit_per_user":0,"position":0,"permission_overwrites":[],
                 "parent_id":null,"nsfw":false,"name":"general","last_message_id":"${m1}","id":"${c}",
                 "guild_id":"${g}","flags":0}""", "g", a.g, "c", a.c, "m1", m1));

        assertEquals(before, result.changes().get(0).previous());
        assertNull(cache.channel(a.c));
        assertNull(cache.thread(t1));
        assertEquals(List.of(a.c2), cache.channels(a.g).stream().map(Channel::id).toList());
        assertEquals(List.of(t2), cache.threads(a.g).stream().map(ThreadChannel::id).toList());
        assertEquals(List.of(), cache.newestMessages(a.c, 10));
        assertEquals(List.of(), cache.newestMessages(t1, 10));
        eventually(() -> {
            assertNull(cache.message(a.c, m1));
            assertNull(cache.message(t1, m2));
        });
        assertNotNull(cache.message(a.c2, m3));
        assertNotNull(cache.message(t2, m4));
        assertNotNull(cache.thread(t2));

        node.flush();
        inDatabase(() -> {
            assertEquals(0L, scalar("SELECT count(*) FROM channels WHERE id = ?", a.c));
            assertEquals(0L, scalar("SELECT count(*) FROM threads WHERE id = ?", t1));
            assertEquals(0L, scalar("SELECT count(*) FROM messages WHERE channel_id IN (?, ?)", a.c, t1));
            assertEquals(2L, scalar("SELECT count(*) FROM messages WHERE channel_id IN (?, ?)", a.c2, t2));
        });
    }

    @Test
    void channelPinsUpdateSetsAndClearsTheLastPinTimestamp() {
        Ids a = basicGuild(guildId(17), 17);
        long unknown = id(17, 199);
        ingest("CHANNEL_PINS_UPDATE", j("""
                {"last_pin_timestamp":"2024-06-07T08:09:10+00:00","guild_id":"${g}","channel_id":"${c}"}""",
                "g", a.g, "c", a.c));
        Channel pinned = cache.channel(a.c);
        assertEquals(Instant.parse("2024-06-07T08:09:10Z"), pinned.lastPinTimestamp());
        assertEquals("general", pinned.name(), "only the pin timestamp changes");

        ingest("CHANNEL_PINS_UPDATE", j("""
                {"last_pin_timestamp":null,"guild_id":"${g}","channel_id":"${c}"}""", "g", a.g, "c", a.c));
        assertNull(cache.channel(a.c).lastPinTimestamp(), "null: no pins left");

        ingest("CHANNEL_PINS_UPDATE", j("""
                {"last_pin_timestamp":"2024-06-07T08:09:10+00:00","channel_id":"${c}"}""", "c", unknown));
        assertNull(cache.channel(unknown), "a pins update makes no channel");
    }

    // ------------------------------------------------------------------------------------------------ Threads

    @Test
    void threadCreateUpdateAndDelete() throws Exception {
        Ids a = basicGuild(guildId(18), 18);
        long t = id(18, 200);
        long m = id(18, 900);
        IngestResult created = ingest("THREAD_CREATE", j("""
                {"type":11,"total_message_sent":0,"thread_metadata":{"locked":false,"create_timestamp":"${ts}",
                  "auto_archive_duration":4320,"archived":false,"archive_timestamp":"${ts}"},
                 "rate_limit_per_user":0,"parent_id":"${c}","owner_id":"${u1}","newly_created":true,"name":"Topic",
                 "message_count":0,"member_ids_preview":["${u1}"],"member_count":1,"last_message_id":null,
                 "id":"${t}","guild_id":"${g}","flags":0,
                 "member":{"user_id":"${u1}","join_timestamp":"${ts}","id":"${t}","flags":1}}""",
                "g", a.g, "c", a.c, "t", t, "u1", a.u1, "ts", ARCHIVE_JSON));
        ThreadChannel expected = new ThreadChannel(t, a.g, a.c, a.u1, 11, "Topic", null, 0, 1, 0, 0,
                Snowflakes.empty(), new ThreadMetadata(false, 4320, ARCHIVE, false, null, ARCHIVE), 0);
        assertEquals(expected, unversioned(cache.thread(t)));
        assertEquals(List.of(expected), unversioned(cache.threads(a.g, a.c)));
        assertNull(created.changes().get(0).previous());

        ingest("MESSAGE_CREATE", messageJson(m, t, a.g, a.u1, "in thread"));
        ingest("THREAD_UPDATE", j("""
                {"id":"${t}","guild_id":"${g}","parent_id":"${c}","owner_id":"${u1}","type":12,"name":"Topic (closed)",
                 "last_message_id":"${m}","message_count":1,"member_count":1,"rate_limit_per_user":10,"flags":0,
                 "thread_metadata":{"archived":true,"auto_archive_duration":60,"archive_timestamp":"2024-05-01T00:00:00+00:00",
                   "locked":true,"invitable":false,"create_timestamp":"${ts}"}}""",
                "g", a.g, "c", a.c, "t", t, "u1", a.u1, "m", m, "ts", ARCHIVE_JSON));
        assertEquals(new ThreadChannel(t, a.g, a.c, a.u1, 12, "Topic (closed)", m, 1, 1, 10, 0, Snowflakes.empty(),
                new ThreadMetadata(true, 60, Instant.parse("2024-05-01T00:00:00Z"), true, false, ARCHIVE), 0),
                unversioned(cache.thread(t)));

        IngestResult deleted = ingest("THREAD_DELETE", j("""
                {"type":12,"parent_id":"${c}","id":"${t}","guild_id":"${g}"}""", "g", a.g, "c", a.c, "t", t));
        assertEquals("Topic (closed)", ((ThreadChannel) deleted.changes().get(0).previous()).name());
        assertNull(cache.thread(t));
        assertEquals(List.of(), cache.threads(a.g));
        assertEquals(List.of(), cache.newestMessages(t, 10));
        eventually(() -> assertNull(cache.message(t, m)));
        assertNotNull(cache.channel(a.c), "the parent stays");

        node.flush();
        inDatabase(() -> {
            assertEquals(0L, scalar("SELECT count(*) FROM threads WHERE id = ?", t));
            assertEquals(0L, scalar("SELECT count(*) FROM messages WHERE channel_id = ?", t));
        });
    }

    @Test
    void threadListSyncReplacesTheActiveThreadsOfTheListedParentsOrOfTheWholeGuild() {
        Ids a = basicGuild(guildId(19), 19);
        long a1 = id(19, 201);
        long a2 = id(19, 202);
        long a3 = id(19, 203);
        long b1 = id(19, 211);
        long b2 = id(19, 212);
        ingest("THREAD_CREATE", threadJson(a1, a.g, a.c, "a1", false));
        ingest("THREAD_CREATE", threadJson(a2, a.g, a.c, "a2", false));
        ingest("THREAD_CREATE", threadJson(b1, a.g, a.c2, "b1", false));

        // Parent c listed: its threads become exactly a2 (renamed) and a3; c2's thread b1 is not touched.
        ingest("THREAD_LIST_SYNC", j("""
                {"threads":[${a2json},${a3json}],
                 "members":[{"user_id":"${u1}","join_timestamp":"${ts}","id":"${a2}","flags":0}],
                 "guild_id":"${g}","channel_ids":["${c}"]}""",
                "g", a.g, "c", a.c, "u1", a.u1, "ts", ARCHIVE_JSON, "a2", a2,
                "a2json", threadJson(a2, a.g, a.c, "a2 renamed", false),
                "a3json", threadJson(a3, a.g, a.c, "a3", false)));
        assertNull(cache.thread(a1));
        assertEquals("a2 renamed", cache.thread(a2).name());
        assertNotNull(cache.thread(a3));
        assertNotNull(cache.thread(b1));
        assertEquals(List.of(a2, a3, b1), cache.threads(a.g).stream().map(ThreadChannel::id).toList());

        // No channel_ids: the whole guild's active threads are replaced.
        ingest("THREAD_LIST_SYNC", j("""
                {"guild_id":"${g}","threads":[${b2json}],"members":[]}""",
                "g", a.g, "b2json", threadJson(b2, a.g, a.c2, "b2", false)));
        assertEquals(List.of(b2), cache.threads(a.g).stream().map(ThreadChannel::id).toList());
        assertNull(cache.thread(a2));
        assertNull(cache.thread(a3));
        assertNull(cache.thread(b1));

        // A listed parent with no threads in the payload: it has none left.
        ingest("THREAD_LIST_SYNC", j("""
                {"guild_id":"${g}","channel_ids":["${c2}"],"threads":[],"members":[]}""", "g", a.g, "c2", a.c2));
        assertEquals(List.of(), cache.threads(a.g));
        assertNull(cache.thread(b2));
    }

    /** THREAD_LIST_SYNC lists active threads only: it says nothing of archived threads the cache holds. */
    @Test
    void threadListSyncKeepsArchivedThreads() {
        Ids a = basicGuild(guildId(33), 33);
        long archived = id(33, 201);
        long active = id(33, 202);
        ingest("THREAD_CREATE", threadJson(archived, a.g, a.c, "archived", false));
        ingest("THREAD_UPDATE", threadJson(archived, a.g, a.c, "archived", true));
        ingest("THREAD_CREATE", threadJson(active, a.g, a.c, "active", false));
        assertTrue(cache.thread(archived).metadata().archived());

        ingest("THREAD_LIST_SYNC", j("""
                {"guild_id":"${g}","channel_ids":["${c}"],"threads":[${json}],"members":[]}""",
                "g", a.g, "c", a.c, "json", threadJson(active, a.g, a.c, "active", false)));
        assertNotNull(cache.thread(active));
        assertNotNull(cache.thread(archived), "an archived thread is not one of the active threads synced");
    }

    @Test
    void threadListSyncFillsInTheGuildIdOfThreadsThatOmitIt() {
        Ids a = basicGuild(guildId(20), 20);
        long t = id(20, 201);
        ingest("THREAD_LIST_SYNC", j("""
                {"guild_id":"${g}","channel_ids":["${c}"],"threads":[
                  {"id":"${t}","type":11,"parent_id":"${c}","owner_id":"${u1}","name":"no guild id",
                   "last_message_id":null,"message_count":0,"member_count":1,"rate_limit_per_user":0,"flags":0,
                   "thread_metadata":{"archived":false,"auto_archive_duration":1440,"archive_timestamp":"${ts}",
                     "locked":false}}],"members":[]}""",
                "g", a.g, "c", a.c, "t", t, "u1", a.u1, "ts", ARCHIVE_JSON));
        assertEquals(a.g, cache.thread(t).guildId());
        assertEquals(List.of(t), cache.threads(a.g, a.c).stream().map(ThreadChannel::id).toList());
    }

    @Test
    void threadMembersUpdateSetsTheCountAndCachesAddedMembers() {
        Ids a = basicGuild(guildId(21), 21);
        long t = id(21, 200);
        long u3 = id(21, 503);
        ingest("THREAD_CREATE", threadJson(t, a.g, a.c, "members", false));
        ThreadChannel before = cache.thread(t);

        ingest("THREAD_MEMBERS_UPDATE", j("""
                {"removed_member_ids":["${u2}"],"member_count":3,"id":"${t}","guild_id":"${g}",
                 "added_members":[{"user_id":"${u3}","join_timestamp":"${ts}","id":"${t}","flags":0,
                   "member":${member},
                   "presence":{"user":{"id":"${u3}"},"status":"online","client_status":{"web":"online"},
                     "activities":[],"broadcast":null}}]}""",
                "g", a.g, "t", t, "u2", a.u2, "u3", u3, "ts", ARCHIVE_JSON,
                "member", memberJson(u3, "carol", "thread joiner")));

        ThreadChannel after = cache.thread(t);
        assertEquals(3, after.memberCount());
        assertEquals(new ThreadChannel(t, a.g, a.c, before.ownerId(), before.type(), before.name(),
                before.lastMessageId(), before.messageCount(), 3, before.rateLimitPerUser(), before.flags(),
                before.appliedTags(), before.metadata(), 0), unversioned(after), "only the count changes");
        assertEquals(member(a.g, u3, "thread joiner"), unversioned(cache.member(a.g, u3)));
        assertEquals(user(u3, "carol"), unversioned(cache.user(u3)));
        assertEquals("online", cache.presence(a.g, u3).status());
        assertNotNull(cache.member(a.g, a.u2), "leaving a thread is not leaving the guild");
    }

    // ------------------------------------------------------------------------------------------------ Messages

    @Test
    void messageCreateCachesTheMessageItsAuthorAndTheAuthorsMember() {
        Ids a = basicGuild(guildId(22), 22);
        long u3 = id(22, 503);
        long m = id(22, 900);
        IngestResult result = ingest("MESSAGE_CREATE", j("""
                {"type":0,"tts":false,"timestamp":"${sent}","pinned":false,"nonce":"1234567890",
                 "mentions":[{"username":"alice_new","public_flags":0,"member":{"roles":["${r1}","${r2}"],
                   "premium_since":null,"pending":false,"nick":"One","mute":false,"joined_at":"${joined}","flags":0,
                   "deaf":false,"communication_disabled_until":null,"avatar":null,"banner":null},
                   "id":"${u1}","global_name":"alice Display","discriminator":"0","avatar":null}],
                 "mention_roles":["${r2}"],"mention_everyone":false,
                 "member":{"roles":["${r1}"],"premium_since":null,"pending":false,"nick":"Three","mute":false,
                   "joined_at":"${joined}","flags":0,"deaf":false,"communication_disabled_until":null,"avatar":null,
                   "banner":null},
                 "id":"${m}","flags":0,"embeds":[],"edited_timestamp":null,"content":"hello <@${u1}>",
                 "components":[],"channel_type":0,"channel_id":"${c}",
                 "author":{"username":"carol","public_flags":0,"id":"${u3}","global_name":"carol Display",
                   "discriminator":"0","avatar":null,"avatar_decoration_data":null,"clan":null,"primary_guild":null},
                 "attachments":[{"id":"${m}1","filename":"a.png","size":1024,"url":"https://cdn.example/a.png",
                   "proxy_url":"https://media.example/a.png","width":10,"height":20,"content_type":"image/png"}],
                 "guild_id":"${g}"}""",
                "g", a.g, "c", a.c, "m", m, "u1", a.u1, "u3", u3, "r1", a.r1, "r2", a.r2, "sent", SENT_JSON,
                "joined", JOINED_JSON));

        Message expected = new Message(m, a.c, a.g, u3, "hello <@" + a.u1 + ">", SENT, null, 0, 0, false, false, false,
                null, Snowflakes.of(a.u1), Snowflakes.of(a.r2), null,
                "[{\"id\":\"" + m + "1\",\"filename\":\"a.png\",\"size\":1024,\"url\":\"https://cdn.example/a.png\","
                        + "\"proxy_url\":\"https://media.example/a.png\",\"width\":10,\"height\":20,"
                        + "\"content_type\":\"image/png\"}]", "[]", "[]", List.of(), 0);
        assertEquals(expected, unversioned(cache.message(a.c, m)));
        assertEquals(List.of(expected), unversioned(cache.newestMessages(a.c, 10)));
        Change<?> change = result.changes().stream().filter(c -> c.map() == CacheMap.MESSAGES).findFirst()
                .orElseThrow();
        assertNull(change.previous());
        assertEquals(expected, ((Message) change.current()).withVersion(0));
        assertEquals(new User(u3, "carol", "0", "carol Display", null, null, null, 0, false, false, 0),
                unversioned(cache.user(u3)));
        assertEquals(member(a.g, u3, "Three", a.r1), unversioned(cache.member(a.g, u3)),
                "the author's member is the payload's member keyed by the author");
        assertEquals("alice_new", cache.user(a.u1).username(), "mentioned users are refreshed");
        assertEquals(member(a.g, a.u1, "One", a.r1, a.r2), unversioned(cache.member(a.g, a.u1)));
    }

    @Test
    void messageCreateFromAWebhookOrInADirectMessageCachesNoMember() {
        Ids a = basicGuild(guildId(23), 23);
        long webhook = id(23, 600);
        long m1 = id(23, 901);
        long dm = id(23, 150);
        long m2 = id(23, 902);
        long u5 = id(23, 505);
        ingest("MESSAGE_CREATE", j("""
                {"webhook_id":"${w}","type":0,"tts":false,"timestamp":"${sent}","pinned":false,"mentions":[],
                 "mention_roles":[],"mention_everyone":false,"id":"${m}","flags":0,"embeds":[],
                 "edited_timestamp":null,"content":"from a webhook","components":[],"channel_type":0,
                 "channel_id":"${c}","author":{"username":"Captain Hook","id":"${w}","discriminator":"0000",
                 "avatar":null,"bot":true},"attachments":[],"guild_id":"${g}","application_id":"${w}"}""",
                "w", webhook, "m", m1, "c", a.c, "g", a.g, "sent", SENT_JSON));
        Message hooked = cache.message(a.c, m1);
        assertEquals(webhook, hooked.authorId());
        assertEquals(webhook, hooked.webhookId());
        assertNull(cache.user(webhook), "a webhook's author is not a user");
        assertNull(cache.member(a.g, webhook));

        ingest("MESSAGE_CREATE", j("""
                {"type":0,"tts":false,"timestamp":"${sent}","pinned":false,"mentions":[],"mention_roles":[],
                 "mention_everyone":false,"id":"${m}","flags":0,"embeds":[],"edited_timestamp":null,
                 "content":"psst","components":[],"channel_type":1,"channel_id":"${dm}",
                 "author":${author},"attachments":[]}""",
                "m", m2, "dm", dm, "sent", SENT_JSON, "author", userJson(u5, "eve")));
        Message direct = cache.message(dm, m2);
        assertNull(direct.guildId());
        assertEquals(u5, direct.authorId());
        assertEquals(user(u5, "eve"), unversioned(cache.user(u5)));
    }

    @Test
    void messageCreateOfAReplyKeepsTheReferencedMessageId() {
        Ids a = basicGuild(guildId(34), 34);
        long original = id(34, 901);
        long reply = id(34, 902);
        ingest("MESSAGE_CREATE", messageJson(original, a.c, a.g, a.u1, "question"));
        ingest("MESSAGE_CREATE", j("""
                {"type":19,"tts":false,"timestamp":"${sent}","pinned":false,"mentions":[],"mention_roles":[],
                 "mention_everyone":false,"id":"${reply}","flags":0,"embeds":[],"edited_timestamp":null,
                 "content":"answer","components":[],"channel_type":0,"channel_id":"${c}",
                 "message_reference":{"type":0,"channel_id":"${c}","message_id":"${original}","guild_id":"${g}"},
                 "referenced_message":{"type":0,"tts":false,"timestamp":"${sent}","pinned":false,"mentions":[],
                   "mention_roles":[],"mention_everyone":false,"id":"${original}","flags":0,"embeds":[],
                   "edited_timestamp":null,"content":"question","components":[],"channel_id":"${c}",
                   "author":{"id":"${u1}","username":"alice","discriminator":"0","global_name":"alice Display",
                     "avatar":null,"public_flags":0},"attachments":[]},
                 "author":${author},"attachments":[],"guild_id":"${g}"}""",
                "sent", SENT_JSON, "reply", reply, "original", original, "c", a.c, "g", a.g, "u1", a.u1,
                "author", userJson(a.u2, "bob")));
        Message message = cache.message(a.c, reply);
        assertEquals(19, message.type());
        assertEquals(a.u2, message.authorId(), "the referenced message's author is not the reply's");
        assertEquals(original, message.referencedMessageId());
        assertEquals("question", cache.message(a.c, original).content());
    }

    /**
     * Discord's model (§1.4, §2 MESSAGE_CREATE): bots get no CHANNEL_CREATE for DMs; a DM channel becomes known
     * through a MESSAGE_CREATE without guild_id, whose channel_type says it is a DM.
     */
    @Test
    void messageCreateInADirectMessageMakesTheDmChannelKnown() {
        long dm = id(35, 150);
        long m = id(35, 901);
        long u = id(35, 505);
        ingest("MESSAGE_CREATE", j("""
                {"type":0,"tts":false,"timestamp":"${sent}","pinned":false,"mentions":[],"mention_roles":[],
                 "mention_everyone":false,"id":"${m}","flags":0,"embeds":[],"edited_timestamp":null,
                 "content":"hi bot","components":[],"channel_type":1,"channel_id":"${dm}",
                 "author":${author},"attachments":[]}""",
                "m", m, "dm", dm, "sent", SENT_JSON, "author", userJson(u, "dmuser")));
        assertNotNull(cache.message(dm, m));
        Channel channel = cache.channel(dm);
        assertNotNull(channel, "the DM channel is known once a message came through it");
        assertNull(channel.guildId());
        assertEquals(1, channel.type());
    }

    /** Discord's model (§2 MESSAGE_CREATE): the channel's last_message_id moves to the new message. */
    @Test
    void messageCreateMovesTheChannelsLastMessageId() {
        Ids a = basicGuild(guildId(24), 24);
        long t = id(24, 200);
        long m1 = id(24, 901);
        long m2 = id(24, 902);
        ingest("THREAD_CREATE", threadJson(t, a.g, a.c, "thread", false));
        ingest("MESSAGE_CREATE", messageJson(m1, a.c, a.g, a.u1, "first"));
        ingest("MESSAGE_CREATE", messageJson(m2, t, a.g, a.u1, "second"));
        assertEquals(m1, cache.channel(a.c).lastMessageId(), "CHANNEL_UPDATE is not sent for last_message_id");
        assertEquals(m2, cache.thread(t).lastMessageId(), "nor THREAD_UPDATE");
    }

    @Test
    void messageUpdateMergesOnlyTheFieldsPresent() throws Exception {
        Ids a = basicGuild(guildId(25), 25);
        long m = id(25, 900);
        ingest("MESSAGE_CREATE", messageJson(m, a.c, a.g, a.u1, "before"));
        Message created = cache.message(a.c, m);

        // An embed unfurl: only id, channel_id, guild_id and embeds.
        String embeds = "[{\"type\":\"link\",\"url\":\"https://example.com\",\"title\":\"Example\"}]";
        IngestResult unfurl = ingest("MESSAGE_UPDATE", j("""
                {"id":"${m}","channel_id":"${c}","guild_id":"${g}","embeds":${embeds}}""",
                "m", m, "c", a.c, "g", a.g, "embeds", embeds));
        Message unfurled = cache.message(a.c, m);
        assertEquals(new Message(m, a.c, a.g, a.u1, "before", SENT, null, 0, 0, false, false, false, null,
                Snowflakes.empty(), Snowflakes.empty(), null, "[]", embeds, "[]", List.of(), 0), unversioned(unfurled));
        assertEquals(1, unfurl.changes().size());
        assertEquals(created, unfurl.changes().get(0).previous());
        assertEquals(unfurled, unfurl.changes().get(0).current());

        // An edit: content and edited_timestamp (and no author, timestamp or embeds).
        IngestResult edit = ingest("MESSAGE_UPDATE", j("""
                {"id":"${m}","channel_id":"${c}","guild_id":"${g}","content":"after",
                 "edited_timestamp":"2024-04-05T07:00:00.000000+00:00","pinned":true}""",
                "m", m, "c", a.c, "g", a.g));
        Message edited = cache.message(a.c, m);
        Message expected = new Message(m, a.c, a.g, a.u1, "after", SENT, Instant.parse("2024-04-05T07:00:00Z"), 0, 0,
                false, false, true, null, Snowflakes.empty(), Snowflakes.empty(), null, "[]", embeds, "[]",
                List.of(), 0);
        assertEquals(expected, unversioned(edited));
        assertEquals(unfurled, edit.changes().get(0).previous());
        assertEquals(edited, edit.changes().get(0).current());
        assertTrue(edited.version() > unfurled.version());

        node.flush();
        inDatabase(() -> {
            assertEquals(List.of(List.of("after", Instant.parse("2024-04-05T07:00:00Z"), SENT, a.u1, true, true)),
                    rows("SELECT content, edited_timestamp, timestamp, author_id, pinned, embeds = ?::jsonb FROM messages"
                            + " WHERE channel_id = ? AND id = ?", embeds, a.c, m));
        });
    }

    @Test
    void messageUpdateOfAnUnknownMessageInsertsOnlyAWholeMessage() {
        Ids a = basicGuild(guildId(26), 26);
        long partial = id(26, 901);
        long whole = id(26, 902);
        IngestResult dropped = ingest("MESSAGE_UPDATE", j("""
                {"id":"${m}","channel_id":"${c}","guild_id":"${g}",
                 "embeds":[{"type":"rich","title":"unfurl","description":"x"}]}""",
                "m", partial, "c", a.c, "g", a.g));
        assertNull(cache.message(a.c, partial), "a partial update cannot make a whole message");
        assertEquals(List.of(), cache.newestMessages(a.c, 10));
        assertTrue(dropped.changes().stream().noneMatch(c -> c.current() != null));

        IngestResult inserted = ingest("MESSAGE_UPDATE", j("""
                {"type":0,"tts":false,"timestamp":"${sent}","pinned":false,"mentions":[],"mention_roles":[],
                 "mention_everyone":false,"member":{"roles":[],"premium_since":null,"pending":false,"nick":null,
                 "mute":false,"joined_at":"${joined}","flags":0,"deaf":false,"communication_disabled_until":null},
                 "id":"${m}","flags":0,"embeds":[],"edited_timestamp":"${sent}","content":"edited before seen",
                 "components":[],"channel_type":0,"channel_id":"${c}","author":${author},"attachments":[],
                 "guild_id":"${g}"}""",
                "m", whole, "c", a.c, "g", a.g, "sent", SENT_JSON, "joined", JOINED_JSON,
                "author", userJson(a.u2, "bob")));
        Message message = cache.message(a.c, whole);
        assertEquals(new Message(whole, a.c, a.g, a.u2, "edited before seen", SENT, SENT, 0, 0, false, false, false,
                null, Snowflakes.empty(), Snowflakes.empty(), null, "[]", "[]", "[]", List.of(), 0),
                unversioned(message));
        Change<?> change = inserted.changes().get(0);
        assertNull(change.previous());
        assertEquals(message, change.current());
    }

    @Test
    void messageDeleteAndBulkDeleteAnswerTheDeletedMessages() throws Exception {
        Ids a = basicGuild(guildId(27), 27);
        long m1 = id(27, 901);
        long m2 = id(27, 902);
        long m3 = id(27, 903);
        long m4 = id(27, 904);
        long never = id(27, 999);
        for (long m : List.of(m1, m2, m3, m4)) {
            ingest("MESSAGE_CREATE", messageJson(m, a.c, a.g, a.u1, "message " + m));
        }
        Message first = cache.message(a.c, m1);

        IngestResult deleted = ingest("MESSAGE_DELETE", j("""
                {"id":"${m}","channel_id":"${c}","guild_id":"${g}"}""", "m", m1, "c", a.c, "g", a.g));
        assertEquals(1, deleted.changes().size());
        assertEquals(first, deleted.changes().get(0).previous());
        assertNull(deleted.changes().get(0).current());
        assertNull(cache.message(a.c, m1));

        IngestResult unknown = ingest("MESSAGE_DELETE", j("""
                {"id":"${m}","channel_id":"${c}","guild_id":"${g}"}""", "m", never, "c", a.c, "g", a.g));
        assertNull(unknown.changes().get(0).previous());

        Message second = cache.message(a.c, m2);
        Message third = cache.message(a.c, m3);
        IngestResult bulk = ingest("MESSAGE_DELETE_BULK", j("""
                {"ids":["${m2}","${m3}","${never}"],"channel_id":"${c}","guild_id":"${g}"}""",
                "m2", m2, "m3", m3, "never", never, "c", a.c, "g", a.g));
        assertEquals(List.of(second, third), bulk.changes().stream().map(Change::previous)
                .filter(Objects::nonNull).toList());
        assertEquals(3, bulk.changes().size());
        assertNull(cache.message(a.c, m2));
        assertNull(cache.message(a.c, m3));
        assertEquals(List.of(m4), cache.newestMessages(a.c, 10).stream().map(Message::id).toList());

        node.flush();
        inDatabase(() -> {
            assertEquals(List.of(List.of(m4)), rows("SELECT id FROM messages WHERE channel_id = ?", a.c));
        });
    }

    @Test
    void reactionsAreCountedPerEmoji() {
        Ids a = basicGuild(guildId(28), 28);
        long bot = id(28, 1);
        long u3 = id(28, 503);
        long custom = id(28, 401);
        long m = id(28, 900);
        long unknown = id(28, 999);
        GatewayIngester gateway = GatewayIngester.create(cache);
        // The bot's own reactions set "me": the ingester learns who it is from READY (shard 3 of 4: no guilds).
        gateway.ingest("READY", j("""
                {"v":10,"user":{"id":"${bot}","username":"reactbot","discriminator":"0001","bot":true,"avatar":null},
                 "guilds":[],"session_id":"reactions","resume_gateway_url":"wss://gateway.discord.gg",
                 "shard":[3,4],"application":{"id":"${bot}","flags":0}}""", "bot", bot), 3, 4);
        gateway.ingest("MESSAGE_CREATE", messageJson(m, a.c, a.g, a.u1, "react to me"), 0, 1);

        String fire = "{\"id\":null,\"name\":\"\\ud83d\\udd25\"}";
        String blob = j("""
                {"id":"${e}","name":"blobcat","animated":true}""", "e", custom);
        react(gateway, "MESSAGE_REACTION_ADD", bot, a, m, fire, false, null);
        assertEquals(List.of(new Reaction(null, "\ud83d\udd25", false, 1, 0, true, false)),
                cache.message(a.c, m).reactions());
        react(gateway, "MESSAGE_REACTION_ADD", a.u1, a, m, fire, false, null);
        react(gateway, "MESSAGE_REACTION_ADD", a.u2, a, m, fire, true, null);
        react(gateway, "MESSAGE_REACTION_ADD", u3, a, m, blob, false, memberJson(u3, "carol", "reactor"));
        assertEquals(List.of(new Reaction(null, "\ud83d\udd25", false, 3, 1, true, false),
                new Reaction(custom, "blobcat", true, 1, 0, false, false)), cache.message(a.c, m).reactions());
        assertEquals(member(a.g, u3, "reactor"), unversioned(cache.member(a.g, u3)), "a reaction's member is cached");
        assertEquals(user(u3, "carol"), unversioned(cache.user(u3)));

        IngestResult removed = react(gateway, "MESSAGE_REACTION_REMOVE", bot, a, m, fire, false, null);
        assertEquals(List.of(new Reaction(null, "\ud83d\udd25", false, 2, 1, false, false),
                new Reaction(custom, "blobcat", true, 1, 0, false, false)), cache.message(a.c, m).reactions());
        assertEquals(3, ((Message) removed.changes().get(0).previous()).reactions().get(0).count());
        react(gateway, "MESSAGE_REACTION_REMOVE", a.u2, a, m, fire, true, null);
        assertEquals(new Reaction(null, "\ud83d\udd25", false, 1, 0, false, false),
                cache.message(a.c, m).reactions().get(0));

        gateway.ingest("MESSAGE_REACTION_REMOVE_EMOJI", j("""
                {"message_id":"${m}","emoji":${blob},"channel_id":"${c}","guild_id":"${g}"}""",
                "m", m, "blob", blob, "c", a.c, "g", a.g), 0, 1);
        assertEquals(List.of(new Reaction(null, "\ud83d\udd25", false, 1, 0, false, false)),
                cache.message(a.c, m).reactions());

        react(gateway, "MESSAGE_REACTION_ADD", a.u2, a, m, blob, false, null);
        gateway.ingest("MESSAGE_REACTION_REMOVE_ALL", j("""
                {"message_id":"${m}","channel_id":"${c}","guild_id":"${g}"}""", "m", m, "c", a.c, "g", a.g), 0, 1);
        assertEquals(List.of(), cache.message(a.c, m).reactions());

        react(gateway, "MESSAGE_REACTION_REMOVE", a.u1, a, m, fire, false, null);
        assertEquals(List.of(), cache.message(a.c, m).reactions(), "a removal of a reaction not counted is harmless");
        react(gateway, "MESSAGE_REACTION_ADD", a.u1, a, unknown, fire, false, null);
        assertNull(cache.message(a.c, unknown), "a reaction makes no message");
    }

    /**
     * A gateway restarted with RESUME gets no READY: the session comes back from the cache (see Sessions), and the
     * bot's own reactions must still set "me".
     */
    @Test
    void reactionsOfTheBotSetMeAfterAGatewayRestartThatResumed() {
        Ids a = basicGuild(guildId(36), 36);
        long bot = id(36, 1);
        long m = id(36, 900);
        ingest("MESSAGE_CREATE", messageJson(m, a.c, a.g, a.u1, "react after resume"));
        GatewayIngester before = GatewayIngester.create(cache);
        before.ingest(j("""
                {"op":0,"s":1,"t":"READY","d":{"v":10,"user":{"id":"${bot}","username":"resumebot",
                 "discriminator":"0002","bot":true,"avatar":null},"guilds":[],"session_id":"resumable",
                 "resume_gateway_url":"wss://gateway.discord.gg","shard":[2,4],"application":{"id":"${bot}","flags":0}}}""",
                "bot", bot), 2, 4);

        // The gateway process restarts and resumes the session: Discord sends RESUMED, then the missed events.
        GatewayIngester after = GatewayIngester.create(cache);
        assertTrue(after.ingest("{\"op\":0,\"s\":2,\"t\":\"RESUMED\",\"d\":{\"_trace\":[\"x\"]}}", 2, 4)
                .ignored());
        // On the shard whose session the restarted gateway resumed.
        reactOnShard(after, "MESSAGE_REACTION_ADD", bot, a, m, "{\"id\":null,\"name\":\"\u2705\"}", false, null,
                2, 4);
        assertEquals(List.of(new Reaction(null, "\u2705", false, 1, 0, true, false)),
                cache.message(a.c, m).reactions(), "the bot's own reaction after the restart");
    }

    // ------------------------------------------------------------------------------------------------ Presences

    @Test
    void presenceUpdateWithOnlyTheUserIdChangesThePresenceButNotTheUser() throws Exception {
        Ids a = basicGuild(guildId(29), 29);
        long stranger = id(29, 509);
        User before = cache.user(a.u1);
        String activities = "[{\"type\":4,\"state\":\"busy\",\"name\":\"Custom Status\",\"id\":\"custom\","
                + "\"created_at\":1712300000000}]";

        IngestResult result = ingest("PRESENCE_UPDATE", j("""
                {"user":{"id":"${u1}"},"status":"idle","guild_id":"${g}","client_status":{"mobile":"idle"},
                 "activities":${activities}}""", "g", a.g, "u1", a.u1, "activities", activities));
        assertFalse(result.ignored());
        assertEquals(new Presence(a.g, a.u1, "idle", new ClientStatus(null, "idle", null), activities, 0),
                unversioned(cache.presence(a.g, a.u1)));
        assertEquals(before, cache.user(a.u1), "a user {id} changes nothing of the user");

        // More than the id: those fields, and only those, change.
        ingest("PRESENCE_UPDATE", j("""
                {"user":{"id":"${u1}","username":"alice_renamed","avatar":"newavatar"},"status":"dnd",
                 "guild_id":"${g}","client_status":{"desktop":"dnd","web":"dnd"},"activities":[]}""",
                "g", a.g, "u1", a.u1));
        assertEquals(new User(a.u1, "alice_renamed", "0", before.globalName(), "newavatar", null, null, 0, false,
                false, 0), unversioned(cache.user(a.u1)));
        assertEquals(new Presence(a.g, a.u1, "dnd", new ClientStatus("dnd", null, "dnd"), "[]", 0),
                unversioned(cache.presence(a.g, a.u1)));

        // A user the cache does not know: the presence is kept, no user is made of an id.
        ingest("PRESENCE_UPDATE", j("""
                {"user":{"id":"${s}"},"status":"online","guild_id":"${g}","client_status":{"web":"online"},
                 "activities":[]}""", "g", a.g, "s", stranger));
        assertNull(cache.user(stranger));

        node.flush();
        inDatabase(() -> {
            assertEquals(List.of(List.of("dnd", true)), rows("SELECT status, activities = '[]'::jsonb FROM presences"
                    + " WHERE guild_id = ? AND user_id = ?", a.g, a.u1));
            assertEquals(List.of(List.of("alice_renamed", "alice Display", "newavatar")),
                    rows("SELECT username, global_name, avatar FROM users WHERE id = ?", a.u1));
        });
    }

    // ------------------------------------------------------------------------------------------------ Interactions

    @Test
    void interactionCreateCachesTheUsersAndMembersItCarries() {
        Ids a = basicGuild(guildId(30), 30);
        long u3 = id(30, 503);
        long u4 = id(30, 504);
        long u5 = id(30, 505);
        long app = id(30, 700);
        IngestResult result = ingest("INTERACTION_CREATE", j("""
                {"version":1,"type":2,"token":"aW50ZXJhY3Rpb24","locale":"en-US","guild_locale":"en-US",
                 "id":"${app}1","application_id":"${app}","app_permissions":"562949953421311","entitlements":[],
                 "authorizing_integration_owners":{"0":"${g}"},"context":0,"channel_id":"${c}",
                 "channel":{"id":"${c}","type":0,"guild_id":"${g}","name":"general","permissions":"562949953421311"},
                 "guild_id":"${g}","guild":{"id":"${g}","locale":"en-US","features":[]},
                 "member":{"user":${u3user},"roles":["${r1}"],"premium_since":null,"permissions":"562949953421311",
                   "pending":false,"nick":"Asker","mute":false,"joined_at":"${joined}","flags":0,"deaf":false,
                   "communication_disabled_until":null,"avatar":null,"banner":null},
                 "data":{"type":1,"name":"whois","id":"${app}2","guild_id":"${g}",
                   "options":[{"type":6,"name":"user","value":"${u4}"}],
                   "resolved":{"users":{"${u4}":${u4user}},
                     "members":{"${u4}":{"roles":["${r2}"],"premium_since":null,"permissions":"1024","pending":false,
                       "nick":"Target","joined_at":"${joined}","flags":0,"communication_disabled_until":null,
                       "avatar":null,"banner":null}}}}}""",
                "app", app, "g", a.g, "c", a.c, "r1", a.r1, "r2", a.r2, "u4", u4, "joined", JOINED_JSON,
                "u3user", userJson(u3, "asker"), "u4user", userJson(u4, "target")));
        assertFalse(result.ignored());
        assertEquals(user(u3, "asker"), unversioned(cache.user(u3)));
        assertEquals(user(u4, "target"), unversioned(cache.user(u4)));
        assertEquals(member(a.g, u3, "Asker", a.r1), unversioned(cache.member(a.g, u3)));
        assertEquals(member(a.g, u4, "Target", a.r2), unversioned(cache.member(a.g, u4)));

        // In a DM the interaction carries a user, no member.
        ingest("INTERACTION_CREATE", j("""
                {"version":1,"type":2,"token":"dG9rZW4","id":"${app}3","application_id":"${app}","channel_id":"${app}4",
                 "channel":{"id":"${app}4","type":1},"context":1,"user":${u5user},"locale":"en-US",
                 "data":{"type":1,"name":"ping","id":"${app}2"}}""",
                "app", app, "u5user", userJson(u5, "dmuser")));
        assertEquals(user(u5, "dmuser"), unversioned(cache.user(u5)));
    }

    // ------------------------------------------------------------------------------------------------ Other events

    @Test
    void eventsTheCacheDoesNotKeepAreIgnoredAndUnknownOnesRefused() {
        Ids a = basicGuild(guildId(31), 31);
        Member before = cache.member(a.g, a.u1);
        IngestResult typing = ingest("TYPING_START", j("""
                {"user_id":"${u1}","timestamp":1712300000,"member":${member},"channel_id":"${c}","guild_id":"${g}"}""",
                "u1", a.u1, "c", a.c, "g", a.g, "member", memberJson(a.u1, "alice", "Changed by typing?")));
        assertTrue(typing.ignored());
        assertEquals("TYPING_START", typing.event());
        assertEquals(List.of(), typing.changes());
        assertEquals(before, cache.member(a.g, a.u1));

        assertTrue(ingest("GUILD_BAN_ADD", j("""
                {"user":${user},"guild_id":"${g}"}""", "user", userJson(a.u1, "alice"), "g", a.g)).ignored());
        assertNotNull(cache.member(a.g, a.u1), "a ban removes no member: GUILD_MEMBER_REMOVE follows");
        assertTrue(ingest("RESUMED", "{\"_trace\":[\"gateway\"]}").ignored());
        assertTrue(ingester.ingest("{\"op\":11,\"d\":null}", 0, 1).ignored(), "a heartbeat ACK is no dispatch");
        assertTrue(ingester.ingest("\uFEFF{\"op\":11}", 0, 1).ignored(), "a byte order mark is tolerated");
        IngestException cut = assertThrows(IngestException.class,
                () -> ingest("GUILD_MEMBER_ADD", "{\"guild_id\":\"" + a.g + "\",\"user\":{\"id\":"));
        assertEquals(IngestException.Kind.MALFORMED_JSON, cut.kind());

        IngestException unknown = assertThrows(IngestException.class,
                () -> ingest("NOT_A_DISCORD_EVENT", "{\"id\":\"1\"}"));
        assertEquals(IngestException.Kind.UNKNOWN_EVENT, unknown.kind());
        assertEquals("NOT_A_DISCORD_EVENT", unknown.event());
        assertEquals("t", unknown.field());
        IngestException inEnvelope = assertThrows(IngestException.class,
                () -> ingester.ingest("{\"op\":0,\"s\":7,\"t\":\"GUILD_FROBNICATE\",\"d\":{}}", 0, 1));
        assertEquals(IngestException.Kind.UNKNOWN_EVENT, inEnvelope.kind());
        assertEquals("GUILD_FROBNICATE", inEnvelope.event());
    }

    @Test
    void theEnvelopeReadsInAnyKeyOrderWithTheSameResultsAndErrors() {
        Ids a = basicGuild(guildId(41), 41);
        String guild = "{\"guild_id\":\"" + a.g + "\",";
        // Discord's order: t and op come before d, which is then read as it streams by.
        ingester.ingest("{\"t\":\"GUILD_MEMBER_UPDATE\",\"s\":5,\"op\":0,\"d\":" + guild
                + memberJson(a.u1, "alice", "Streamed").substring(1) + "}", 0, 1);
        assertEquals("Streamed", cache.member(a.g, a.u1).nick());
        // d before its event name: located first, read once the name is known.
        ingester.ingest("{\"d\":" + guild + memberJson(a.u1, "alice", "Located").substring(1)
                + ",\"op\":0,\"t\":\"GUILD_MEMBER_UPDATE\",\"s\":6}", 0, 1);
        Member located = cache.member(a.g, a.u1);
        assertEquals("Located", located.nick());

        String bad = guild + "\"user\":{\"id\":\"not-a-snowflake\",\"username\":\"x\"},\"roles\":[]}";
        IngestException streamed = assertThrows(IngestException.class, () -> ingester.ingest(
                "{\"t\":\"GUILD_MEMBER_UPDATE\",\"op\":0,\"d\":" + bad + "}", 0, 1));
        IngestException inText = assertThrows(IngestException.class, () -> ingester.ingest(
                "{\"d\":" + bad + ",\"t\":\"GUILD_MEMBER_UPDATE\",\"op\":0}", 0, 1));
        for (IngestException refused : List.of(streamed, inText)) {
            assertEquals(IngestException.Kind.BAD_VALUE, refused.kind());
            assertEquals("GUILD_MEMBER_UPDATE", refused.event());
            assertEquals("d.user.id", refused.field());
        }
        // A second t after a d read as the first t's event would relabel it: refused, not applied as either.
        IngestException relabelled = assertThrows(IngestException.class, () -> ingester.ingest(
                "{\"t\":\"GUILD_MEMBER_UPDATE\",\"op\":0,\"d\":" + guild
                        + memberJson(a.u1, "alice", "Relabelled").substring(1) + ",\"t\":\"GUILD_MEMBER_ADD\"}", 0, 1));
        assertEquals(IngestException.Kind.BAD_VALUE, relabelled.kind());
        assertEquals("t", relabelled.field());
        IngestException twoDs = assertThrows(IngestException.class, () -> ingester.ingest(
                "{\"d\":{},\"d\":" + guild + memberJson(a.u1, "alice", "Second").substring(1)
                        + ",\"t\":\"GUILD_MEMBER_UPDATE\",\"op\":0}", 0, 1));
        assertEquals("d", twoDs.field());
        assertEquals(located, cache.member(a.g, a.u1), "refused payloads change nothing");
    }

    @Test
    void oneSnowflakeForAGuildItsEveryoneRoleAndItsGeneralChannelNamesThreeEntities() throws Exception {
        long g = guildId(32);
        long u1 = id(32, 501);
        long m = id(32, 900);
        ingest("GUILD_CREATE", j("""
                {"id":"${g}","name":"Old guild","icon":null,"owner_id":"${u1}","afk_timeout":300,"verification_level":0,
                 "default_message_notifications":0,"explicit_content_filter":0,"mfa_level":0,"nsfw_level":0,
                 "premium_tier":0,"features":[],"preferred_locale":"en-US","joined_at":"${joined}","large":false,
                 "member_count":1,"roles":[${everyone}],"emojis":[],"members":[${m1}],
                 "channels":[{"id":"${g}","type":0,"name":"general","position":0,"parent_id":null,"topic":null,
                   "nsfw":false,"last_message_id":null,"rate_limit_per_user":0,
                   "permission_overwrites":[{"id":"${g}","type":"role","allow":0,"deny":0,"allow_new":"0",
                     "deny_new":"0"}]}],
                 "threads":[],"presences":[],"voice_states":[]}""",
                "g", g, "u1", u1, "joined", JOINED_JSON,
                // An API v6 role, as old guilds' payloads have it: an int permissions beside permissions_new.
                "everyone", j("""
                        {"id":"${g}","name":"@everyone","color":0,"hoist":false,"position":0,"permissions":104324673,
                         "permissions_new":"1071698660929","managed":false,"mentionable":false}""", "g", g),
                "m1", memberJson(u1, "old-timer", null)));
        ingest("MESSAGE_CREATE", messageJson(m, g, g, u1, "in #general"));

        assertEquals(g, cache.guild(g).id());
        assertEquals(role(g, "@everyone", 0), cache.role(g, g).orElseThrow());
        Channel general = cache.channel(g);
        assertEquals(new Channel(g, g, 0, "general", 0, null, null, false, m, 0, 0, 0, 0, null,
                List.of(new PermissionOverwrite(g, PermissionOverwrite.ROLE, 0, 0)), 0), unversioned(general),
                "the message in #general moved its last_message_id");
        assertEquals(List.of(g), cache.channels(g).stream().map(Channel::id).toList());
        assertNotNull(cache.message(g, m));

        ingest("GUILD_ROLE_UPDATE", j("""
                {"guild_id":"${g}","role":{"id":"${g}","name":"@everyone","color":0,"hoist":false,"position":0,
                 "permissions":"0","managed":false,"mentionable":false}}""", "g", g));
        assertEquals(0, cache.role(g, g).orElseThrow().permissions());
        assertNotNull(cache.channel(g), "a role update touches no channel");

        ingest("CHANNEL_DELETE", j("""
                {"id":"${g}","type":0,"guild_id":"${g}","name":"general","position":0,"parent_id":null,
                 "permission_overwrites":[]}""", "g", g));
        assertNull(cache.channel(g));
        Guild guild = cache.guild(g);
        assertNotNull(guild, "deleting the channel does not delete the guild of the same id");
        assertTrue(cache.role(g, g).isPresent(), "nor its @everyone role");
        assertEquals(List.of(u1), cache.members(g).stream().map(Member::userId).toList());
        assertEquals(List.of(), cache.newestMessages(g, 10));

        node.flush();
        inDatabase(() -> {
            assertEquals(1L, scalar("SELECT count(*) FROM guilds WHERE id = ?", g));
            assertEquals(0L, scalar("SELECT count(*) FROM channels WHERE id = ?", g));
            assertEquals(true, scalar("SELECT roles @> ?::jsonb FROM guilds WHERE id = ?",
                    "[{\"id\":" + g + ",\"permissions\":0}]", g));
            assertEquals(1L, scalar("SELECT count(*) FROM members WHERE guild_id = ?", g));
        });
    }

    // ------------------------------------------------------------------------------------------------ Fixtures

    /** The ids of a guild made by {@link #basicGuild}. */
    private record Ids(long g, long c, long c2, long u1, long u2, long r1, long r2) {
    }

    /**
     * A guild with two text channels (c, c2), roles @everyone, r1 and r2, members u1 (nick "One", roles r1 and
     * r2) and u2 (nick "Two", role r1), member_count 2, and u1 online.
     */
    private Ids basicGuild(long g, int test) {
        Ids ids = new Ids(g, id(test, 100), id(test, 101), id(test, 501), id(test, 502), id(test, 301), id(test, 302));
        ingest("GUILD_CREATE", guildCreateJson(ids, "Guild " + test));
        assertNotNull(cache.guild(g));
        return ids;
    }

    private static String guildCreateJson(Ids a, String name) {
        return j("""
                {"id":"${g}","name":"${name}","icon":null,"splash":null,"discovery_splash":null,"banner":null,
                 "description":null,"owner_id":"${u1}","afk_channel_id":null,"afk_timeout":300,
                 "verification_level":0,"default_message_notifications":0,"explicit_content_filter":0,
                 "roles":[${everyone},${r1},${r2}],"emojis":[],"features":[],"mfa_level":0,"application_id":null,
                 "system_channel_id":null,"system_channel_flags":0,"rules_channel_id":null,"vanity_url_code":null,
                 "premium_tier":0,"premium_subscription_count":0,"preferred_locale":"en-US",
                 "public_updates_channel_id":null,"nsfw_level":0,"stickers":[],"premium_progress_bar_enabled":false,
                 "joined_at":"${joined}","large":false,"unavailable":false,"member_count":2,"voice_states":[],
                 "members":[${m1},${m2}],
                 "channels":[${c},${c2}],
                 "threads":[],
                 "presences":[{"user":{"id":"${u1}"},"status":"online","activities":[],
                   "client_status":{"desktop":"online"}}],
                 "stage_instances":[],"guild_scheduled_events":[]}""",
                "g", a.g, "name", name, "u1", a.u1, "joined", JOINED_JSON,
                "everyone", roleJson(a.g, "@everyone", 0), "r1", roleJson(a.r1, "one", 1),
                "r2", roleJson(a.r2, "two", 2),
                "m1", memberJson(a.u1, "alice", "One", a.r1, a.r2), "m2", memberJson(a.u2, "bob", "Two", a.r1),
                "c", channelJson(a.c, null, "general", 0, null), "c2", channelJson(a.c2, null, "second", 1, null));
    }

    private static String userJson(long id, String name) {
        return j("""
                {"id":"${id}","username":"${name}","discriminator":"0","global_name":"${name} Display","avatar":null,
                 "public_flags":0,"avatar_decoration_data":null,"primary_guild":null}""", "id", id, "name", name);
    }

    private static User user(long id, String name) {
        return new User(id, name, "0", name + " Display", null, null, null, 0, false, false, 0);
    }

    private static String memberJson(long userId, String name, String nick, long... roles) {
        return j("""
                {"user":${user},"nick":${nick},"avatar":null,"banner":null,"roles":${roles},"joined_at":"${joined}",
                 "premium_since":null,"deaf":false,"mute":false,"pending":false,"flags":0,
                 "communication_disabled_until":null}""",
                "user", userJson(userId, name), "nick", nick == null ? "null" : "\"" + nick + "\"",
                "roles", idArray(roles), "joined", JOINED_JSON);
    }

    private static Member member(long guildId, long userId, String nick, long... roles) {
        return new Member(guildId, userId, nick, null, null, Snowflakes.of(roles), JOINED, null, false, false, false, 0,
                null, 0);
    }

    private static String roleJson(long id, String name, int position) {
        return j("""
                {"id":"${id}","name":"${name}","color":0,
                 "colors":{"primary_color":0,"secondary_color":null,"tertiary_color":null},"hoist":false,"icon":null,
                 "unicode_emoji":null,"position":${position},"permissions":"1071698660929","managed":false,
                 "mentionable":false,"flags":0}""", "id", id, "name", name, "position", position);
    }

    private static Role role(long id, String name, int position) {
        return new Role(id, name, 0, false, null, null, position, EVERYONE_PERMISSIONS, false, false, 0);
    }

    private static String channelJson(long id, Long guildId, String name, int position, Long parentId) {
        return j("""
                {"id":"${id}",${guild}"type":0,"name":"${name}","position":${position},"parent_id":${parent},
                 "topic":null,"nsfw":false,"last_message_id":null,"rate_limit_per_user":0,"permission_overwrites":[],
                 "flags":0}""",
                "id", id, "guild", guildId == null ? "" : "\"guild_id\":\"" + guildId + "\",", "name", name,
                "position", position, "parent", parentId == null ? "null" : "\"" + parentId + "\"");
    }

    private static String threadJson(long id, long guildId, long parentId, String name, boolean archived) {
        return j("""
                {"id":"${id}","guild_id":"${g}","parent_id":"${parent}","owner_id":"1","type":11,"name":"${name}",
                 "last_message_id":null,"message_count":0,"member_count":1,"rate_limit_per_user":0,"flags":0,
                 "total_message_sent":0,
                 "thread_metadata":{"archived":${archived},"auto_archive_duration":1440,"archive_timestamp":"${ts}",
                   "locked":false,"create_timestamp":"${ts}"}}""",
                "id", id, "g", guildId, "parent", parentId, "name", name, "archived", archived, "ts", ARCHIVE_JSON);
    }

    private static String messageJson(long id, long channelId, long guildId, long authorId, String content) {
        return j("""
                {"type":0,"tts":false,"timestamp":"${sent}","pinned":false,"mentions":[],"mention_roles":[],
                 "mention_everyone":false,"id":"${id}","flags":0,"embeds":[],"edited_timestamp":null,
                 "content":"${content}","components":[],"channel_type":0,"channel_id":"${c}",
                 "author":{"id":"${author}","username":"alice","discriminator":"0","global_name":"alice Display",
                   "avatar":null,"public_flags":0},
                 "attachments":[],"guild_id":"${g}"}""",
                "id", id, "c", channelId, "g", guildId, "author", authorId, "content", content, "sent", SENT_JSON);
    }

    private static String presenceJson(long guildId, long userId, String status) {
        return j("""
                {"user":{"id":"${u}"},"status":"${status}","guild_id":"${g}","client_status":{"web":"${status}"},
                 "activities":[]}""", "u", userId, "status", status, "g", guildId);
    }

    private IngestResult react(GatewayIngester gateway, String event, long userId, Ids a, long messageId,
                               String emoji, boolean burst, String member) {
        return reactOnShard(gateway, event, userId, a, messageId, emoji, burst, member, 0, 1);
    }

    private IngestResult reactOnShard(GatewayIngester gateway, String event, long userId, Ids a, long messageId,
                                      String emoji, boolean burst, String member, int shard, int shards) {
        return gateway.ingest(event, j("""
                {"user_id":"${u}","type":${type},"message_id":"${m}","message_author_id":"${author}",${member}
                 "emoji":${emoji},"channel_id":"${c}","burst":${burst},"guild_id":"${g}","burst_colors":[]}""",
                "u", userId, "type", burst ? 1 : 0, "m", messageId, "author", a.u1,
                "member", member == null ? "" : "\"member\":" + member + ",", "emoji", emoji, "c", a.c,
                "burst", burst, "g", a.g), shard, shards);
    }

    // ------------------------------------------------------------------------------------------------ Helpers

    private IngestResult ingest(String event, String data) {
        return ingester.ingest(event, data, 0, 1);
    }

    /** A guild id of shard 0 of 4, of one test. */
    private static long guildId(int test) {
        return ((1_000L + test) * 4) << 22;
    }

    /** A guild id of another shard of 4. */
    private static long shardGuildId(int shard, int n) {
        return ((1_000L + n) * 4 + shard) << 22;
    }

    /** An id (channel, user, role, message) of one test. */
    private static long id(int test, int n) {
        return test * 10_000_000L + n;
    }

    /** The template with each {@code ${name}} replaced by the value that follows that name. */
    private static String j(String template, Object... namesAndValues) {
        String text = template;
        for (int i = 0; i < namesAndValues.length; i += 2) {
            text = text.replace("${" + namesAndValues[i] + "}", String.valueOf(namesAndValues[i + 1]));
        }
        if (text.contains("${")) {
            throw new IllegalArgumentException("unfilled placeholder in " + text);
        }
        return text;
    }

    private static String idArray(long... ids) {
        return LongStream.of(ids).mapToObj(id -> "\"" + id + "\"").collect(Collectors.joining(",", "[", "]"));
    }

    private static <V extends Versioned<V>> V unversioned(V value) {
        return value == null ? null : value.withVersion(0);
    }

    private static <V extends Versioned<V>> List<V> unversioned(List<V> values) {
        return values.stream().map(IngestEventsTest::unversioned).toList();
    }

    /** Retries an assertion for a while: deletes made on the cluster reach the near cache by its events. */
    private static void eventually(Runnable assertion) {
        Await.assertion(Duration.ofSeconds(5), assertion);
    }

    /** Database assertion, retried for a while after a flush: see the class comment. */
    private interface DatabaseCheck {
        void run() throws SQLException;
    }

    private static void inDatabase(DatabaseCheck check) {
        eventually(() -> {
            try {
                check.run();
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    /** The rows of a query, each a list of its columns: arrays as lists, timestamps as instants. */
    private List<List<Object>> rows(String sql, Object... parameters) throws SQLException {
        try (Connection db = Db.connect(jdbcUrl); PreparedStatement statement = db.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            List<List<Object>> rows = new ArrayList<>();
            try (ResultSet rs = statement.executeQuery()) {
                int columns = rs.getMetaData().getColumnCount();
                while (rs.next()) {
                    List<Object> row = new ArrayList<>();
                    for (int column = 1; column <= columns; column++) {
                        row.add(plain(rs.getObject(column)));
                    }
                    rows.add(row);
                }
            }
            return rows;
        }
    }

    private static List<Object> row(Object... values) {
        return Arrays.asList(values);
    }

    private Object scalar(String sql, Object... parameters) throws SQLException {
        List<List<Object>> rows = rows(sql, parameters);
        assertEquals(1, rows.size(), "one row from " + sql);
        return rows.get(0).get(0);
    }

    private static Object plain(Object value) throws SQLException {
        if (value instanceof Array array) {
            Object[] elements = (Object[]) array.getArray();
            return Arrays.stream(elements).map(e -> e instanceof Number n ? (Object) n.longValue() : e).toList();
        }
        if (value instanceof Timestamp timestamp) {
            return timestamp.toInstant();
        }
        if (value instanceof java.time.OffsetDateTime time) {
            return time.toInstant();
        }
        return value;
    }
}
