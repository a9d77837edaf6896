package discordcache.wire.onnode;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceAware;
import com.hazelcast.map.IMap;
import discordcache.model.CacheMap;
import discordcache.model.MemberKey;
import discordcache.model.PresenceKey;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;

/**
 * Lists or counts a guild's members or presences on the member that owns the guild's partition. Submit it with
 * {@code IExecutorService.submitToKeyOwner(query, Long.toString(guildId))}.
 *
 * <p>It reads the guild's {@link GuildIndex} and then exactly the entries it lists, so it costs the size of the
 * guild, not of its partition. The answer is complete even when the map keeps only part of its entries in memory:
 * the index lists those evicted to PostgreSQL too, and they are read back through the map's loader (which also
 * brings them back into memory); ids whose entry is gone are dropped.
 */
public final class GuildSliceQuery implements Callable<Object>, HazelcastInstanceAware {
    /** What the query answers. */
    public enum Mode {
        /** The values, a {@code List}. */
        VALUES,
        /** How many there are, a {@code Long}. */
        COUNT
    }

    private final String mapName;
    private final long guildId;
    private final Mode mode;
    private transient HazelcastInstance member;

    /**
     * @param mapName {@code members} or {@code presences}
     * @param guildId the guild
     * @param mode    what to answer
     * @throws IllegalArgumentException for another map
     */
    public GuildSliceQuery(String mapName, long guildId, Mode mode) {
        if (!mapName.equals(CacheMap.MEMBERS.name()) && !mapName.equals(CacheMap.PRESENCES.name())) {
            throw new IllegalArgumentException("Map '" + mapName + "' is not keyed by guild; guild slices exist for "
                    + CacheMap.MEMBERS + " and " + CacheMap.PRESENCES);
        }
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
        HazelcastInstance hazelcast = MemberSide.requireMember(member, this);
        boolean members = mapName.equals(CacheMap.MEMBERS.name());
        long[] ids = hazelcast.<String, GuildIndex>getMap(GuildIndex.MAP_NAME).executeOnKey(GuildIndex.key(guildId),
                new GuildIndexRead(members ? GuildIndex.Kind.MEMBERS : GuildIndex.Kind.PRESENCES));
        Set<Object> keys = new HashSet<>(ids.length * 2);
        for (long userId : ids) {
            keys.add(members ? new MemberKey(guildId, userId) : new PresenceKey(guildId, userId));
        }
        IMap<Object, Object> map = hazelcast.getMap(mapName);
        Map<Object, Object> found = new HashMap<>(keys.size() * 2);
        MemberSide.getAll(map, keys, found);
        return mode == Mode.COUNT ? (Object) (long) found.size() : new ArrayList<>(found.values());
    }

    @Override
    public String toString() {
        return "GuildSliceQuery[" + mapName + " of guild " + guildId + ", " + mode + "]";
    }
}
