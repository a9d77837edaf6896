package discordcache.wire.onnode;

import com.hazelcast.config.SerializationConfig;
import com.hazelcast.nio.serialization.compact.CompactReader;
import com.hazelcast.nio.serialization.compact.CompactSerializer;
import com.hazelcast.nio.serialization.compact.CompactWriter;
import discordcache.model.CacheMap;
import discordcache.model.Channel;
import discordcache.model.Guild;
import discordcache.model.Member;
import discordcache.model.Message;
import discordcache.model.Patch;
import discordcache.model.Presence;
import discordcache.model.ThreadChannel;
import discordcache.model.User;
import discordcache.model.Versioned;
import discordcache.model.WriteCounts;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.stream.IntStream;

/**
 * The Compact serializers of the tasks, entry processors and index entries in this package, with their results.
 * {@link discordcache.wire.CacheSerialization} registers them beside the entities'; their type names are part of the
 * wire contract. Public only for it.
 */
public final class TaskSerialization {
    private static final String[] KIND_FIELDS = {"ChannelIds", "ThreadIds", "MemberIds", "PresenceIds"};

    private static final List<CompactSerializer<?>> OPERATIONS = List.of(
            compact("discord.GuildIndex", GuildIndex.class,
                    (out, index) -> {
                        for (GuildIndex.Kind kind : GuildIndex.Kind.values()) {
                            out.writeArrayOfInt64(kindField("", kind), index.ids(kind).toArray());
                        }
                    },
                    in -> new GuildIndex(IdSet.of(in.readArrayOfInt64("channelIds")),
                            IdSet.of(in.readArrayOfInt64("threadIds")), IdSet.of(in.readArrayOfInt64("memberIds")),
                            IdSet.of(in.readArrayOfInt64("presenceIds")))),
            compact("discord.GuildIndexUpdate", GuildIndexUpdate.class,
                    (out, update) -> {
                        for (GuildIndex.Kind kind : GuildIndex.Kind.values()) {
                            out.writeArrayOfInt64(kindField("added", kind), update.added(kind));
                            out.writeArrayOfInt64(kindField("removed", kind), update.removed(kind));
                        }
                    },
                    in -> {
                        long[][] added = new long[GuildIndex.Kind.values().length][];
                        long[][] removed = new long[GuildIndex.Kind.values().length][];
                        for (GuildIndex.Kind kind : GuildIndex.Kind.values()) {
                            added[kind.ordinal()] = in.readArrayOfInt64(kindField("added", kind));
                            removed[kind.ordinal()] = in.readArrayOfInt64(kindField("removed", kind));
                        }
                        return new GuildIndexUpdate(added, removed);
                    }),
            compact("discord.GuildIndexRead", GuildIndexRead.class,
                    (out, read) -> out.writeString("kind", read.kind().name()),
                    in -> new GuildIndexRead(GuildIndex.Kind.valueOf(in.readString("kind")))),
            compact("discord.ChannelIndex", ChannelIndex.class,
                    (out, index) -> out.writeArrayOfInt64("messageIds", index.messages().toArray()),
                    in -> new ChannelIndex(IdSet.of(in.readArrayOfInt64("messageIds")))),
            compact("discord.ChannelIndexUpdate", ChannelIndexUpdate.class,
                    (out, update) -> {
                        out.writeArrayOfInt64("added", update.added());
                        out.writeArrayOfInt64("removed", update.removed());
                        out.writeInt32("bound", update.bound());
                    },
                    in -> new ChannelIndexUpdate(in.readArrayOfInt64("added"), in.readArrayOfInt64("removed"),
                            in.readInt32("bound"))),
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
            compact("discord.RoleHolders", RoleHolders.class,
                    (out, task) -> {
                        out.writeInt64("guildId", task.guildId());
                        out.writeInt64("roleId", task.roleId());
                        out.writeArrayOfInt64("userIds", task.userIds());
                    },
                    in -> new RoleHolders(in.readInt64("guildId"), in.readInt64("roleId"),
                            in.readArrayOfInt64("userIds"))),
            compact("discord.MemberStats", MemberStats.class, (out, task) -> out.writeBoolean("all", true),
                    in -> new MemberStats()),
            compact("discord.UpsertTask", UpsertTask.class,
                    (out, task) -> {
                        out.writeString("map", task.mapName());
                        out.writeArrayOfCompact("values", task.values().toArray());
                    },
                    in -> new UpsertTask(in.readString("map"), Arrays.asList(in.readArrayOfCompact("values",
                            Object.class)))),
            compact("discord.MemoryDiff", MemoryDiff.class, TaskSerialization::writeMemoryDiff,
                    TaskSerialization::readMemoryDiff),
            compact("discord.GuildSync", GuildSync.class,
                    (out, sync) -> {
                        out.writeInt64("guildId", sync.guildId());
                        out.writeArrayOfCompact("members", sync.members().toArray(Member[]::new));
                        out.writeArrayOfCompact("presences", sync.presences().toArray(Presence[]::new));
                        out.writeArrayOfInt64("channelIds", sync.channelIds());
                        out.writeArrayOfInt64("threadIds", sync.threadIds());
                        out.writeArrayOfInt64("keptMembers", sync.keptMembers());
                        out.writeArrayOfInt64("keptPresences", sync.keptPresences());
                        out.writeArrayOfInt64("keptChannels", sync.keptChannels());
                        out.writeArrayOfInt64("keptThreads", sync.keptThreads());
                    },
                    in -> new GuildSync(in.readInt64("guildId"), list(in.readArrayOfCompact("members", Member.class)),
                            list(in.readArrayOfCompact("presences", Presence.class)),
                            in.readArrayOfInt64("channelIds"), in.readArrayOfInt64("threadIds"),
                            in.readArrayOfInt64("keptMembers"), in.readArrayOfInt64("keptPresences"),
                            in.readArrayOfInt64("keptChannels"), in.readArrayOfInt64("keptThreads"))),
            compact("discord.GuildSyncOutcome", GuildSync.Outcome.class,
                    (out, outcome) -> {
                        out.writeArrayOfInt32("members", outcome.members());
                        out.writeArrayOfInt32("presences", outcome.presences());
                        out.writeArrayOfInt64("goneMembers", outcome.goneMembers());
                        out.writeArrayOfInt64("gonePresences", outcome.gonePresences());
                        out.writeArrayOfInt64("goneChannels", outcome.goneChannels());
                        out.writeArrayOfInt64("goneThreads", outcome.goneThreads());
                    },
                    in -> new GuildSync.Outcome(in.readArrayOfInt32("members"), in.readArrayOfInt32("presences"),
                            in.readArrayOfInt64("goneMembers"), in.readArrayOfInt64("gonePresences"),
                            in.readArrayOfInt64("goneChannels"), in.readArrayOfInt64("goneThreads"))),
            compact("discord.GuildWrite", GuildWrite.class,
                    (out, write) -> {
                        out.writeInt64("guildId", write.guildId());
                        out.writeCompact("guild", write.guild());
                        out.writeArrayOfCompact("users", write.users().toArray(User[]::new));
                        out.writeArrayOfCompact("members", write.members().toArray(Member[]::new));
                        out.writeArrayOfCompact("presences", write.presences().toArray(Presence[]::new));
                        out.writeArrayOfCompact("channels", write.channels().toArray(Channel[]::new));
                        out.writeArrayOfCompact("threads", write.threads().toArray(ThreadChannel[]::new));
                        out.writeBoolean("wholeState", write.wholeState());
                        out.writeBoolean("wholeMemberList", write.wholeMemberList());
                    },
                    in -> new GuildWrite(in.readInt64("guildId"), in.<Guild>readCompact("guild"),
                            list(in.readArrayOfCompact("users", User.class)),
                            list(in.readArrayOfCompact("members", Member.class)),
                            list(in.readArrayOfCompact("presences", Presence.class)),
                            list(in.readArrayOfCompact("channels", Channel.class)),
                            list(in.readArrayOfCompact("threads", ThreadChannel.class)),
                            in.readBoolean("wholeState"), in.readBoolean("wholeMemberList"))),
            compact("discord.WriteCounts", WriteCounts.class,
                    (out, counts) -> {
                        writeCounts(out, "written", counts.written());
                        writeCounts(out, "removed", counts.removed());
                    },
                    in -> WriteCounts.of(readCounts(in, "written"), readCounts(in, "removed"))),
            compact("discord.GuildRemoval", GuildRemoval.class,
                    (out, removal) -> out.writeInt64("guildId", removal.guildId()),
                    in -> new GuildRemoval(in.readInt64("guildId"))),
            compact("discord.ChannelSync", ChannelSync.class,
                    (out, sync) -> {
                        out.writeInt64("channelId", sync.channelId());
                        out.writeArrayOfCompact("messages", sync.messages().toArray(Message[]::new));
                        out.writeInt32("bound", sync.bound());
                    },
                    in -> new ChannelSync(in.readInt64("channelId"),
                            list(in.readArrayOfCompact("messages", Message.class)), in.readInt32("bound"))),
            compact("discord.ChannelSyncOutcome", ChannelSync.Outcome.class,
                    (out, outcome) -> {
                        out.writeArrayOfInt32("messages", outcome.messages());
                        out.writeArrayOfInt64("evicted", outcome.evicted());
                    },
                    in -> new ChannelSync.Outcome(in.readArrayOfInt32("messages"), in.readArrayOfInt64("evicted"))),
            compact("discord.ChannelWrite", ChannelWrite.class,
                    (out, write) -> {
                        out.writeInt64("channelId", write.channelId());
                        out.writeArrayOfCompact("messages", write.messages().toArray(Message[]::new));
                    },
                    in -> new ChannelWrite(in.readInt64("channelId"),
                            list(in.readArrayOfCompact("messages", Message.class)))),
            compact("discord.PatchProcessor", rawPatchProcessor(),
                    (out, processor) -> {
                        out.writeCompact("values", processor.patch().values());
                        out.writeInt64("fields", processor.patch().fieldMask());
                        out.writeInt64("version", processor.version());
                        out.writeBoolean("insertWhenAbsent", processor.insertWhenAbsent());
                        out.writeBoolean("returnPrevious", processor.returnPrevious());
                    },
                    TaskSerialization::readPatchProcessor),
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

    private TaskSerialization() {
    }

    /** Adds the serializers of this package's types to {@code config}. */
    public static void register(SerializationConfig config) {
        OPERATIONS.forEach(serializer -> config.getCompactSerializationConfig().addSerializer(serializer));
    }

    /**
     * A Compact array holds values of one type, and a comparison batch mixes maps: each map's values go in an array
     * of their own ({@code usersValues}, …, in the batch's order), and {@code probed} says which entries are probes.
     */
    private static void writeMemoryDiff(CompactWriter out, MemoryDiff diff) {
        out.writeArrayOfString("maps", diff.mapNames().toArray(String[]::new));
        boolean[] probed = new boolean[diff.values().size()];
        for (int i = 0; i < probed.length; i++) {
            probed[i] = diff.values().get(i) == null;
        }
        out.writeArrayOfBoolean("probed", probed);
        for (CacheMap<?, ?> map : CacheMap.all()) {
            Object[] values = IntStream.range(0, probed.length)
                    .filter(i -> !probed[i] && diff.mapNames().get(i).equals(map.name()))
                    .mapToObj(diff.values()::get)
                    .toArray();
            out.writeArrayOfCompact(map.name() + "Values", values);
        }
        out.writeArrayOfInt64("probedIds", diff.probedIds());
    }

    private static MemoryDiff readMemoryDiff(CompactReader in) {
        List<String> maps = Arrays.asList(in.readArrayOfString("maps"));
        boolean[] probed = in.readArrayOfBoolean("probed");
        Map<String, Iterator<?>> valuesByMap = new HashMap<>();
        for (CacheMap<?, ?> map : CacheMap.all()) {
            valuesByMap.put(map.name(), Arrays.asList(in.readArrayOfCompact(map.name() + "Values", map.valueType()))
                    .iterator());
        }
        List<Object> values = new ArrayList<>(maps.size());
        for (int i = 0; i < maps.size(); i++) {
            values.add(probed[i] ? null : valuesByMap.get(maps.get(i)).next());
        }
        return new MemoryDiff(maps, values, in.readArrayOfInt64("probedIds"));
    }

    private static String kindField(String prefix, GuildIndex.Kind kind) {
        String field = KIND_FIELDS[kind.ordinal()];
        return prefix.isEmpty() ? Character.toLowerCase(field.charAt(0)) + field.substring(1) : prefix + field;
    }

    private static <T> List<T> list(T[] values) {
        return values == null ? List.of() : Arrays.asList(values);
    }

    private static void writeCounts(CompactWriter out, String prefix, Map<CacheMap<?, ?>, Long> counts) {
        out.writeArrayOfString(prefix + "Maps", counts.keySet().stream().map(CacheMap::name).toArray(String[]::new));
        out.writeArrayOfInt64(prefix + "Counts", counts.values().stream().mapToLong(Long::longValue).toArray());
    }

    private static Map<CacheMap<?, ?>, Long> readCounts(CompactReader in, String prefix) {
        String[] maps = in.readArrayOfString(prefix + "Maps");
        long[] counts = in.readArrayOfInt64(prefix + "Counts");
        Map<CacheMap<?, ?>, Long> read = new LinkedHashMap<>();
        for (int i = 0; i < maps.length; i++) {
            read.put(CacheMap.named(maps[i]), counts[i]);
        }
        return read;
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
