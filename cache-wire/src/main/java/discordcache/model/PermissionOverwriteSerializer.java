package discordcache.model;

import com.hazelcast.nio.serialization.compact.CompactReader;
import com.hazelcast.nio.serialization.compact.CompactSerializer;
import com.hazelcast.nio.serialization.compact.CompactWriter;

final class PermissionOverwriteSerializer implements CompactSerializer<PermissionOverwrite> {
    @Override
    public PermissionOverwrite read(CompactReader in) {
        return new PermissionOverwrite(in.readInt64("id"), in.readInt32("type"), in.readInt64("allow"),
                in.readInt64("deny"));
    }

    @Override
    public void write(CompactWriter out, PermissionOverwrite overwrite) {
        out.writeInt64("id", overwrite.id());
        out.writeInt32("type", overwrite.type());
        out.writeInt64("allow", overwrite.allow());
        out.writeInt64("deny", overwrite.deny());
    }

    @Override
    public String getTypeName() {
        return "discord.PermissionOverwrite";
    }

    @Override
    public Class<PermissionOverwrite> getCompactClass() {
        return PermissionOverwrite.class;
    }
}
