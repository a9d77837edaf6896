package discordcache.query;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceAware;
import com.hazelcast.map.IMap;
import discordcache.model.CacheMap;
import discordcache.model.Channel;
import discordcache.model.ThreadChannel;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * Removes what a guild's full state no longer lists: the members, presences, channels and threads whose ids are
 * not among those kept (a kind given as null is left alone), with the messages of the removed channels and
 * threads. Runs on the member that owns the guild's partition, so that a GUILD_CREATE's sweep is one round trip;
 * answers how many entries each map lost. Submit it with
 * {@code IExecutorService.submitToKeyOwner(sweep, Long.toString(guildId))}.
 */
public final class GuildSweep implements Callable<Map<String, Long>>, HazelcastInstanceAware {
    private final long guildId;
    private final long[] keptMembers;
    private final long[] keptPresences;
    private final long[] keptChannels;
    private final long[] keptThreads;
    private transient HazelcastInstance member;

    public GuildSweep(long guildId, long[] keptMembers, long[] keptPresences, long[] keptChannels,
                      long[] keptThreads) {
        this.guildId = guildId;
        this.keptMembers = sorted(keptMembers);
        this.keptPresences = sorted(keptPresences);
        this.keptChannels = sorted(keptChannels);
        this.keptThreads = sorted(keptThreads);
    }

    public long guildId() {
        return guildId;
    }

    public long[] keptMembers() {
        return keptMembers;
    }

    public long[] keptPresences() {
        return keptPresences;
    }

    public long[] keptChannels() {
        return keptChannels;
    }

    public long[] keptThreads() {
        return keptThreads;
    }

    @Override
    public void setHazelcastInstance(HazelcastInstance hazelcastInstance) {
        this.member = hazelcastInstance;
    }

    @Override
    public Map<String, Long> call() {
        HazelcastInstance hazelcast = MemberSide.requireMember(member, this);
        Map<String, Long> removed = new HashMap<>();
        sweepSlice(hazelcast, CacheMap.MEMBERS, keptMembers, removed);
        sweepSlice(hazelcast, CacheMap.PRESENCES, keptPresences, removed);
        if (keptChannels != null || keptThreads != null) {
            IMap<Long, GuildIndex> index = hazelcast.getMap(GuildIndex.MAP_NAME);
            GuildIndex children = index.get(guildId);
            if (children != null) {
                sweepChildren(hazelcast, CacheMap.CHANNELS, GuildIndex.Kind.CHANNELS, children, keptChannels,
                        removed);
                sweepChildren(hazelcast, CacheMap.THREADS, GuildIndex.Kind.THREADS, children, keptThreads, removed);
            }
        }
        return removed;
    }

    private void sweepSlice(HazelcastInstance hazelcast, CacheMap<?, ?> map, long[] kept, Map<String, Long> removed) {
        if (kept == null) {
            return;
        }
        GuildSlice<?, ?> slice = GuildSlice.of(hazelcast, map.name(), guildId);
        long count = slice.deleteUsers(Arrays.stream(slice.userIds()).filter(id -> !isKept(kept, id)).toArray());
        removed.merge(map.name(), count, Long::sum);
    }

    private void sweepChildren(HazelcastInstance hazelcast, CacheMap<Long, ?> map, GuildIndex.Kind kind,
                               GuildIndex children, long[] kept, Map<String, Long> removed) {
        if (kept == null) {
            return;
        }
        long[] gone = children.ids(kind).stream().filter(id -> !isKept(kept, id)).toArray();
        if (gone.length == 0) {
            return;
        }
        IMap<Long, ?> entities = hazelcast.getMap(map.name());
        for (long id : gone) {
            removed.merge(CacheMap.MESSAGES.name(), ChannelMessagesDelete.deleteMessages(hazelcast, id), Long::sum);
            Object value = entities.get(id);
            boolean inGuild = value instanceof Channel channel ? Long.valueOf(guildId).equals(channel.guildId())
                    : value instanceof ThreadChannel thread && thread.guildId() == guildId;
            if (inGuild) {
                entities.delete(id);
                removed.merge(map.name(), 1L, Long::sum);
            }
        }
        hazelcast.<Long, GuildIndex>getMap(GuildIndex.MAP_NAME)
                .executeOnKey(guildId, GuildIndexUpdate.remove(kind, gone));
    }

    private static boolean isKept(long[] kept, long id) {
        return Arrays.binarySearch(kept, id) >= 0;
    }

    private static long[] sorted(long[] ids) {
        if (ids == null) {
            return null;
        }
        long[] copy = ids.clone();
        Arrays.sort(copy);
        return copy;
    }

    @Override
    public String toString() {
        return "GuildSweep[" + guildId + "]";
    }
}
