package discordcache.query;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceAware;
import com.hazelcast.map.IMap;
import discordcache.model.CacheMap;
import discordcache.model.Member;
import discordcache.model.MemberKey;
import discordcache.write.StripRole;

import java.util.Arrays;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;

/**
 * Removes a deleted role from every member of a guild: those in memory in one partition operation, and, when the
 * members map may have dropped some from memory, those PostgreSQL holds with the role, read back through the
 * loader and stripped like the others (so a member evicted before the role was deleted does not come back with
 * it). Runs on the member that owns the guild's partition; answers how many rows in PostgreSQL listed the role
 * (0 when the members map holds every member in memory and PostgreSQL was not asked). A member evicted before its
 * pending write reached PostgreSQL is found by neither step and keeps the role until it is written again. Submit
 * it with {@code IExecutorService.submitToKeyOwner(task, Long.toString(guildId))}.
 */
public final class GuildRoleStrip implements Callable<Integer>, HazelcastInstanceAware {
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
        HazelcastInstance hazelcast = MemberSide.requireMember(member, this);
        IMap<MemberKey, Member> members = hazelcast.getMap(CacheMap.MEMBERS.name());
        StripRole strip = new StripRole(roleId);
        members.executeOnEntries(strip, InScope.partitionOf(guildId));
        PersistedIds persisted = MemberSide.persistedIdsIfIncomplete(hazelcast, CacheMap.MEMBERS.name());
        if (persisted == null) {
            return 0;
        }
        // Rows of members still in memory were stripped above; for them this is a no-op on the stripped value.
        // One operation per key, each loading its member: a multi-key entry processor (executeOnKeys) on a bounded
        // map had members it loaded evicted before it changed them (79 rows of 103 kept the role in a test), the
        // Hazelcast 5.7 defect of hazelcast/hazelcast#23237.
        long[] withRole = persisted.memberIdsWithRole(guildId, roleId);
        for (int from = 0; from < withRole.length; from += IN_FLIGHT) {
            // A bounded number at a time: they all queue on the guild's one partition, each loading a row.
            CompletableFuture.allOf(Arrays.stream(withRole, from, Math.min(withRole.length, from + IN_FLIGHT))
                            .mapToObj(userId -> members.submitToKey(new MemberKey(guildId, userId), strip)
                                    .toCompletableFuture())
                            .toArray(CompletableFuture[]::new))
                    .join();
        }
        return withRole.length;
    }

    @Override
    public String toString() {
        return "GuildRoleStrip[guild " + guildId + ", role " + roleId + "]";
    }
}
