package discordcache.wire.onnode;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceAware;
import com.hazelcast.map.IMap;
import discordcache.model.CacheMap;
import discordcache.model.Member;
import discordcache.model.MemberKey;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;

/**
 * Removes a deleted role from every member of a guild that holds it: those memory holds with it, found through the
 * guild's index, and, when the members map may have dropped some from memory, those PostgreSQL holds with it, read
 * back through the loader and stripped like the others (so a member evicted before the role was deleted does not
 * come back with it). Runs on the member that owns the guild's partition and costs the size of the guild; answers
 * how many members held the role. A member evicted before its pending write reached PostgreSQL is found by neither
 * and keeps the role until it is written again. Submit it with
 * {@code IExecutorService.submitToKeyOwner(task, Long.toString(guildId))}.
 */
public final class GuildRoleStrip implements Callable<Integer>, HazelcastInstanceAware {
    /** Members looked at per operation on the guild's partition. */
    private static final int SLICE = 2_000;
    private static final int IN_FLIGHT = 256;

    private final long guildId;
    private final long roleId;
    private transient HazelcastInstance member;

    public GuildRoleStrip(long guildId, long roleId) {
        this.guildId = guildId;
        this.roleId = roleId;
    }

    public long guildId() {
        return guildId;
    }

    public long roleId() {
        return roleId;
    }

    @Override
    public void setHazelcastInstance(HazelcastInstance hazelcastInstance) {
        this.member = hazelcastInstance;
    }

    @Override
    public Integer call() {
        HazelcastInstance hazelcast = MemberTasks.requireMember(member, this);
        IMap<String, GuildIndex> index = hazelcast.getMap(GuildIndex.MAP_NAME);
        String guildKey = GuildIndex.key(guildId);
        long[] ids = index.executeOnKey(guildKey, new GuildIndexRead(GuildIndex.Kind.MEMBERS));
        TreeSet<Long> holders = new TreeSet<>();
        for (int from = 0; from < ids.length; from += SLICE) {
            long[] slice = Arrays.copyOfRange(ids, from, Math.min(ids.length, from + SLICE));
            Arrays.stream(index.executeOnKey(guildKey, new RoleHolders(guildId, roleId, slice)))
                    .forEach(holders::add);
        }
        PersistedIds persisted = PersistedIds.ifMemoryLacksSome(hazelcast, CacheMap.MEMBERS.name());
        if (persisted != null) {
            Arrays.stream(persisted.memberIdsWithRole(guildId, roleId)).forEach(holders::add);
        }
        IMap<MemberKey, Member> members = hazelcast.getMap(CacheMap.MEMBERS.name());
        StripRole strip = new StripRole(roleId);
        List<MemberKey> keys = holders.stream().map(userId -> new MemberKey(guildId, userId)).toList();
        // One operation per key, each loading its member when memory lacks it: a multi-key entry processor
        // (executeOnKeys) on a bounded map had members it loaded evicted before it changed them (79 rows of 103 kept
        // the role in a test), the Hazelcast 5.7 defect of hazelcast/hazelcast#23237. A bounded number at a time:
        // they all queue on the guild's one partition.
        for (int from = 0; from < keys.size(); from += IN_FLIGHT) {
            List<CompletableFuture<?>> strips = new ArrayList<>();
            for (MemberKey key : keys.subList(from, Math.min(keys.size(), from + IN_FLIGHT))) {
                strips.add(members.submitToKey(key, strip).toCompletableFuture());
            }
            MemberTasks.awaitAll(strips);
        }
        return keys.size();
    }

    @Override
    public String toString() {
        return "GuildRoleStrip[guild " + guildId + ", role " + roleId + "]";
    }
}
