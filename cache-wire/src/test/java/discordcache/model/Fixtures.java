package discordcache.model;

import java.time.Instant;
import java.util.List;

/**
 * Entity values for the model tests. For each entity: a current value (every nullable field set), an
 * {@code other} value with the same key and a different value in every field, and a {@code nulls} value with the
 * same key and null in every field that may be null.
 */
final class Fixtures {
    static final Instant T1 = Instant.parse("2024-01-01T10:00:00Z");
    static final Instant T2 = Instant.parse("2024-02-02T20:00:00Z");
    static final Instant T3 = Instant.parse("2024-03-03T03:00:00Z");

    static final long GUILD_ID = 1;
    static final long USER_ID = 10;
    static final long CHANNEL_ID = 20;
    static final long THREAD_ID = 30;
    static final long MESSAGE_ID = 40;

    private Fixtures() {
    }

    static User user(long version) {
        return new User(USER_ID, "alice", "0", "Alice", "avatar1", "banner1", 0x112233, 64, false, false, version);
    }

    static User otherUser() {
        return new User(USER_ID, "alice2", "1234", "Alice 2", "avatar2", "banner2", 0x445566, 128, true, true, 5);
    }

    static User userNulls() {
        return new User(USER_ID, "alice3", null, null, null, null, null, 0, false, false, 6);
    }

    static Guild guild(long version) {
        return new Guild(GUILD_ID, "guild", "icon1", "splash1", "banner1", "description1", 100, 101L, 300, 102L, 103L,
                104L, 1, 0, 0, 0, 0, 1, 2, "en-US", "vanity1", List.of("COMMUNITY"), 50, false, T1,
                List.of(new Role(GUILD_ID, "@everyone", 0, false, null, null, 0, 1, false, false, 0)),
                List.of(new Emoji(200, "smile", Snowflakes.empty(), true, false, false, true)), false, version);
    }

    static Guild otherGuild() {
        return new Guild(GUILD_ID, "guild2", "icon2", "splash2", "banner2", "description2", 110, 111L, 900, 112L,
                113L, 114L, 2, 1, 2, 1, 3, 2, 7, "de", "vanity2", List.of("NEWS", "DISCOVERABLE"), 51, true, T2,
                List.of(new Role(GUILD_ID, "@everyone", 1, true, "roleicon", "x", 1, 2, true, true, 1)),
                List.of(new Emoji(201, "frown", Snowflakes.of(5), false, true, true, false)), true, 5);
    }

    static Guild guildNulls() {
        return new Guild(GUILD_ID, "guild3", null, null, null, null, 120, null, 60, null, null, null, 3, 0, 1, 0, 1, 0,
                0, null, null, null, 0, false, null, null, null, false, 6);
    }

    static Member member(long version) {
        return new Member(GUILD_ID, USER_ID, "nick1", "avatar1", "banner1", Snowflakes.of(7, 8), T1, T2, false, false,
                false, 0, T3, version);
    }

    static Member otherMember() {
        return new Member(GUILD_ID, USER_ID, "nick2", "avatar2", "banner2", Snowflakes.of(9), T2, T3, true, true, true,
                4, T1, 5);
    }

    static Member memberNulls() {
        return new Member(GUILD_ID, USER_ID, null, null, null, null, null, null, false, false, false, 2, null, 6);
    }

    static Channel channel(long version) {
        return new Channel(CHANNEL_ID, GUILD_ID, 0, "general", 1, 21L, "topic1", false, 41L, 0, 0, 0, 0, T1,
                List.of(new PermissionOverwrite(GUILD_ID, PermissionOverwrite.ROLE, 1, 2)), version);
    }

    static Channel otherChannel() {
        return new Channel(CHANNEL_ID, 2L, 5, "news", 2, 22L, "topic2", true, 42L, 10, 64000, 5, 16, T2,
                List.of(new PermissionOverwrite(USER_ID, PermissionOverwrite.MEMBER, 4, 8)), 5);
    }

    static Channel channelNulls() {
        return new Channel(CHANNEL_ID, null, 1, null, 3, null, null, false, null, 1, 1, 1, 1, null, null, 6);
    }

    static ThreadChannel thread(long version) {
        return new ThreadChannel(THREAD_ID, GUILD_ID, CHANNEL_ID, USER_ID, 11, "thread1", 43L, 5, 3, 0, 0,
                Snowflakes.of(300), new ThreadMetadata(false, 1440, T1, false, true, T1), version);
    }

    static ThreadChannel otherThread() {
        return new ThreadChannel(THREAD_ID, 2, 23, 11L, 12, "thread2", 44L, 6, 4, 30, 2, Snowflakes.of(301, 302),
                new ThreadMetadata(true, 60, T2, true, false, T2), 5);
    }

    static ThreadChannel threadNulls() {
        return new ThreadChannel(THREAD_ID, 3, 24, null, 10, null, null, 0, 0, 1, 1, null,
                new ThreadMetadata(false, 4320, null, false, null, null), 6);
    }

    static Message message(long version) {
        return new Message(MESSAGE_ID, CHANNEL_ID, GUILD_ID, USER_ID, "hello", T1, T2, 0, 0, false, false, false, 50L,
                Snowflakes.of(11), Snowflakes.of(12), 39L, "[{\"id\":1}]", "[{\"title\":\"a\"}]", "[{\"type\":1}]",
                List.of(new Reaction(null, "👍", false, 1, 0, false, false)), version);
    }

    static Message otherMessage() {
        return new Message(MESSAGE_ID, CHANNEL_ID, 2L, 13, "hello, edited", T2, T3, 19, 4, true, true, true, 51L,
                Snowflakes.of(14, 15), Snowflakes.of(16), 38L, "[]", "[{\"title\":\"b\"}]", "[]",
                List.of(new Reaction(202L, "party", true, 3, 1, true, true)), 5);
    }

    static Message messageNulls() {
        return new Message(MESSAGE_ID, CHANNEL_ID, null, 14, null, T3, null, 1, 1, false, false, false, null, null,
                null, null, null, null, null, null, 6);
    }

    static Presence presence(long version) {
        return new Presence(GUILD_ID, USER_ID, "online", new ClientStatus("online", "idle", null), "[{\"type\":0}]",
                version);
    }

    static Presence otherPresence() {
        return new Presence(GUILD_ID, USER_ID, "dnd", new ClientStatus(null, "dnd", "dnd"), "[{\"type\":4}]", 5);
    }

    static Presence presenceNulls() {
        return new Presence(GUILD_ID, USER_ID, "offline", null, null, 6);
    }

    static UnavailableGuild unavailableGuild(long version) {
        return new UnavailableGuild(GUILD_ID, version);
    }
}
