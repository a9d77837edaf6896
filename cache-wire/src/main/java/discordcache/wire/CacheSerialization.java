package discordcache.wire;

import com.hazelcast.config.SerializationConfig;
import discordcache.model.ModelSerialization;
import discordcache.wire.onnode.TaskSerialization;

/**
 * Registers every Compact serializer the cache's members and clients exchange: the entities and keys of
 * {@link ModelSerialization}, the guild index, the query tasks and the entry processors. Members and clients must
 * both register them.
 *
 * <pre>{@code
 * ClientConfig config = new ClientConfig();
 * CacheSerialization.register(config.getSerializationConfig());
 * }</pre>
 *
 * <p>Besides the entity type names, these are part of the wire contract and never change:
 * {@code discord.GuildIndex}, {@code discord.GuildIndexUpdate}, {@code discord.GuildIndexRead},
 * {@code discord.ChannelIndex}, {@code discord.ChannelIndexUpdate}, {@code discord.GuildSliceQuery},
 * {@code discord.NewestMessagesQuery}, {@code discord.PatchProcessor}, {@code discord.DeleteProcessor},
 * {@code discord.SessionSequence}, {@code discord.ChannelMessagesDelete}, {@code discord.StripRole},
 * {@code discord.GuildRoleStrip}, {@code discord.RoleHolders}, {@code discord.MemberStats},
 * {@code discord.UpsertTask}, {@code discord.MemoryDiff}, {@code discord.GuildSync},
 * {@code discord.GuildSyncOutcome}, {@code discord.GuildWrite}, {@code discord.WriteCounts},
 * {@code discord.GuildRemoval}, {@code discord.ChannelSync}, {@code discord.ChannelSyncOutcome},
 * {@code discord.ChannelWrite}.
 */
public final class CacheSerialization {
    private CacheSerialization() {
    }

    /**
     * Adds every serializer to {@code config}.
     *
     * @param config a member's or client's serialization configuration
     * @return the same configuration
     */
    public static SerializationConfig register(SerializationConfig config) {
        ModelSerialization.register(config);
        TaskSerialization.register(config);
        return config;
    }
}
