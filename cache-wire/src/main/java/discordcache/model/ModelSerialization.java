package discordcache.model;

import com.hazelcast.config.SerializationConfig;
import com.hazelcast.nio.serialization.compact.CompactSerializer;

import java.util.List;

/**
 * Registers the model's Compact serializers with a Hazelcast member or client configuration. Members and
 * clients must both register them.
 *
 * <pre>{@code
 * ClientConfig config = new ClientConfig();
 * ModelSerialization.register(config.getSerializationConfig()); // or CacheSerialization.register, which includes this
 * }</pre>
 *
 * <p>The Compact type names are part of the wire contract for clients in other languages and never change:
 * {@code discord.User}, {@code discord.Guild}, {@code discord.Role}, {@code discord.Emoji},
 * {@code discord.Member}, {@code discord.MemberKey}, {@code discord.Channel},
 * {@code discord.PermissionOverwrite}, {@code discord.Thread}, {@code discord.Message},
 * {@code discord.MessageKey}, {@code discord.Reaction}, {@code discord.Presence}, {@code discord.PresenceKey},
 * {@code discord.UnavailableGuild}, {@code discord.ShardSession}. Instants are nullable int64 microseconds
 * since the epoch, in fields whose names end in {@code Micros}.
 */
public final class ModelSerialization {
    private static final List<CompactSerializer<?>> SERIALIZERS = List.of(
            new UserSerializer(), new GuildSerializer(), new RoleSerializer(), new EmojiSerializer(),
            new MemberSerializer(), LongPairKeySerializer.members(), new ChannelSerializer(),
            new PermissionOverwriteSerializer(), new ThreadChannelSerializer(), new MessageSerializer(),
            LongPairKeySerializer.messages(), new ReactionSerializer(), new PresenceSerializer(),
            LongPairKeySerializer.presences(), new UnavailableGuildSerializer(), new ShardSessionSerializer());

    private ModelSerialization() {
    }

    /**
     * Adds every model serializer to {@code config}.
     *
     * @param config a member's or client's serialization configuration
     * @return the same configuration
     */
    public static SerializationConfig register(SerializationConfig config) {
        SERIALIZERS.forEach(serializer -> config.getCompactSerializationConfig().addSerializer(serializer));
        return config;
    }
}
