package discordcache.model;

import com.hazelcast.nio.serialization.compact.CompactReader;
import com.hazelcast.nio.serialization.compact.CompactSerializer;
import com.hazelcast.nio.serialization.compact.CompactWriter;

final class UserSerializer implements CompactSerializer<User> {
    @Override
    public User read(CompactReader in) {
        return new User(in.readInt64("id"), in.readString("username"), in.readString("discriminator"),
                in.readString("globalName"), in.readString("avatar"), in.readString("banner"),
                in.readNullableInt32("accentColor"), in.readInt32("publicFlags"), in.readBoolean("bot"),
                in.readBoolean("system"), in.readInt64("version"));
    }

    @Override
    public void write(CompactWriter out, User user) {
        out.writeInt64("id", user.id());
        out.writeString("username", user.username());
        out.writeString("discriminator", user.discriminator());
        out.writeString("globalName", user.globalName());
        out.writeString("avatar", user.avatar());
        out.writeString("banner", user.banner());
        out.writeNullableInt32("accentColor", user.accentColor());
        out.writeInt32("publicFlags", user.publicFlags());
        out.writeBoolean("bot", user.bot());
        out.writeBoolean("system", user.system());
        out.writeInt64("version", user.version());
    }

    @Override
    public String getTypeName() {
        return "discord.User";
    }

    @Override
    public Class<User> getCompactClass() {
        return User.class;
    }
}
