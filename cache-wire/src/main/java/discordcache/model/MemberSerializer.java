package discordcache.model;

import com.hazelcast.nio.serialization.compact.CompactReader;
import com.hazelcast.nio.serialization.compact.CompactSerializer;
import com.hazelcast.nio.serialization.compact.CompactWriter;

final class MemberSerializer implements CompactSerializer<Member> {
    @Override
    public Member read(CompactReader in) {
        return new Member(in.readInt64("guildId"), in.readInt64("userId"), in.readString("nick"),
                in.readString("avatar"), in.readString("banner"), Snowflakes.wrap(in.readArrayOfInt64("roles")),
                EpochMicros.toInstant(in.readNullableInt64("joinedAtMicros")),
                EpochMicros.toInstant(in.readNullableInt64("premiumSinceMicros")), in.readBoolean("deaf"),
                in.readBoolean("mute"), in.readBoolean("pending"), in.readInt32("flags"),
                EpochMicros.toInstant(in.readNullableInt64("communicationDisabledUntilMicros")),
                in.readInt64("version"));
    }

    @Override
    public void write(CompactWriter out, Member member) {
        out.writeInt64("guildId", member.guildId());
        out.writeInt64("userId", member.userId());
        out.writeString("nick", member.nick());
        out.writeString("avatar", member.avatar());
        out.writeString("banner", member.banner());
        out.writeArrayOfInt64("roles", member.roles().ids());
        out.writeNullableInt64("joinedAtMicros", EpochMicros.of(member.joinedAt()));
        out.writeNullableInt64("premiumSinceMicros", EpochMicros.of(member.premiumSince()));
        out.writeBoolean("deaf", member.deaf());
        out.writeBoolean("mute", member.mute());
        out.writeBoolean("pending", member.pending());
        out.writeInt32("flags", member.flags());
        out.writeNullableInt64("communicationDisabledUntilMicros", EpochMicros.of(member.communicationDisabledUntil()));
        out.writeInt64("version", member.version());
    }

    @Override
    public String getTypeName() {
        return "discord.Member";
    }

    @Override
    public Class<Member> getCompactClass() {
        return Member.class;
    }
}
