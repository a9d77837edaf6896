package discordcache.query;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceAware;

import java.util.ArrayList;
import java.util.concurrent.Callable;

/**
 * Lists, counts or deletes a guild's members or presences on the member that owns the guild's partition.
 * Submit it with {@code IExecutorService.submitToKeyOwner(query, Long.toString(guildId))}.
 *
 * <p>The answer is complete even when the map keeps only part of its entries in memory: the ids PostgreSQL
 * holds for the guild are read back through the map's loader (which also brings them back into memory).
 */
public final class GuildSliceQuery implements Callable<Object>, HazelcastInstanceAware {
    /** What the query answers. */
    public enum Mode {
        /** The values, a {@code List}. */
        VALUES,
        /** How many there are, a {@code Long}. */
        COUNT,
        /** Deletes them all (through write-behind, like any delete) and answers how many, a {@code Long}. */
        DELETE
    }

    private final String mapName;
    private final long guildId;
    private final Mode mode;
    private transient HazelcastInstance member;

    /**
     * @param mapName {@code members} or {@code presences}
     * @param guildId the guild
     * @param mode    what to answer
     */
    public GuildSliceQuery(String mapName, long guildId, Mode mode) {
        this.mapName = mapName;
        this.guildId = guildId;
        this.mode = mode;
    }

    public String mapName() {
        return mapName;
    }

    public long guildId() {
        return guildId;
    }

    public Mode mode() {
        return mode;
    }

    @Override
    public void setHazelcastInstance(HazelcastInstance hazelcastInstance) {
        this.member = hazelcastInstance;
    }

    @Override
    public Object call() {
        GuildSlice<?, ?> slice = GuildSlice.of(MemberSide.requireMember(member, this), mapName, guildId);
        return switch (mode) {
            case VALUES -> new ArrayList<>(slice.entries().values());
            case COUNT -> slice.count();
            case DELETE -> slice.delete();
        };
    }

    @Override
    public String toString() {
        return "GuildSliceQuery[" + mapName + " of guild " + guildId + ", " + mode + "]";
    }
}
