package discordcache;

import com.hazelcast.config.SerializationConfig;
import com.hazelcast.nio.serialization.compact.CompactReader;
import com.hazelcast.nio.serialization.compact.CompactSerializer;
import com.hazelcast.nio.serialization.compact.CompactWriter;
import discordcache.model.ModelSerialization;
import discordcache.model.Patch;
import discordcache.model.Snowflakes;
import discordcache.model.Versioned;
import discordcache.query.ChannelMessagesDelete;
import discordcache.query.GuildIndex;
import discordcache.query.GuildIndexUpdate;
import discordcache.query.GuildSliceQuery;
import discordcache.query.GuildRoleStrip;
import discordcache.query.GuildSweep;
import discordcache.query.InScope;
import discordcache.query.MemberStats;
import discordcache.query.NewestMessagesQuery;
import discordcache.write.DeleteProcessor;
import discordcache.write.PatchProcessor;
import discordcache.write.SessionSequence;
import discordcache.write.SetAllTask;
import discordcache.write.StripRole;

import java.util.Arrays;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Function;

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
 * {@code discord.GuildIndex}, {@code discord.GuildIndexUpdate}, {@code discord.GuildSliceQuery},
 * {@code discord.NewestMessagesQuery}, {@code discord.PatchProcessor}, {@code discord.DeleteProcessor},
 * {@code discord.SessionSequence}, {@code discord.ChannelMessagesDelete}, {@code discord.StripRole},
 * {@code discord.GuildSweep}, {@code discord.GuildRoleStrip}, {@code discord.InScope}, {@code discord.MemberStats}, {@code discord.SetAllTask}.
 */
