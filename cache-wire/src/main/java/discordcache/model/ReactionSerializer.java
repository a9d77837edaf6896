package discordcache.model;

import com.hazelcast.nio.serialization.compact.CompactReader;
import com.hazelcast.nio.serialization.compact.CompactSerializer;
import com.hazelcast.nio.serialization.compact.CompactWriter;

final class ReactionSerializer implements CompactSerializer<Reaction> {
    @Override
    public Reaction read(CompactReader in) {
        return new Reaction(in.readNullableInt64("emojiId"), in.readString("emojiName"), in.readBoolean("animated"),
                in.readInt32("count"), in.readInt32("burstCount"), in.readBoolean("me"), in.readBoolean("meBurst"));
    }

    @Override
    public void write(CompactWriter out, Reaction reaction) {
        out.writeNullableInt64("emojiId", reaction.emojiId());
        out.writeString("emojiName", reaction.emojiName());
        out.writeBoolean("animated", reaction.animated());
        out.writeInt32("count", reaction.count());
        out.writeInt32("burstCount", reaction.burstCount());
        out.writeBoolean("me", reaction.me());
        out.writeBoolean("meBurst", reaction.meBurst());
    }

    @Override
    public String getTypeName() {
        return "discord.Reaction";
    }

    @Override
    public Class<Reaction> getCompactClass() {
        return Reaction.class;
    }
}
