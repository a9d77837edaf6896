package discordcache.model;

import com.hazelcast.nio.serialization.compact.CompactReader;
import com.hazelcast.nio.serialization.compact.CompactSerializer;
import com.hazelcast.nio.serialization.compact.CompactWriter;

final class ShardSessionSerializer implements CompactSerializer<ShardSession> {
    @Override
    public ShardSession read(CompactReader in) {
        return new ShardSession(in.readInt32("shardId"), in.readInt32("shardCount"), in.readString("sessionId"),
                in.readString("resumeUrl"), in.readInt64("userId"), in.readInt64("lastSequence"),
                in.readInt64("version"));
    }

    @Override
    public void write(CompactWriter out, ShardSession session) {
        out.writeInt32("shardId", session.shardId());
        out.writeInt32("shardCount", session.shardCount());
        out.writeString("sessionId", session.sessionId());
        out.writeString("resumeUrl", session.resumeUrl());
        out.writeInt64("userId", session.userId());
        out.writeInt64("lastSequence", session.lastSequence());
        out.writeInt64("version", session.version());
    }

    @Override
    public String getTypeName() {
        return "discord.ShardSession";
    }

    @Override
    public Class<ShardSession> getCompactClass() {
        return ShardSession.class;
    }
}
