package discordcache.model;

/**
 * The fields of a {@link ThreadChannel} that a {@link Patch} can update: all but its key ({@code id}) and its version.
 * {@link #METADATA} replaces the whole {@link ThreadMetadata} and {@link #APPLIED_TAGS} the whole tag list. The
 * constants' order is part of the wire format of patches (their ordinals are the bits of {@link Patch#fieldMask()}):
 * add new constants only at the end.
 */
public enum ThreadField implements EntityField<ThreadChannel> {
    GUILD_ID, PARENT_ID, OWNER_ID, TYPE, NAME, LAST_MESSAGE_ID, MESSAGE_COUNT, MEMBER_COUNT, RATE_LIMIT_PER_USER, FLAGS,
    APPLIED_TAGS, METADATA;

    /** {@code c} with the fields {@code p} names taken from the patch's values; key and version from {@code c}. */
    static ThreadChannel merge(ThreadChannel c, Patch<ThreadChannel> p) {
        return new ThreadChannel(c.id(), p.from(GUILD_ID, c).guildId(), p.from(PARENT_ID, c).parentId(),
                p.from(OWNER_ID, c).ownerId(), p.from(TYPE, c).type(), p.from(NAME, c).name(),
                p.from(LAST_MESSAGE_ID, c).lastMessageId(), p.from(MESSAGE_COUNT, c).messageCount(),
                p.from(MEMBER_COUNT, c).memberCount(), p.from(RATE_LIMIT_PER_USER, c).rateLimitPerUser(),
                p.from(FLAGS, c).flags(), p.from(APPLIED_TAGS, c).appliedTags(), p.from(METADATA, c).metadata(),
                c.version());
    }
}
