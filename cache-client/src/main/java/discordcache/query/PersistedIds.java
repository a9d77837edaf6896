package discordcache.query;

import discordcache.model.CacheMap;

/**
 * The ids PostgreSQL holds for one guild's or one channel's entities. A query adds them to what it finds in
 * memory when a map does not hold every entry in memory (it is bounded, expires entries, or loads lazily), so
 * that an entry evicted from memory is still part of the answer.
 *
 * <p>A cache node puts its implementation into the member's user context under {@link #USER_CONTEXT_KEY}. On a
 * member without it, queries answer from memory alone. Implementations are thread-safe.
 */
public interface PersistedIds {
    /** The key of the implementation in {@code Config.getUserContext()}. */
    String USER_CONTEXT_KEY = "discordcache.persistedIds";

    /**
     * The user ids of a guild's rows in the table of {@code map}, one of members and presences.
     *
     * @throws IllegalArgumentException for a map that is not scoped by guild
     */
    long[] idsOfGuild(CacheMap<?, ?> map, long guildId);

    /** The user ids of a guild's member rows that list {@code roleId} among their roles. */
    long[] memberIdsWithRole(long guildId, long roleId);

    /** The ids of the channel's newest persisted messages older than {@code beforeId}, newest first. */
    long[] messageIdsBefore(long channelId, long beforeId, int limit);

    /** How many rows PostgreSQL refused and the node kept in the dead-letter table. */
    long deadLetterCount();
}
