package discordcache.model;

import java.time.Instant;

/**
 * The thread-only state of a {@link ThreadChannel}.
 *
 * @param archived            whether the thread is archived
 * @param autoArchiveDuration minutes of inactivity before it archives (60, 1440, 4320, 10080)
 * @param archiveTimestamp    when the archive status last changed, or null
 * @param locked              whether only moderators may unarchive it
 * @param invitable           whether non-moderators may add members (private threads), or null
 * @param createTimestamp     when the thread was created (threads since 2022), or null
 */
public record ThreadMetadata(boolean archived, int autoArchiveDuration, Instant archiveTimestamp, boolean locked,
                             Boolean invitable, Instant createTimestamp) {
}
