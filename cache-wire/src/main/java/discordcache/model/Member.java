package discordcache.model;

import java.time.Instant;

/**
 * A user's membership of a guild; keyed by {@link MemberKey}. The user's account data is the separate
 * {@link User} entity.
 *
 * @param guildId                    the guild
 * @param userId                     the user
 * @param nick                       the guild nickname, or null
 * @param avatar                     the guild avatar hash, or null
 * @param banner                     the guild banner hash, or null
 * @param roles                      the member's role ids (without {@code @everyone})
 * @param joinedAt                   when the user joined, or null (voice guests)
 * @param premiumSince               when the user started boosting, or null
 * @param deaf                       whether the member is server-deafened
 * @param mute                       whether the member is server-muted
 * @param pending                    whether the member has not yet passed membership screening
 * @param flags                      the member flags bitfield
 * @param communicationDisabledUntil the end of the member's timeout, or null
 * @param version                    the writer's version of this value
 */
public record Member(long guildId, long userId, String nick, String avatar, String banner, Snowflakes roles,
                     Instant joinedAt, Instant premiumSince, boolean deaf, boolean mute, boolean pending, int flags,
                     Instant communicationDisabledUntil, long version) implements Versioned<Member> {
    public Member {
        roles = roles == null ? Snowflakes.empty() : roles;
    }

    /** The key this member is cached under. */
    public MemberKey key() {
        return new MemberKey(guildId, userId);
    }

    /** This member with another version stamp. */
    @Override
    public Member withVersion(long newVersion) {
        return new Member(guildId, userId, nick, avatar, banner, roles, joinedAt, premiumSince, deaf, mute, pending,
                flags, communicationDisabledUntil, newVersion);
    }
}
