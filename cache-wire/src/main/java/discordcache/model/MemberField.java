package discordcache.model;

/**
 * The fields of a {@link Member} that a {@link Patch} can update: all but its key ({@code guildId}, {@code userId}) and
 * its version. {@link #ROLES} replaces the whole role list. The constants' order is part of the wire format of patches
 * (their ordinals are the bits of {@link Patch#fieldMask()}): add new constants only at the end.
 */
public enum MemberField implements EntityField<Member> {
    NICK, AVATAR, BANNER, ROLES, JOINED_AT, PREMIUM_SINCE, DEAF, MUTE, PENDING, FLAGS, COMMUNICATION_DISABLED_UNTIL;

    /** {@code c} with the fields {@code p} names taken from the patch's values; key and version from {@code c}. */
    static Member merge(Member c, Patch<Member> p) {
        return new Member(c.guildId(), c.userId(), p.from(NICK, c).nick(), p.from(AVATAR, c).avatar(),
                p.from(BANNER, c).banner(), p.from(ROLES, c).roles(), p.from(JOINED_AT, c).joinedAt(),
                p.from(PREMIUM_SINCE, c).premiumSince(), p.from(DEAF, c).deaf(), p.from(MUTE, c).mute(),
                p.from(PENDING, c).pending(), p.from(FLAGS, c).flags(),
                p.from(COMMUNICATION_DISABLED_UNTIL, c).communicationDisabledUntil(), c.version());
    }
}
