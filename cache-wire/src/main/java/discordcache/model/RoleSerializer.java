package discordcache.model;

import com.hazelcast.nio.serialization.compact.CompactReader;
import com.hazelcast.nio.serialization.compact.CompactSerializer;
import com.hazelcast.nio.serialization.compact.CompactWriter;

final class RoleSerializer implements CompactSerializer<Role> {
    @Override
    public Role read(CompactReader in) {
        return new Role(in.readInt64("id"), in.readString("name"), in.readInt32("color"), in.readBoolean("hoist"),
                in.readString("icon"), in.readString("unicodeEmoji"), in.readInt32("position"),
                in.readInt64("permissions"), in.readBoolean("managed"), in.readBoolean("mentionable"),
                in.readInt32("flags"));
    }

    @Override
    public void write(CompactWriter out, Role role) {
        out.writeInt64("id", role.id());
        out.writeString("name", role.name());
        out.writeInt32("color", role.color());
        out.writeBoolean("hoist", role.hoist());
        out.writeString("icon", role.icon());
        out.writeString("unicodeEmoji", role.unicodeEmoji());
        out.writeInt32("position", role.position());
        out.writeInt64("permissions", role.permissions());
        out.writeBoolean("managed", role.managed());
        out.writeBoolean("mentionable", role.mentionable());
        out.writeInt32("flags", role.flags());
    }

    @Override
    public String getTypeName() {
        return "discord.Role";
    }

    @Override
    public Class<Role> getCompactClass() {
        return Role.class;
    }
}
