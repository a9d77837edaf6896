package discordcache.client;

import com.hazelcast.core.ExecutionCallback;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.IExecutorService;
import com.hazelcast.map.IMap;
import discordcache.model.CacheMap;
import discordcache.model.Channel;
import discordcache.model.Guild;
import discordcache.model.Member;
import discordcache.model.Message;
import discordcache.model.Presence;
import discordcache.model.ThreadChannel;
import discordcache.model.UnavailableGuild;
import discordcache.wire.onnode.GuildIndex;
import discordcache.wire.onnode.GuildIndexRead;
import discordcache.wire.onnode.GuildSliceQuery;
import discordcache.wire.onnode.NewestMessagesQuery;
import discordcache.wire.onnode.ChannelMessagesDelete;
import discordcache.wire.onnode.ChannelWrite;
import discordcache.wire.onnode.GuildRemoval;
import discordcache.wire.onnode.GuildRoleStrip;
import discordcache.wire.onnode.GuildWrite;
import discordcache.wire.onnode.UpsertTask;
import discordcache.model.WriteCounts;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.Executor;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Predicate;
import java.util.function.ToLongFunction;

/**
 * The guild- and channel-scoped reads of {@link DiscordCache}, and the tasks its writes send to the members.
 * Members, presences and messages live in their guild's or channel's partition and are queried there by a task on
 * the member that owns it, through the guild's or channel's index; channels and threads are found through their
 * guild's {@link GuildIndex} and read by id through the near cache.
 */
final class Queries {
    /** The executor the query tasks run on, on the members. */
    static final String EXECUTOR = "discordcache-queries";

    private final IExecutorService executor;
    private final IMap<String, GuildIndex> guildIndex;
    private final IMap<Long, UnavailableGuild> unavailableGuilds;

    private final Executor blocking;

    Queries(HazelcastInstance client, Executor blocking) {
        this.blocking = blocking;
        this.executor = client.getExecutorService(EXECUTOR);
        this.guildIndex = client.getMap(GuildIndex.MAP_NAME);
        this.unavailableGuilds = client.getMap(CacheMap.UNAVAILABLE_GUILDS.name());
    }

    CompletionStage<List<Member>> members(long guildId) {
        return this.<List<Member>>slice(CacheMap.MEMBERS, guildId, GuildSliceQuery.Mode.VALUES)
                .thenApply(members -> sorted(members, Member::userId));
    }

    CompletionStage<List<Presence>> presences(long guildId) {
        return this.<List<Presence>>slice(CacheMap.PRESENCES, guildId, GuildSliceQuery.Mode.VALUES)
                .thenApply(presences -> sorted(presences, Presence::userId));
    }

    CompletionStage<MemberCount> memberCount(long guildId, CompletionStage<Guild> guild) {
        return this.<Long>slice(CacheMap.MEMBERS, guildId, GuildSliceQuery.Mode.COUNT)
                .thenCombine(guild, MemberCount::of);
    }

    /** A guild's members or presences, as {@code mode} answers them, from the owner of the guild's partition. */
    <T> CompletionStage<T> slice(CacheMap<?, ?> map, long guildId, GuildSliceQuery.Mode mode) {
        return onOwner(new GuildSliceQuery(map.name(), guildId, mode), guildId);
    }

    /** Writes one guild's payload on the owner of its partition. */
    CompletionStage<WriteCounts> writeGuild(GuildWrite write) {
        return onOwner(write, write.guildId());
    }

    /** Writes one channel's messages on the owner of its partition; answers how many it wrote. */
    CompletionStage<Integer> writeMessages(ChannelWrite write) {
        return onOwner(write, write.channelId());
    }

    /** Removes a guild and everything scoped to it, on the owner of its partition. */
    CompletionStage<WriteCounts> removeGuild(GuildRemoval removal) {
        return onOwner(removal, removal.guildId());
    }

    /** Strips a deleted role from a guild's members, in memory and in PostgreSQL. */
    CompletionStage<Integer> stripRole(long guildId, long roleId) {
        return onOwner(new GuildRoleStrip(guildId, roleId), guildId);
    }

    /** Deletes every message of a channel or thread; answers how many. */
    CompletionStage<Long> deleteMessages(long channelId) {
        return onOwner(new ChannelMessagesDelete(channelId), channelId);
    }

    CompletionStage<List<Message>> newestMessages(long channelId, int limit) {
        return onOwner(new NewestMessagesQuery(channelId, limit), channelId);
    }

    CompletionStage<List<Channel>> channels(long guildId, NearCache<Long, Channel> channels) {
        return indexed(guildId, GuildIndex.Kind.CHANNELS, channels,
                channel -> Objects.equals(channel.guildId(), guildId), Channel::id);
    }

    CompletionStage<List<ThreadChannel>> threads(long guildId, NearCache<Long, ThreadChannel> threads,
                                                 Predicate<ThreadChannel> filter) {
        return indexed(guildId, GuildIndex.Kind.THREADS, threads,
                thread -> thread.guildId() == guildId && filter.test(thread), ThreadChannel::id);
    }

    CompletionStage<List<UnavailableGuild>> unavailableGuilds() {
        // IMap has no asynchronous values(); the map holds one small entry per unavailable guild.
        return CompletableFuture.supplyAsync(() -> sorted(unavailableGuilds.values(), UnavailableGuild::id), blocking);
    }

    /** The index may list ids whose entity was deleted meanwhile; the entity itself decides. */
    private <V> CompletionStage<List<V>> indexed(long guildId, GuildIndex.Kind kind, NearCache<Long, V> entities,
                                                 Predicate<V> belongs, ToLongFunction<V> id) {
        return guildIndex.submitToKey(GuildIndex.key(guildId), new GuildIndexRead(kind)).thenCompose(ids -> {
            List<CompletableFuture<V>> reads = new ArrayList<>(ids.length);
            for (long entityId : ids) {
                reads.add(entities.getAsync(entityId).toCompletableFuture());
            }
            return CompletableFuture.allOf(reads.toArray(CompletableFuture[]::new)).thenApply(done -> {
                List<V> found = new ArrayList<>(reads.size());
                for (CompletableFuture<V> read : reads) {
                    V value = read.join();
                    if (value != null && belongs.test(value)) {
                        found.add(value);
                    }
                }
                return sorted(found, id);
            });
        });
    }

    /** Writes values from inside the cluster, on any member; answers how many differed and were written. */
    CompletionStage<Integer> upsert(UpsertTask task) {
        CompletableFuture<Integer> result = new CompletableFuture<>();
        executor.submit(task, callback(result));
        return result;
    }

    private static <T> ExecutionCallback<T> callback(CompletableFuture<T> result) {
        return new ExecutionCallback<>() {
            @Override
            public void onResponse(T response) {
                result.complete(response);
            }

            @Override
            public void onFailure(Throwable t) {
                result.completeExceptionally(t);
            }
        };
    }

    @SuppressWarnings("unchecked")
    private <T> CompletionStage<T> onOwner(Callable<?> task, long partitionId) {
        CompletableFuture<T> result = new CompletableFuture<>();
        executor.submitToKeyOwner((Callable<T>) task, Long.toString(partitionId), callback(result));
        return result;
    }

    private static <V> List<V> sorted(Collection<V> values, ToLongFunction<V> id) {
        List<V> list = new ArrayList<>(values);
        list.sort(Comparator.comparingLong(id));
        return list;
    }
}
