package discordcache.model;

import com.hazelcast.nio.serialization.compact.CompactReader;
import com.hazelcast.nio.serialization.compact.CompactSerializer;
import com.hazelcast.nio.serialization.compact.CompactWriter;


final class ChannelSerializer implements CompactSerializer<Channel> {
    @Override
    public Channel read(CompactReader in) {
        return new Channel(in.readInt64("id"), in.readNullableInt64("guildId"), in.readInt32("type"),
                in.readString("name"), in.readInt32("position"), in.readNullableInt64("parentId"),
                in.readString("topic"), in.readBoolean("nsfw"), in.readNullableInt64("lastMessageId"),
                in.readInt32("rateLimitPerUser"), in.readInt32("bitrate"), in.readInt32("userLimit"),
                in.readInt32("flags"), EpochMicros.toInstant(in.readNullableInt64("lastPinTimestampMicros")),
                CompactArrays.list(in.readArrayOfCompact("permissionOverwrites", PermissionOverwrite.class)),
                in.readInt64("version"));
    }

    @Override
    public void write(CompactWriter out, Channel channel) {
        out.writeInt64("id", channel.id());
        out.writeNullableInt64("guildId", channel.guildId());
        out.writeInt32("type", channel.type());
        out.writeString("name", channel.name());
        out.writeInt32("position", channel.position());
        out.writeNullableInt64("parentId", channel.parentId());
        out.writeString("topic", channel.topic());
        out.writeBoolean("nsfw", channel.nsfw());
        out.writeNullableInt64("lastMessageId", channel.lastMessageId());
        out.writeInt32("rateLimitPerUser", channel.rateLimitPerUser());
        out.writeInt32("bitrate", channel.bitrate());
        out.writeInt32("userLimit", channel.userLimit());
        out.writeInt32("flags", channel.flags());
        out.writeNullableInt64("lastPinTimestampMicros", EpochMicros.of(channel.lastPinTimestamp()));
        out.writeArrayOfCompact("permissionOverwrites",
                channel.permissionOverwrites().toArray(PermissionOverwrite[]::new));
        out.writeInt64("version", channel.version());
    }

    @Override
    public String getTypeName() {
        return "discord.Channel";
    }

    @Override
    public Class<Channel> getCompactClass() {
        return Channel.class;
    }
}
