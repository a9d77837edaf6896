package discordcache.testing;

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
import discordcache.model.Snowflakes;
import discordcache.model.ThreadChannel;
import discordcache.model.ThreadMetadata;
import discordcache.model.UnavailableGuild;
import discordcache.model.User;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Random;

/**
 * Realistic entities for tests and benchmarks, deterministic for a seed. Ids are snowflake-shaped; optional
 * fields are sometimes null; timestamps carry microseconds, as Discord's do.
 */
public final class Entities {
    private static final long DISCORD_EPOCH = 1_420_070_400_000L;
    private final Random random;

    public Entities(long seed) {
        this.random = new Random(seed);
    }

    /** A snowflake for a moment in 2020–2026 with a distinguishing sequence. */
    public long snowflake(long sequence) {
        long millis = 1_577_836_800_000L + (random.nextLong() & 0xFFFF_FFFFL) * 40 - DISCORD_EPOCH;
        return (millis << 22) | (sequence & 0x3F_FFFF);
    }

    public Instant instant() {
        return Instant.parse("2021-01-01T00:00:00Z").plus(random.nextInt(1_000_000_000), ChronoUnit.MILLIS)
                .plusNanos(random.nextInt(1_000) * 1_000L);
    }

    private String maybe(String value) {
        return random.nextBoolean() ? value : null;
    }

    public User user(long id, long version) {
        return new User(id, "user" + id % 100_000, "0", maybe("Display " + id % 977), maybe("a_" + Long.toHexString(id)),
                null, random.nextInt(4) == 0 ? random.nextInt(0xFFFFFF) : null, random.nextInt(3) * 64,
                random.nextInt(20) == 0, false, version);
    }

    public Guild guild(long id, List<Long> roleIds, long version) {
        List<Role> roles = roleIds.stream().map(roleId -> new Role(roleId, roleId == id ? "@everyone" : "role " + roleId % 1000,
                random.nextInt(0xFFFFFF), random.nextBoolean(), null, maybe("\uD83D\uDE00"), random.nextInt(50),
                random.nextLong() & 0x3FFFFFFFFFFFL, false, random.nextBoolean(), 0)).toList();
        List<Emoji> emojis = List.of(
                new Emoji(id + 1, "blob" + id % 100, Snowflakes.empty(), true, false, false, true),
                new Emoji(id + 2, "party", Snowflakes.of(roleIds.get(roleIds.size() - 1)), true, false, true, true));
        return new Guild(id, "Guild " + id % 10_000 + " \u00e9\u00e8", maybe("icon" + id), null, null, maybe("A guild"),
                snowflake(7), null, 300, snowflake(8), null, null, 2, 1, 2, 0, 0, random.nextInt(4),
                random.nextInt(30), "en-US", null, List.of("COMMUNITY", "NEWS"), 1_000 + random.nextInt(5_000),
                random.nextBoolean(), instant(), roles, emojis, false, version);
    }

    /** A typical member: a few roles, usually no nick. */
    public Member member(long guildId, long userId, List<Long> roleIds, long version) {
        long[] roles = new long[Math.min(3, roleIds.size())];
        for (int i = 0; i < roles.length; i++) {
            roles[i] = roleIds.get(random.nextInt(roleIds.size()));
        }
        return new Member(guildId, userId, random.nextInt(5) == 0 ? "nick" + userId % 1000 : null, null, null,
                Snowflakes.of(roles), instant(), random.nextInt(10) == 0 ? instant() : null, false, false, false,
                random.nextInt(2), random.nextInt(50) == 0 ? instant() : null, version);
    }

    public Channel channel(long id, long guildId, Long parentId, long version) {
        List<PermissionOverwrite> overwrites = List.of(
                new PermissionOverwrite(guildId, PermissionOverwrite.ROLE, 0, 1024),
                new PermissionOverwrite(snowflake(9), PermissionOverwrite.MEMBER, 1024 | 2048, 0));
        return new Channel(id, guildId, random.nextInt(3) == 0 ? 2 : 0, "channel-" + id % 1000, random.nextInt(40),
                parentId, maybe("Topic \"quoted\" \\ backslash"), random.nextInt(8) == 0, random.nextBoolean() ? snowflake(12) : null, random.nextInt(10),
                0, 0, 0, random.nextBoolean() ? instant() : null, overwrites, version);
    }

    public ThreadChannel thread(long id, long guildId, long parentId, long version) {
        return new ThreadChannel(id, guildId, parentId, snowflake(10), 11, "thread " + id % 1000, null,
                random.nextInt(50), random.nextInt(50), 0, 0, Snowflakes.of(snowflake(11)),
                new ThreadMetadata(false, 1440, instant(), false, random.nextBoolean() ? null : Boolean.TRUE, instant()),
                version);
    }

    public Message message(long id, long channelId, long guildId, long authorId, long version) {
        return new Message(id, channelId, guildId, authorId, "hello \uD83D\uDC4B message " + id % 10_000, instant(),
                random.nextInt(5) == 0 ? instant() : null, 0, 0, false, false, false, null,
                Snowflakes.of(authorId), Snowflakes.empty(), null,
                // PostgreSQL's own jsonb rendering, so that records compare equal after a round trip.
                "[{\"id\": \"" + id + "\", \"size\": 1234, \"filename\": \"a.png\"}]", "[]", "[]",
                random.nextBoolean() ? List.of(new Reaction(null, "\uD83D\uDC4D", false, 3, 1, true, false)) : List.of(),
                version);
    }

    public Presence presence(long guildId, long userId, long version) {
        return new Presence(guildId, userId, random.nextBoolean() ? "online" : "idle",
                new ClientStatus("online", maybe("idle"), null),
                "[{\"name\": \"Custom Status\", \"type\": 4, \"state\": \"coding\", \"created_at\": 1700000000000}]",
                version);
    }

    public UnavailableGuild unavailableGuild(long id, long version) {
        return new UnavailableGuild(id, version);
    }
}
