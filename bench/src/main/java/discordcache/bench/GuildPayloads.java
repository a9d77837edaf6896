package discordcache.bench;

import java.util.Random;

/**
 * GUILD_CREATE payloads of a realistic mix of guild sizes, deterministic for a seed: sizes follow a Pareto law
 * (minimum 10, shape 1.2, mean about 50: most guilds small, one in four thousand over 10,000 members, capped at
 * {@code maxMembers}), members are drawn from a shared pool of users (a user is in several guilds, and looks the same
 * in each), one in ten members is online (a presence), and a guild has a few channels, more when it is larger.
 */
final class GuildPayloads {
    /** One guild's payload and what a Redis-backed cache needs of it. */
    record Guild(long id, String payload, long[] userIds) {
        int members() {
            return userIds.length;
        }
    }

    private static final double SHAPE = 1.2;
    private static final int SMALLEST = 10;

    private final Random random;
    private final long userPool;
    private final int maxMembers;
    private long nextGuild;

    /**
     * @param seed       the seed of the sizes and memberships
     * @param firstGuild the first guild's sequence number (guild ids are snowflakes made of it)
     * @param userPool   how many distinct users the members are drawn from
     * @param maxMembers the largest guild
     */
    GuildPayloads(long seed, long firstGuild, long userPool, int maxMembers) {
        this.random = new Random(seed);
        this.nextGuild = firstGuild;
        this.userPool = userPool;
        this.maxMembers = maxMembers;
    }

    /** A size drawn from the mix. */
    int nextSize() {
        double pareto = SMALLEST / Math.pow(1 - random.nextDouble(), 1 / SHAPE);
        return (int) Math.min(maxMembers, pareto);
    }

    /** The next guild, of a size drawn from the mix. */
    Guild next() {
        return next(nextSize());
    }

    /** The next guild, of {@code members} members. */
    Guild next(int members) {
        long guildId = (1_000_000L + nextGuild++) << 22;
        long[] userIds = random.longs(members * 2L, 0, userPool).distinct().limit(members)
                .map(GuildPayloads::userId).toArray();
        return new Guild(guildId, payload(guildId, userIds), userIds);
    }

    /** The snowflake of the n-th user of the pool. */
    static long userId(long n) {
        return (700_000_000_000L + n) << 22 | (n & 0x3FFFFF);
    }

    /** The GUILD_CREATE dispatch of a guild with these members. */
    static String payload(long guildId, long[] userIds) {
        int channels = 2 + Math.min(50, userIds.length / 200);
        StringBuilder payload = new StringBuilder(userIds.length * 330 + 600 + channels * 150);
        payload.append("{\"op\":0,\"s\":1,\"t\":\"GUILD_CREATE\",\"d\":{\"id\":\"").append(guildId)
                .append("\",\"name\":\"guild ").append(guildId % 100_000).append("\",\"icon\":null,\"owner_id\":\"")
                .append(userIds.length == 0 ? 1 : userIds[0]).append("\",\"afk_timeout\":300,\"roles\":[");
        for (int r = 0; r < 5; r++) {
            long roleId = r == 0 ? guildId : guildId + 10 + r;
            payload.append(r == 0 ? "" : ",").append("{\"id\":\"").append(roleId).append("\",\"name\":\"")
                    .append(r == 0 ? "@everyone" : "role " + r).append("\",\"permissions\":\"1024\",\"position\":")
                    .append(r).append(",\"color\":0,\"hoist\":false,\"managed\":false,\"mentionable\":false}");
        }
        payload.append("],\"emojis\":[],\"features\":[],\"member_count\":").append(userIds.length)
                .append(",\"large\":").append(userIds.length > 250).append(",\"channels\":[");
        for (int c = 0; c < channels; c++) {
            payload.append(c == 0 ? "" : ",").append("{\"id\":\"").append(guildId + 100 + c)
                    .append("\",\"type\":0,\"name\":\"channel-").append(c).append("\",\"position\":").append(c)
                    .append(",\"parent_id\":null,\"topic\":null,\"nsfw\":false,\"permission_overwrites\":[]}");
        }
        payload.append("],\"threads\":[],\"presences\":[");
        int online = 0;
        for (int m = 0; m < userIds.length; m += 10) {
            payload.append(online++ == 0 ? "" : ",").append("{\"user\":{\"id\":\"").append(userIds[m])
                    .append("\"},\"status\":\"online\",\"activities\":[],\"client_status\":{\"desktop\":\"online\"}}");
        }
        payload.append("],\"members\":[");
        for (int m = 0; m < userIds.length; m++) {
            payload.append(m == 0 ? "" : ",").append(member(guildId, userIds[m]));
        }
        return payload.append("]}}").toString();
    }

    /** A member as Discord sends it, with its user: the same user reads the same in every guild. */
    static String member(long guildId, long userId) {
        return "{\"user\":{\"id\":\"" + userId + "\",\"username\":\"user" + userId % 1_000_000 + "\","
                + "\"discriminator\":\"0\",\"global_name\":\"User " + userId % 10_000 + "\",\"avatar\":\""
                + Long.toHexString(userId * 31) + "\",\"public_flags\":0},\"nick\":null,\"roles\":[\"" + (guildId + 11)
                + "\",\"" + (guildId + 12) + "\",\"" + (guildId + 13) + "\"],\"joined_at\":\"2023-04-05T06:07:08"
                + ".123456+00:00\",\"premium_since\":null,\"deaf\":false,\"mute\":false,\"pending\":false,"
                + "\"flags\":0}";
    }
}
