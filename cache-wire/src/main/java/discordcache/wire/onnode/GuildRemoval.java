package discordcache.wire.onnode;

import discordcache.model.WriteCounts;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceAware;
import com.hazelcast.map.IMap;
import discordcache.model.CacheMap;
import discordcache.model.Member;
import discordcache.model.MemberKey;
import discordcache.model.Presence;
import discordcache.model.PresenceKey;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * Removes a guild and everything scoped to it, on the member that owns the guild's partition: the guild, its
 * channels and threads with their messages, its members and presences (those its {@link GuildIndex} lists, which
 * include those a bound evicted to PostgreSQL), its unavailable mark, and then the ids it removed from the index.
 * Costs the size of the guild. Answers how many entries each map lost (members and presences as the index listed
 * them). Submit it with {@code IExecutorService.submitToKeyOwner(task, Long.toString(guildId))}.
 */
public final class GuildRemoval implements Callable<WriteCounts>, HazelcastInstanceAware {
    private final long guildId;
    private transient HazelcastInstance member;

    public GuildRemoval(long guildId) {
        this.guildId = guildId;
    }

    public long guildId() {
        return guildId;
    }

    @Override
    public void setHazelcastInstance(HazelcastInstance hazelcastInstance) {
        this.member = hazelcastInstance;
    }

    @Override
    public WriteCounts call() {
        HazelcastInstance hazelcast = MemberTasks.requireMember(member, this);
        Map<CacheMap<?, ?>, Long> removed = new HashMap<>();
        if (hazelcast.getMap(CacheMap.GUILDS.name()).executeOnKey(guildId, new DeleteProcessor<>()) != null) {
            removed.put(CacheMap.GUILDS, 1L);
        }
        IMap<String, GuildIndex> indexes = hazelcast.getMap(GuildIndex.MAP_NAME);
        GuildIndex index = indexes.get(GuildIndex.key(guildId));
        if (index != null) {
            GuildWrite.removeChildren(hazelcast, CacheMap.CHANNELS, index.channels().toArray(), removed);
            GuildWrite.removeChildren(hazelcast, CacheMap.THREADS, index.threads().toArray(), removed);
            MemberTasks.deleteAll(hazelcast.<MemberKey, Member>getMap(CacheMap.MEMBERS.name()),
                    index.members().stream().mapToObj(userId -> new MemberKey(guildId, userId)).toList());
            MemberTasks.deleteAll(hazelcast.<PresenceKey, Presence>getMap(CacheMap.PRESENCES.name()),
                    index.presences().stream().mapToObj(userId -> new PresenceKey(guildId, userId)).toList());
            removed.merge(CacheMap.MEMBERS, (long) index.members().size(), Long::sum);
            removed.merge(CacheMap.PRESENCES, (long) index.presences().size(), Long::sum);
        }
        hazelcast.getMap(CacheMap.UNAVAILABLE_GUILDS.name()).executeOnKey(guildId, new DeleteProcessor<>());
        if (index != null) {
            // Only the ids read above leave the index: what a client wrote meanwhile keeps its place.
            long[][] ids = new long[GuildIndex.Kind.values().length][];
            for (GuildIndex.Kind kind : GuildIndex.Kind.values()) {
                ids[kind.ordinal()] = index.ids(kind).toArray();
            }
            indexes.executeOnKey(GuildIndex.key(guildId), new GuildIndexUpdate(null, ids));
        }
        return WriteCounts.of(Map.of(), removed);
    }

    @Override
    public String toString() {
        return "GuildRemoval[" + guildId + "]";
    }
}
