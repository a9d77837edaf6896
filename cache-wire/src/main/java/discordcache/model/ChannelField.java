package discordcache.model;

/**
 * The fields of a {@link Channel} that a {@link Patch} can update: all but its key ({@code id}) and its version.
 * {@link #PERMISSION_OVERWRITES} replaces the whole list. The constants' order is part of the wire format of patches
 * (their ordinals are the bits of {@link Patch#fieldMask()}): add new constants only at the end.
 */
public enum ChannelField implements EntityField<Channel> {
    GUILD_ID, TYPE, NAME, POSITION, PARENT_ID, TOPIC, NSFW, LAST_MESSAGE_ID, RATE_LIMIT_PER_USER, BITRATE, USER_LIMIT,
    FLAGS, LAST_PIN_TIMESTAMP, PERMISSION_OVERWRITES;

    /** {@code c} with the fields {@code p} names taken from the patch's values; key and version from {@code c}. */
    static Channel merge(Channel c, Patch<Channel> p) {
        return new Channel(c.id(), p.from(GUILD_ID, c).guildId(), p.from(TYPE, c).type(), p.from(NAME, c).name(),
                p.from(POSITION, c).position(), p.from(PARENT_ID, c).parentId(), p.from(TOPIC, c).topic(),
                p.from(NSFW, c).nsfw(), p.from(LAST_MESSAGE_ID, c).lastMessageId(),
                p.from(RATE_LIMIT_PER_USER, c).rateLimitPerUser(), p.from(BITRATE, c).bitrate(),
                p.from(USER_LIMIT, c).userLimit(), p.from(FLAGS, c).flags(),
                p.from(LAST_PIN_TIMESTAMP, c).lastPinTimestamp(),
                p.from(PERMISSION_OVERWRITES, c).permissionOverwrites(), c.version());
    }
}
