package discordcache.model;

import java.time.Instant;
import java.util.List;

/**
 * A guild channel or a DM channel (threads are {@link ThreadChannel}s).
 *
 * @param id                   the channel's snowflake
 * @param guildId              the guild, or null for a DM
 * @param type                 the Discord channel type (0 text, 1 DM, 2 voice, 4 category, 5 announcement, …);
 *                             unknown future types are kept as they are
 * @param name                 the name, or null
 * @param position             the sort position
 * @param parentId             the category, or null
 * @param topic                the topic, or null
 * @param nsfw                 whether the channel is age-restricted
 * @param lastMessageId        the newest message id Discord reported, or null
 * @param rateLimitPerUser     the slow-mode delay in seconds
 * @param bitrate              the voice bitrate (voice channels), else 0
 * @param userLimit            the voice user limit (voice channels), else 0
 * @param flags                the channel flags bitfield
 * @param lastPinTimestamp     when a message was last pinned, or null
 * @param permissionOverwrites the channel's permission overwrites
 * @param version              the writer's version of this value
 */
public record Channel(long id, Long guildId, int type, String name, int position, Long parentId, String topic,
                      boolean nsfw, Long lastMessageId, int rateLimitPerUser, int bitrate, int userLimit, int flags,
                      Instant lastPinTimestamp, List<PermissionOverwrite> permissionOverwrites, long version)
        implements Versioned<Channel> {
    public Channel {
        permissionOverwrites = permissionOverwrites == null ? List.of() : List.copyOf(permissionOverwrites);
    }

    /** This channel with another version stamp. */
    @Override
    public Channel withVersion(long newVersion) {
        return new Channel(id, guildId, type, name, position, parentId, topic, nsfw, lastMessageId, rateLimitPerUser,
                bitrate, userLimit, flags, lastPinTimestamp, permissionOverwrites, newVersion);
    }
}
