package discordcache.wire.onnode;

import com.hazelcast.map.EntryProcessor;
import discordcache.model.Member;
import discordcache.model.MemberKey;

import java.util.Map;

/**
 * Removes a deleted role from a member's roles, in place on the member's partition; run over a guild's members by
 * {@link discordcache.wire.onnode.GuildRoleStrip}. Discord sends no member updates when a role is deleted.
 *
 * @param roleId the deleted role
 */
record StripRole(long roleId) implements EntryProcessor<MemberKey, Member, Void> {
    @Override
    public Void process(Map.Entry<MemberKey, Member> entry) {
        Member member = entry.getValue();
        if (member != null && member.roles().contains(roleId)) {
            entry.setValue(new Member(member.guildId(), member.userId(), member.nick(), member.avatar(),
                    member.banner(), member.roles().without(roleId), member.joinedAt(), member.premiumSince(),
                    member.deaf(), member.mute(), member.pending(), member.flags(),
                    member.communicationDisabledUntil(), member.version() + 1));
        }
        return null;
    }
}
