package discordcache.wire.onnode;

import discordcache.model.WriteCounts;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceAware;
import com.hazelcast.map.IMap;
import discordcache.model.CacheMap;
import discordcache.model.Channel;
import discordcache.model.Guild;
import discordcache.model.Member;
import discordcache.model.MemberKey;
import discordcache.model.Presence;
import discordcache.model.PresenceKey;
import discordcache.model.ThreadChannel;
import discordcache.model.User;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.function.ToLongFunction;

/**
 * The writes of one guild's payload (a GUILD_CREATE, a member chunk, any bulk write of a guild's members, presences,
 * channels or threads) as one task on the member that owns the guild's partition, so the payload crosses the network
 * once. Everything is compared with memory where it lives, and only what differs is written: a value equal to the
 * cached one keeps its version, and costs no write-behind store and no invalidation.
 * <ol>
 *   <li>{@link GuildSync}, on the guild's index entry (a slice of the members and presences at a time, so a huge
 *       guild does not hold its partition thread for long): adds the ids to the index, compares the members and
 *       presences, and for a guild's whole state finds what it no longer lists.</li>
 *   <li>The members and presences that differ, in one {@code setAll} each (they share the guild's partition); the
 *       guild, its users, channels and threads through {@link Upserts}, one comparison and one write per partition.</li>
 *   <li>For a whole state: what it no longer lists is deleted (channels and threads with their messages), then leaves
 *       the index, and the guild stops being marked unavailable.</li>
 * </ol>
 * Submit it with {@code IExecutorService.submitToKeyOwner(task, Long.toString(guildId))}; it answers what it wrote
 * and removed.
 */
public final class GuildWrite implements Callable<WriteCounts>, HazelcastInstanceAware {
    /** Members and presences compared per operation on the guild's partition. */
    static final int SLICE = 2_000;

    private final long guildId;
    private final Guild guild;
    private final List<User> users;
    private final List<Member> members;
    private final List<Presence> presences;
    private final List<Channel> channels;
    private final List<ThreadChannel> threads;
    private final boolean wholeState;
    private final boolean wholeMemberList;
    private transient HazelcastInstance member;

    /**
     * @param guildId         the guild
     * @param guild           the guild itself, or null to leave it as it is
     * @param users           users the payload carries
     * @param members         the guild's members to write
     * @param presences       the guild's presences to write
     * @param channels        the guild's channels to write
     * @param threads         the guild's threads to write
     * @param wholeState      whether this is the guild's whole state: then the presences, channels and threads it does
     *                        not list are removed, and the guild is no longer marked unavailable
     * @param wholeMemberList whether {@code members} is every member of the guild: then the others are removed
     * @throws IllegalArgumentException when a value belongs to another guild
     */
    public GuildWrite(long guildId, Guild guild, List<User> users, List<Member> members, List<Presence> presences,
                      List<Channel> channels, List<ThreadChannel> threads, boolean wholeState,
                      boolean wholeMemberList) {
        this.guildId = guildId;
        this.guild = guild;
        this.users = lastOfEachKey(CacheMap.USERS, users);
        this.members = lastOfEachKey(CacheMap.MEMBERS, members);
        this.presences = lastOfEachKey(CacheMap.PRESENCES, presences);
        this.channels = lastOfEachKey(CacheMap.CHANNELS, channels);
        this.threads = lastOfEachKey(CacheMap.THREADS, threads);
        this.wholeState = wholeState;
        this.wholeMemberList = wholeMemberList;
        requireGuild(guild == null || guild.id() == guildId, "the guild", guild);
        this.members.forEach(m -> requireGuild(m.guildId() == guildId, "member", m.key()));
        this.presences.forEach(p -> requireGuild(p.guildId() == guildId, "presence", p.key()));
        this.channels.forEach(c -> requireGuild(Objects.equals(c.guildId(), guildId), "channel", c.id()));
        this.threads.forEach(t -> requireGuild(t.guildId() == guildId, "thread", t.id()));
    }

    /** The values without repeated keys: of two values with one key, the later one is written. */
    private static <K, V> List<V> lastOfEachKey(CacheMap<K, V> map, List<V> values) {
        Map<K, V> byKey = new LinkedHashMap<>();
        values.forEach(value -> byKey.put(map.keyOf(value), value));
        return List.copyOf(byKey.values());
    }

