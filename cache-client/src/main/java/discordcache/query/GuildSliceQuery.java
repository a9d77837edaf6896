package discordcache.query;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceAware;

import java.util.ArrayList;
import java.util.concurrent.Callable;

/**
 * Lists a guild's members or presences, or counts them, on the member that owns the guild's partition. Submit
 * it with {@code IExecutorService.submitToKeyOwner(query, Long.toString(guildId))}.
 *
 * <p>The answer is complete even when the map keeps only part of its entries in memory: the ids PostgreSQL
 * holds for the guild are read back through the map's loader (which also brings them back into memory).
 */
public final class GuildSliceQuery implements Callable<Object>, HazelcastInstanceAware {
    private final String mapName;
    private final long guildId;
    private final boolean countOnly;
    private transient HazelcastInstance member;

    /**
     * @param mapName   {@code members} or {@code presences}
     * @param guildId   the guild
     * @param countOnly whether to answer the number of entries (a {@code Long}) instead of their values
     *                  (a {@code List})
     */
    public GuildSliceQuery(String mapName, long guildId, boolean countOnly) {
        this.mapName = mapName;
        this.guildId = guildId;
        this.countOnly = countOnly;
    }

    public String mapName() {
        return mapName;
    }

    public long guildId() {
        return guildId;
    }

    public boolean countOnly() {
        return countOnly;
    }

    @Override
    public void setHazelcastInstance(HazelcastInstance hazelcastInstance) {
        this.member = hazelcastInstance;
    }

    @Override
    public Object call() {
        GuildSlice<?, ?> slice = GuildSlice.of(MemberSide.requireMember(member, this), mapName, guildId);
        return countOnly ? (Object) slice.count() : new ArrayList<>(slice.entries().values());
    }

    @Override
    public String toString() {
        return "GuildSliceQuery[" + mapName + " of guild " + guildId + (countOnly ? ", count" : "") + "]";
    }
}
