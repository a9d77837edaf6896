package discordcache.write;

import com.hazelcast.core.EntryView;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceAware;
import com.hazelcast.core.ReadOnly;
import com.hazelcast.map.EntryProcessor;
import com.hazelcast.map.IMap;
import discordcache.model.CacheMap;
import discordcache.model.Member;
import discordcache.model.MemberKey;
import discordcache.query.GuildIndex;

import java.util.Arrays;
import java.util.Map;

/**
 * Answers which of some members of a guild hold a role, as memory holds them (never through the loader), on the
 * guild's index entry: the partition of its members. Writes nothing.
 */
public final class RoleHolders implements EntryProcessor<String, GuildIndex, long[]>, HazelcastInstanceAware,
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
        IMap<MemberKey, Member> members = MemberTasks.requireMember(member, this)
                .getMap(CacheMap.MEMBERS.name());
        return Arrays.stream(userIds).filter(userId -> {
            EntryView<MemberKey, Member> member = members.getEntryView(new MemberKey(guildId, userId));
            return member != null && member.getValue().roles().contains(roleId);
        }).toArray();
    }

    @Override
    public EntryProcessor<String, GuildIndex, long[]> getBackupProcessor() {
        return null;
    }
}
