package discordcache.query;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import com.hazelcast.query.Predicate;
import discordcache.model.CacheMap;
import discordcache.model.MemberKey;
import discordcache.model.PresenceKey;

import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One guild's entries of a map whose keys live in the guild's partition (members, presences), as seen from the
 * member that owns that partition: the entries in memory, plus, when the map may have dropped some from
 * memory, those PostgreSQL holds, read back through the map's loader.
 */
final class GuildSlice<K, V> {
    private final IMap<K, V> map;
    private final CacheMap<K, V> descriptor;
    private final long guildId;
    private final PersistedIds persisted;

    private GuildSlice(HazelcastInstance member, CacheMap<K, V> descriptor, long guildId) {
        this.map = member.getMap(descriptor.name());
        this.descriptor = descriptor;
        this.guildId = guildId;
        this.persisted = MemberSide.persistedIdsIfIncomplete(member, descriptor.name());
    }

    static GuildSlice<?, ?> of(HazelcastInstance member, String mapName, long guildId) {
        if (mapName.equals(CacheMap.MEMBERS.name())) {
            return new GuildSlice<>(member, CacheMap.MEMBERS, guildId);
        }
        if (mapName.equals(CacheMap.PRESENCES.name())) {
            return new GuildSlice<>(member, CacheMap.PRESENCES, guildId);
        }
        throw new IllegalArgumentException("Map '" + mapName + "' is not keyed by guild; guild slices exist for "
                + CacheMap.MEMBERS + " and " + CacheMap.PRESENCES);
    }

    Map<K, V> entries() {
        Map<K, V> found = new HashMap<>();
        map.entrySet(inGuild()).forEach(entry -> found.put(entry.getKey(), entry.getValue()));
        if (persisted != null) {
            Set<K> missing = new HashSet<>();
            for (long id : persisted.idsOfGuild(descriptor, guildId)) {
                K key = key(id);
                if (!found.containsKey(key)) {
                    missing.add(key);
                }
            }
            MemberSide.getAll(map, missing, found);
        }
        return found;
    }

    long count() {
        return persisted == null ? map.keySet(inGuild()).size() : entries().size();
    }

    long[] userIds() {
        return (persisted == null ? map.keySet(inGuild()) : entries().keySet()).stream()
                .mapToLong(this::userId).toArray();
    }

    /**
     * Deletes the slice: what is in memory in one partition operation, what only PostgreSQL holds key by key. The
     * count includes persisted rows whose delete was already on its way to PostgreSQL.
     */
    long delete() {
        List<K> persistedKeys = persisted == null ? List.of()
                : Arrays.stream(persisted.idsOfGuild(descriptor, guildId)).mapToObj(this::key).toList();
        return MemberSide.deleteAll(map, inGuild(), persistedKeys);
    }

    private Predicate<K, V> inGuild() {
        return InScope.partitionOf(guildId);
    }

    /** Deletes the entries of these users; answers how many there were. */
    long deleteUsers(long[] userIds) {
        for (long userId : userIds) {
            map.delete(key(userId));
        }
        return userIds.length;
    }

    private long userId(K key) {
        return key instanceof MemberKey member ? member.userId() : ((PresenceKey) key).userId();
    }

    @SuppressWarnings("unchecked")
    private K key(long userId) {
        return (K) (descriptor == CacheMap.MEMBERS ? new MemberKey(guildId, userId) : new PresenceKey(guildId, userId));
    }
}
