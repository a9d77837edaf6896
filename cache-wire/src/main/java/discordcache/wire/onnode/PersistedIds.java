package discordcache.wire.onnode;

import com.hazelcast.config.EvictionPolicy;
import com.hazelcast.config.MapConfig;
import com.hazelcast.config.MapStoreConfig;
import com.hazelcast.core.HazelcastInstance;

/**
 * The ids PostgreSQL holds beyond what a member's memory holds: the newest messages of a channel, and the members of
 * a guild that list a role. The member-side tasks add them to what the indexes list when a map does not hold every
 * entry in memory (it is bounded, expires entries, or loads lazily), so that an entry evicted from memory is still
 * part of the answer.
 *
 * <p>A cache node puts its implementation into the member's user context under {@link #USER_CONTEXT_KEY}. On a
 * member without it, tasks answer from memory alone. Implementations are thread-safe.
 */
public interface PersistedIds {
    /** The key of the implementation in {@code Config.getUserContext()}. */
    String USER_CONTEXT_KEY = "discordcache.persistedIds";

    /** The user ids of a guild's member rows that list {@code roleId} among their roles. */
    long[] memberIdsWithRole(long guildId, long roleId);

    /** The ids of the channel's newest persisted messages older than {@code beforeId}, newest first. */
    long[] messageIdsBefore(long channelId, long beforeId, int limit);

    /** How many rows PostgreSQL refused and the node kept in the dead-letter table. */
    long deadLetterCount();

    /**
     * Whether {@code member}'s memory holds every entry of the map by its configuration: the map has a store,
     * loads everything at start and never drops an entry (no bound, no expiry). Then an entry missing from memory
     * is missing from PostgreSQL too, and operations on such entries need not load them.
     */
    static boolean memoryHoldsAll(HazelcastInstance member, String mapName) {
        MapConfig config = member.getConfig().findMapConfig(mapName);
        MapStoreConfig store = config.getMapStoreConfig();
        return store != null && store.isEnabled()
                && store.getInitialLoadMode() == MapStoreConfig.InitialLoadMode.EAGER
                && config.getEvictionConfig().getEvictionPolicy() == EvictionPolicy.NONE
                && config.getTimeToLiveSeconds() == 0 && config.getMaxIdleSeconds() == 0;
    }

    /**
     * The ids PostgreSQL holds, when the map has a store and its memory may lack some of its entries; null when
     * memory holds everything there is, or when the member has no database.
     */
    static PersistedIds ifMemoryLacksSome(HazelcastInstance member, String mapName) {
        MapStoreConfig store = member.getConfig().findMapConfig(mapName).getMapStoreConfig();
        if (store == null || !store.isEnabled() || memoryHoldsAll(member, mapName)) {
            return null;
        }
        return (PersistedIds) member.getUserContext().get(USER_CONTEXT_KEY);
    }
}
