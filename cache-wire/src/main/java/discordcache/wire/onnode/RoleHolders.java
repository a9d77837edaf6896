package discordcache.wire.onnode;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceAware;
import com.hazelcast.core.ReadOnly;
import com.hazelcast.map.EntryProcessor;
import discordcache.model.CacheMap;
import discordcache.model.Member;
import discordcache.model.MemberKey;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Answers which of some members of a guild hold a role, as memory holds them (never through the loader, see
 * {@link InMemory}), on the guild's index entry: the partition of its members. Writes nothing.
 */
final class RoleHolders implements EntryProcessor<String, GuildIndex, long[]>, HazelcastInstanceAware,
        ReadOnly {
    private final long guildId;
    private final long roleId;
    private final long[] userIds;
    private transient HazelcastInstance member;

    /**
     * @param guildId the guild
     * @param roleId  the role
     * @param userIds the members to look at
     */
    public RoleHolders(long guildId, long roleId, long[] userIds) {
        this.guildId = guildId;
        this.roleId = roleId;
        this.userIds = userIds;
    }

    public long guildId() {
        return guildId;
    }

    public long roleId() {
        return roleId;
    }

    public long[] userIds() {
        return userIds;
    }

    @Override
    public void setHazelcastInstance(HazelcastInstance hazelcastInstance) {
        this.member = hazelcastInstance;
    }

    @Override
    public long[] process(Map.Entry<String, GuildIndex> entry) {
        List<Member> cached = InMemory.cached(MemberTasks.requireMember(member, this), CacheMap.MEMBERS,
                Arrays.stream(userIds).mapToObj(userId -> new MemberKey(guildId, userId)).toList());
        return cached.stream().filter(held -> held != null && held.roles().contains(roleId))
                .mapToLong(Member::userId).toArray();
    }

    @Override
    public EntryProcessor<String, GuildIndex, long[]> getBackupProcessor() {
        return null;
    }
}