    private void requireGuild(boolean inGuild, String what, Object which) {
        if (!inGuild) {
            throw new IllegalArgumentException("A write of guild " + guildId + " was given " + what + " " + which
                    + " of another guild");
        }
    }

    public long guildId() {
        return guildId;
    }

    public Guild guild() {
        return guild;
    }

    public List<User> users() {
        return users;
    }

    public List<Member> members() {
        return members;
    }

    public List<Presence> presences() {
        return presences;
    }

    public List<Channel> channels() {
        return channels;
    }

    public List<ThreadChannel> threads() {
        return threads;
    }

    public boolean wholeState() {
        return wholeState;
    }

    public boolean wholeMemberList() {
        return wholeMemberList;
    }

    @Override
    public void setHazelcastInstance(HazelcastInstance hazelcastInstance) {
        this.member = hazelcastInstance;
    }

    @Override
    public WriteCounts call() {
        HazelcastInstance hazelcast = MemberTasks.requireMember(member, this);
        Map<CacheMap<?, ?>, Long> written = new HashMap<>();
        Map<CacheMap<?, ?>, Long> removed = new HashMap<>();
        List<GuildSync.Outcome> outcomes = sync(hazelcast);

        List<CompletableFuture<?>> writes = new ArrayList<>();
        IMap<MemberKey, Member> memberMap = hazelcast.getMap(CacheMap.MEMBERS.name());
        IMap<PresenceKey, Presence> presenceMap = hazelcast.getMap(CacheMap.PRESENCES.name());
        List<Member> changedMembers = new ArrayList<>();
        List<Presence> changedPresences = new ArrayList<>();
        for (int slice = 0; slice < outcomes.size(); slice++) {
            changedMembers.addAll(InMemory.at(slice(members, slice), outcomes.get(slice).members()));
            changedPresences.addAll(InMemory.at(slice(presences, slice), outcomes.get(slice).presences()));
        }
        writes.add(count(Upserts.write(memberMap, CacheMap.MEMBERS, changedMembers), CacheMap.MEMBERS, written));
        writes.add(count(Upserts.write(presenceMap, CacheMap.PRESENCES, changedPresences), CacheMap.PRESENCES,
                written));
        Upserts others = new Upserts().add(CacheMap.USERS, users).add(CacheMap.CHANNELS, channels)
                .add(CacheMap.THREADS, threads);
        if (guild != null) {
            others.add(CacheMap.GUILDS, List.of(guild));
        }
        if (wholeState) {
            // Compared with the guild itself, in its partition: whether it is marked unavailable.
            others.probe(CacheMap.UNAVAILABLE_GUILDS, guildId);
        }
        CompletableFuture<Upserts.Outcome> othersWritten = others.write(hazelcast);
        writes.add(othersWritten);
        if (!outcomes.isEmpty()) {
            removeGone(hazelcast, outcomes.get(0), removed);
        }
        MemberTasks.awaitAll(writes);
        othersWritten.join().written().forEach((map, count) -> written.merge(CacheMap.named(map), count, Long::sum));
        if (wholeState && othersWritten.join().cached().get(0)) {
            // Available once all of it is in.
            hazelcast.getMap(CacheMap.UNAVAILABLE_GUILDS.name()).delete(guildId);
        }
        return WriteCounts.of(written, removed);
    }

