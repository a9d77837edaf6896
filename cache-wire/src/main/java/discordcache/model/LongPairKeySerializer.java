package discordcache.model;

import com.hazelcast.nio.serialization.compact.CompactReader;
import com.hazelcast.nio.serialization.compact.CompactSerializer;
import com.hazelcast.nio.serialization.compact.CompactWriter;

import java.util.function.ToLongFunction;

/** The composite keys are all two snowflakes; one serializer shape for the three of them. */
final class LongPairKeySerializer<K> implements CompactSerializer<K> {
    interface Factory<K> {
        K create(long first, long second);
    }

    private final String typeName;
    private final Class<K> keyClass;
    private final String firstField;
    private final ToLongFunction<K> first;
    private final String secondField;
    private final ToLongFunction<K> second;
    private final Factory<K> factory;

    LongPairKeySerializer(String typeName, Class<K> keyClass, String firstField, ToLongFunction<K> first,
                          String secondField, ToLongFunction<K> second, Factory<K> factory) {
        this.typeName = typeName;
        this.keyClass = keyClass;
        this.firstField = firstField;
        this.first = first;
        this.secondField = secondField;
        this.second = second;
        this.factory = factory;
    }

    static LongPairKeySerializer<MemberKey> members() {
        return new LongPairKeySerializer<>("discord.MemberKey", MemberKey.class, "guildId", MemberKey::guildId,
                "userId", MemberKey::userId, MemberKey::new);
    }

    static LongPairKeySerializer<PresenceKey> presences() {
        return new LongPairKeySerializer<>("discord.PresenceKey", PresenceKey.class, "guildId", PresenceKey::guildId,
                "userId", PresenceKey::userId, PresenceKey::new);
    }

    static LongPairKeySerializer<MessageKey> messages() {
        return new LongPairKeySerializer<>("discord.MessageKey", MessageKey.class, "channelId",
                MessageKey::channelId, "messageId", MessageKey::messageId, MessageKey::new);
    }

    @Override
    public K read(CompactReader in) {
        return factory.create(in.readInt64(firstField), in.readInt64(secondField));
    }

    @Override
    public void write(CompactWriter out, K key) {
        out.writeInt64(firstField, first.applyAsLong(key));
        out.writeInt64(secondField, second.applyAsLong(key));
    }

    @Override
    public String getTypeName() {
        return typeName;
    }

    @Override
    public Class<K> getCompactClass() {
        return keyClass;
    }
}
