package discordcache.model;

import com.hazelcast.nio.serialization.compact.CompactReader;
import com.hazelcast.nio.serialization.compact.CompactSerializer;
import com.hazelcast.nio.serialization.compact.CompactWriter;


final class MessageSerializer implements CompactSerializer<Message> {
    @Override
    public Message read(CompactReader in) {
        return new Message(in.readInt64("id"), in.readInt64("channelId"), in.readNullableInt64("guildId"),
                in.readInt64("authorId"), in.readString("content"),
                EpochMicros.toInstant(in.readNullableInt64("timestampMicros")),
                EpochMicros.toInstant(in.readNullableInt64("editedTimestampMicros")), in.readInt32("type"),
                in.readInt32("flags"), in.readBoolean("tts"), in.readBoolean("mentionEveryone"),
                in.readBoolean("pinned"), in.readNullableInt64("webhookId"),
                Snowflakes.wrap(in.readArrayOfInt64("mentionIds")),
                Snowflakes.wrap(in.readArrayOfInt64("mentionRoleIds")),
                in.readNullableInt64("referencedMessageId"), in.readString("attachmentsJson"),
                in.readString("embedsJson"), in.readString("componentsJson"),
                CompactArrays.list(in.readArrayOfCompact("reactions", Reaction.class)), in.readInt64("version"));
    }

    @Override
    public void write(CompactWriter out, Message message) {
        out.writeInt64("id", message.id());
        out.writeInt64("channelId", message.channelId());
        out.writeNullableInt64("guildId", message.guildId());
        out.writeInt64("authorId", message.authorId());
        out.writeString("content", message.content());
        out.writeNullableInt64("timestampMicros", EpochMicros.of(message.timestamp()));
        out.writeNullableInt64("editedTimestampMicros", EpochMicros.of(message.editedTimestamp()));
        out.writeInt32("type", message.type());
        out.writeInt32("flags", message.flags());
        out.writeBoolean("tts", message.tts());
        out.writeBoolean("mentionEveryone", message.mentionEveryone());
        out.writeBoolean("pinned", message.pinned());
        out.writeNullableInt64("webhookId", message.webhookId());
        out.writeArrayOfInt64("mentionIds", message.mentionIds().ids());
        out.writeArrayOfInt64("mentionRoleIds", message.mentionRoleIds().ids());
        out.writeNullableInt64("referencedMessageId", message.referencedMessageId());
        out.writeString("attachmentsJson", message.attachmentsJson());
        out.writeString("embedsJson", message.embedsJson());
        out.writeString("componentsJson", message.componentsJson());
        out.writeArrayOfCompact("reactions", message.reactions().toArray(Reaction[]::new));
        out.writeInt64("version", message.version());
    }

    @Override
    public String getTypeName() {
        return "discord.Message";
    }

    @Override
    public Class<Message> getCompactClass() {
        return Message.class;
    }
}