    /** Runs the syncs, the first with the ids to keep; answers their outcomes, one per slice. */
    private List<GuildSync.Outcome> sync(HazelcastInstance hazelcast) {
        int slices = (int) Math.ceil(Math.max(members.size(), presences.size()) / (double) SLICE);
        boolean sweeps = wholeState || wholeMemberList;
        if (slices == 0 && channels.isEmpty() && threads.isEmpty() && !sweeps) {
            return List.of();
        }
        IMap<String, GuildIndex> index = hazelcast.getMap(GuildIndex.MAP_NAME);
        List<CompletableFuture<GuildSync.Outcome>> syncs = new ArrayList<>();
        for (int slice = 0; slice < Math.max(1, slices); slice++) {
            boolean first = slice == 0;
            GuildSync sync = new GuildSync(guildId, slice(members, slice), slice(presences, slice),
                    first ? ids(channels, Channel::id) : null, first ? ids(threads, ThreadChannel::id) : null,
                    first && wholeMemberList ? ids(members, Member::userId) : null,
                    first && wholeState ? ids(presences, Presence::userId) : null,
                    first && wholeState ? ids(channels, Channel::id) : null,
                    first && wholeState ? ids(threads, ThreadChannel::id) : null);
            syncs.add(index.submitToKey(GuildIndex.key(guildId), sync).toCompletableFuture());
        }
        MemberTasks.awaitAll(syncs);
        return syncs.stream().map(CompletableFuture::join).toList();
    }

    /** Deletes what the guild's whole state no longer lists, then takes it out of the index. */
    private void removeGone(HazelcastInstance hazelcast, GuildSync.Outcome gone, Map<CacheMap<?, ?>, Long> removed) {
        MemberTasks.deleteAll(hazelcast.<MemberKey, Member>getMap(CacheMap.MEMBERS.name()),
                Arrays.stream(gone.goneMembers()).mapToObj(userId -> new MemberKey(guildId, userId)).toList());
        MemberTasks.deleteAll(hazelcast.<PresenceKey, Presence>getMap(CacheMap.PRESENCES.name()),
                Arrays.stream(gone.gonePresences()).mapToObj(userId -> new PresenceKey(guildId, userId)).toList());
        removed.merge(CacheMap.MEMBERS, (long) gone.goneMembers().length, Long::sum);
        removed.merge(CacheMap.PRESENCES, (long) gone.gonePresences().length, Long::sum);
        removeChildren(hazelcast, CacheMap.CHANNELS, gone.goneChannels(), removed);
        removeChildren(hazelcast, CacheMap.THREADS, gone.goneThreads(), removed);
        long[][] ids = new long[GuildIndex.Kind.values().length][];
        ids[GuildIndex.Kind.MEMBERS.ordinal()] = gone.goneMembers();
        ids[GuildIndex.Kind.PRESENCES.ordinal()] = gone.gonePresences();
        ids[GuildIndex.Kind.CHANNELS.ordinal()] = gone.goneChannels();
        ids[GuildIndex.Kind.THREADS.ordinal()] = gone.goneThreads();
        GuildIndexUpdate update = new GuildIndexUpdate(null, ids);
        if (!update.isEmpty()) {
            hazelcast.<String, GuildIndex>getMap(GuildIndex.MAP_NAME).executeOnKey(GuildIndex.key(guildId), update);
        }
    }

    /** Deletes channels or threads with their messages; counts those that existed. */
    static void removeChildren(HazelcastInstance hazelcast, CacheMap<Long, ?> map, long[] ids,
                               Map<CacheMap<?, ?>, Long> removed) {
        IMap<Long, Object> entities = hazelcast.getMap(map.name());
        for (long id : ids) {
            removed.merge(CacheMap.MESSAGES, ChannelMessagesDelete.deleteMessages(hazelcast, id), Long::sum);
            if (entities.executeOnKey(id, new DeleteProcessor<>()) != null) {
                removed.merge(map, 1L, Long::sum);
            }
        }
    }

    private static <V> List<V> slice(List<V> values, int slice) {
        int from = Math.min(values.size(), slice * SLICE);
        return values.subList(from, Math.min(values.size(), from + SLICE));
    }

    private static <V> long[] ids(List<V> values, ToLongFunction<V> id) {
        return values.stream().mapToLong(id).toArray();
    }

    private static CompletableFuture<Integer> count(CompletableFuture<Integer> write, CacheMap<?, ?> map,
                                                    Map<CacheMap<?, ?>, Long> written) {
        return write.thenApply(count -> {
            synchronized (written) {
                written.merge(map, (long) count, Long::sum);
            }
            return count;
        });
    }

    @Override
    public String toString() {
        return "GuildWrite[guild " + guildId + ", " + members.size() + " members, " + users.size() + " users"
                + (wholeState ? ", whole state" : "") + "]";
    }
}
