package discordcache.model;

import com.hazelcast.nio.serialization.compact.CompactReader;
import com.hazelcast.nio.serialization.compact.CompactSerializer;
import com.hazelcast.nio.serialization.compact.CompactWriter;

/** Writes the client status flat into the presence: three nullable strings need no record of their own. */
final class PresenceSerializer implements CompactSerializer<Presence> {
    @Override
    public Presence read(CompactReader in) {
        return new Presence(in.readInt64("guildId"), in.readInt64("userId"), in.readString("status"),
                new ClientStatus(in.readString("desktop"), in.readString("mobile"), in.readString("web")),
                in.readString("activitiesJson"), in.readInt64("version"));
    }

    @Override
    public void write(CompactWriter out, Presence presence) {
        out.writeInt64("guildId", presence.guildId());
        out.writeInt64("userId", presence.userId());
        out.writeString("status", presence.status());
        out.writeString("desktop", presence.clientStatus().desktop());
        out.writeString("mobile", presence.clientStatus().mobile());
        out.writeString("web", presence.clientStatus().web());
        out.writeString("activitiesJson", presence.activitiesJson());
        out.writeInt64("version", presence.version());
    }

    @Override
    public String getTypeName() {
        return "discord.Presence";
    }

    @Override
    public Class<Presence> getCompactClass() {
        return Presence.class;
    }
}
