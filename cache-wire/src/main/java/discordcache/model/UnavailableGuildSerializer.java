package discordcache.model;

import com.hazelcast.nio.serialization.compact.CompactReader;
import com.hazelcast.nio.serialization.compact.CompactSerializer;
import com.hazelcast.nio.serialization.compact.CompactWriter;

final class UnavailableGuildSerializer implements CompactSerializer<UnavailableGuild> {
    @Override
    public UnavailableGuild read(CompactReader in) {
        return new UnavailableGuild(in.readInt64("id"), in.readInt64("version"));
    }

    @Override
    public void write(CompactWriter out, UnavailableGuild guild) {
        out.writeInt64("id", guild.id());
        out.writeInt64("version", guild.version());
    }

    @Override
    public String getTypeName() {
        return "discord.UnavailableGuild";
    }

    @Override
    public Class<UnavailableGuild> getCompactClass() {
        return UnavailableGuild.class;
    }
}
