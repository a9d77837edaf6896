package discordcache.model;

import com.hazelcast.nio.serialization.compact.CompactReader;
import com.hazelcast.nio.serialization.compact.CompactSerializer;
import com.hazelcast.nio.serialization.compact.CompactWriter;

final class EmojiSerializer implements CompactSerializer<Emoji> {
    @Override
    public Emoji read(CompactReader in) {
        return new Emoji(in.readInt64("id"), in.readString("name"), Snowflakes.wrap(in.readArrayOfInt64("roles")),
                in.readBoolean("requireColons"), in.readBoolean("managed"), in.readBoolean("animated"),
                in.readBoolean("available"));
    }

    @Override
    public void write(CompactWriter out, Emoji emoji) {
        out.writeInt64("id", emoji.id());
        out.writeString("name", emoji.name());
        out.writeArrayOfInt64("roles", emoji.roles().ids());
        out.writeBoolean("requireColons", emoji.requireColons());
        out.writeBoolean("managed", emoji.managed());
        out.writeBoolean("animated", emoji.animated());
        out.writeBoolean("available", emoji.available());
    }

    @Override
    public String getTypeName() {
        return "discord.Emoji";
    }

    @Override
    public Class<Emoji> getCompactClass() {
        return Emoji.class;
    }
}