public final class CacheSerialization {
    private static final List<CompactSerializer<?>> OPERATIONS = List.of(
            compact("discord.GuildIndex", GuildIndex.class,
                    (out, index) -> {
                        out.writeArrayOfInt64("channelIds", index.channelIds().toArray());
                        out.writeArrayOfInt64("threadIds", index.threadIds().toArray());
                    },
                    in -> new GuildIndex(Snowflakes.of(in.readArrayOfInt64("channelIds")),
                            Snowflakes.of(in.readArrayOfInt64("threadIds")))),
            compact("discord.GuildIndexUpdate", GuildIndexUpdate.class,
                    (out, update) -> {
                        out.writeString("kind", update.kind().name());
                        out.writeArrayOfInt64("added", update.added());
                        out.writeArrayOfInt64("removed", update.removed());
                    },
                    in -> new GuildIndexUpdate(GuildIndex.Kind.valueOf(in.readString("kind")),
                            in.readArrayOfInt64("added"), in.readArrayOfInt64("removed"))),
            compact("discord.GuildSliceQuery", GuildSliceQuery.class,
                    (out, query) -> {
                        out.writeString("map", query.mapName());
                        out.writeInt64("guildId", query.guildId());
                        out.writeString("mode", query.mode().name());
                    },
                    in -> new GuildSliceQuery(in.readString("map"), in.readInt64("guildId"),
                            GuildSliceQuery.Mode.valueOf(in.readString("mode")))),
            compact("discord.NewestMessagesQuery", NewestMessagesQuery.class,
                    (out, query) -> {
                        out.writeInt64("channelId", query.channelId());
                        out.writeInt32("limit", query.limit());
                    },
                    in -> new NewestMessagesQuery(in.readInt64("channelId"), in.readInt32("limit"))),
            compact("discord.ChannelMessagesDelete", ChannelMessagesDelete.class,
                    (out, task) -> out.writeInt64("channelId", task.channelId()),
                    in -> new ChannelMessagesDelete(in.readInt64("channelId"))),
            compact("discord.GuildRoleStrip", GuildRoleStrip.class,
                    (out, task) -> {
                        out.writeInt64("guildId", task.guildId());
                        out.writeInt64("roleId", task.roleId());
                    },
                    in -> new GuildRoleStrip(in.readInt64("guildId"), in.readInt64("roleId"))),
            compact("discord.GuildSweep", GuildSweep.class,
                    (out, sweep) -> {
                        out.writeInt64("guildId", sweep.guildId());
                        out.writeArrayOfInt64("keptMembers", sweep.keptMembers());
                        out.writeArrayOfInt64("keptPresences", sweep.keptPresences());
                        out.writeArrayOfInt64("keptChannels", sweep.keptChannels());
                        out.writeArrayOfInt64("keptThreads", sweep.keptThreads());
                    },
                    in -> new GuildSweep(in.readInt64("guildId"), in.readArrayOfInt64("keptMembers"),
                            in.readArrayOfInt64("keptPresences"), in.readArrayOfInt64("keptChannels"),
                            in.readArrayOfInt64("keptThreads"))),
            compact("discord.InScope", InScope.class, (out, predicate) -> out.writeInt64("scopeId", predicate.scopeId()),
                    in -> new InScope<>(in.readInt64("scopeId"))),
            compact("discord.MemberStats", MemberStats.class, (out, task) -> out.writeBoolean("all", true),
                    in -> new MemberStats()),
            compact("discord.SetAllTask", SetAllTask.class,
                    (out, task) -> {
                        out.writeString("map", task.mapName());
                        out.writeArrayOfCompact("values", task.values().toArray());
                    },
                    in -> new SetAllTask(in.readString("map"), Arrays.asList(in.readArrayOfCompact("values",
                            Object.class)))),
            compact("discord.PatchProcessor", rawPatchProcessor(),
                    (out, processor) -> {
                        out.writeCompact("values", processor.patch().values());
                        out.writeInt64("fields", processor.patch().fieldMask());
                        out.writeInt64("version", processor.version());
                        out.writeBoolean("insertWhenAbsent", processor.insertWhenAbsent());
                        out.writeBoolean("returnPrevious", processor.returnPrevious());
                    },
                    CacheSerialization::readPatchProcessor),
            compact("discord.SessionSequence", SessionSequence.class,
                    (out, update) -> {
                        out.writeString("sessionId", update.sessionId());
                        out.writeInt64("sequence", update.sequence());
                    },
                    in -> new SessionSequence(in.readString("sessionId"), in.readInt64("sequence"))),
            compact("discord.StripRole", StripRole.class,
                    (out, strip) -> out.writeInt64("roleId", strip.roleId()),
                    in -> new StripRole(in.readInt64("roleId"))),
            compact("discord.DeleteProcessor", rawDeleteProcessor(),
                    (out, processor) -> out.writeBoolean("returnsPrevious", true),
                    in -> new DeleteProcessor<>()));

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
        OPERATIONS.forEach(serializer -> config.getCompactSerializationConfig().addSerializer(serializer));
        return config;
    }

    private static <V extends Versioned<V>> PatchProcessor<?, V> readPatchProcessor(CompactReader in) {
        V values = in.readCompact("values");
        return new PatchProcessor<>(Patch.fromMask(values, in.readInt64("fields")), in.readInt64("version"),
                in.readBoolean("insertWhenAbsent"), in.readBoolean("returnPrevious"));
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Class<PatchProcessor> rawPatchProcessor() {
        return PatchProcessor.class;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Class<DeleteProcessor> rawDeleteProcessor() {
        return DeleteProcessor.class;
    }

    private static <T> CompactSerializer<T> compact(String typeName, Class<T> type, BiConsumer<CompactWriter, T> write,
                                                    Function<CompactReader, T> read) {
        return new CompactSerializer<>() {
            @Override
            public T read(CompactReader in) {
                return read.apply(in);
            }

            @Override
            public void write(CompactWriter out, T value) {
                write.accept(out, value);
            }

            @Override
            public String getTypeName() {
                return typeName;
            }

            @Override
            public Class<T> getCompactClass() {
                return type;
            }
        };
    }
}
