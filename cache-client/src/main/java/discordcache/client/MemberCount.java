package discordcache.client;

import discordcache.model.Guild;

/**
 * How many members of a guild the cache holds, beside the count Discord reported.
 *
 * @param cached   the guild's members in the cache
 * @param reported the guild's {@code member_count} as Discord last reported it (kept current by member add and
 *                 remove events), or null when the guild itself is not cached
 * @param complete whether the cached members are all of them: the cache was sent the guild's whole member list
 *                 (see {@code Guild.memberListComplete}), or it holds at least as many members as Discord reported
 */
public record MemberCount(long cached, Integer reported, boolean complete) {
    static MemberCount of(long cached, Guild guild) {
        Integer reported = guild == null ? null : guild.memberCount();
        return new MemberCount(cached, reported,
                guild != null && (guild.memberListComplete() || cached >= guild.memberCount()));
    }
}
