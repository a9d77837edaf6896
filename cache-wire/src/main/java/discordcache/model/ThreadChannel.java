package discordcache.model;

import java.util.Objects;

/**
 * A thread (channel types 10, 11, 12) under a text, announcement, forum or media channel.
 *
 * @param id               the thread's snowflake
 * @param guildId          the guild
 * @param parentId         the channel the thread belongs to
 * @param ownerId          the user who created it, or null
 * @param type             10 announcement thread, 11 public thread, 12 private thread
 * @param name             the name, or null
 * @param lastMessageId    the newest message id Discord reported, or null
 * @param messageCount     the approximate number of messages
 * @param memberCount      the approximate number of members (caps at 50)
 * @param rateLimitPerUser the slow-mode delay in seconds
 * @param flags            the channel flags bitfield
 * @param appliedTags      the forum tags applied to the thread
 * @param metadata         the thread-only state
 * @param version          the writer's version of this value
 */
public record ThreadChannel(long id, long guildId, long parentId, Long ownerId, int type, String name,
                            Long lastMessageId, int messageCount, int memberCount, int rateLimitPerUser, int flags,
                            Snowflakes appliedTags, ThreadMetadata metadata, long version)
        implements Versioned<ThreadChannel> {
    public ThreadChannel {
        appliedTags = appliedTags == null ? Snowflakes.empty() : appliedTags;
        Objects.requireNonNull(metadata, "metadata is null");
    }

    /** This thread with another version stamp. */
    @Override
    public ThreadChannel withVersion(long newVersion) {
        return new ThreadChannel(id, guildId, parentId, ownerId, type, name, lastMessageId, messageCount, memberCount,
                rateLimitPerUser, flags, appliedTags, metadata, newVersion);
    }
}
