package discordcache.model;

import com.hazelcast.nio.serialization.compact.CompactReader;
import com.hazelcast.nio.serialization.compact.CompactSerializer;
import com.hazelcast.nio.serialization.compact.CompactWriter;

/** Writes the thread metadata flat into the thread, which keeps it one record for readers in any language. */
final class ThreadChannelSerializer implements CompactSerializer<ThreadChannel> {
    @Override
    public ThreadChannel read(CompactReader in) {
        ThreadMetadata metadata = new ThreadMetadata(in.readBoolean("archived"),
                in.readInt32("autoArchiveDuration"),
                EpochMicros.toInstant(in.readNullableInt64("archiveTimestampMicros")), in.readBoolean("locked"),
                in.readNullableBoolean("invitable"),
                EpochMicros.toInstant(in.readNullableInt64("createTimestampMicros")));
        return new ThreadChannel(in.readInt64("id"), in.readInt64("guildId"), in.readInt64("parentId"),
                in.readNullableInt64("ownerId"), in.readInt32("type"), in.readString("name"),
                in.readNullableInt64("lastMessageId"), in.readInt32("messageCount"), in.readInt32("memberCount"),
                in.readInt32("rateLimitPerUser"), in.readInt32("flags"),
                Snowflakes.wrap(in.readArrayOfInt64("appliedTags")), metadata, in.readInt64("version"));
    }

    @Override
    public void write(CompactWriter out, ThreadChannel thread) {
        out.writeInt64("id", thread.id());
        out.writeInt64("guildId", thread.guildId());
        out.writeInt64("parentId", thread.parentId());
        out.writeNullableInt64("ownerId", thread.ownerId());
        out.writeInt32("type", thread.type());
        out.writeString("name", thread.name());
        out.writeNullableInt64("lastMessageId", thread.lastMessageId());
        out.writeInt32("messageCount", thread.messageCount());
        out.writeInt32("memberCount", thread.memberCount());
        out.writeInt32("rateLimitPerUser", thread.rateLimitPerUser());
        out.writeInt32("flags", thread.flags());
        out.writeArrayOfInt64("appliedTags", thread.appliedTags().ids());
        ThreadMetadata metadata = thread.metadata();
        out.writeBoolean("archived", metadata.archived());
        out.writeInt32("autoArchiveDuration", metadata.autoArchiveDuration());
        out.writeNullableInt64("archiveTimestampMicros", EpochMicros.of(metadata.archiveTimestamp()));
        out.writeBoolean("locked", metadata.locked());
        out.writeNullableBoolean("invitable", metadata.invitable());
        out.writeNullableInt64("createTimestampMicros", EpochMicros.of(metadata.createTimestamp()));
        out.writeInt64("version", thread.version());
    }

    @Override
    public String getTypeName() {
        return "discord.Thread";
    }

    @Override
    public Class<ThreadChannel> getCompactClass() {
        return ThreadChannel.class;
    }
}
