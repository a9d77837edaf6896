package discordcache.client;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import discordcache.model.CacheMap;
import discordcache.model.Channel;
import discordcache.model.Patch;
import discordcache.model.ThreadChannel;
import discordcache.model.Versioned;
import discordcache.nearcache.NearCache;
import discordcache.query.GuildIndex;
import discordcache.query.GuildIndexUpdate;
import discordcache.query.GuildSliceQuery;
import discordcache.write.DeleteProcessor;
import discordcache.write.PatchProcessor;
import discordcache.write.SetAllTask;
import com.hazelcast.partition.PartitionAware;
import discordcache.write.VersionClock;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

/**
 * The writes of {@link DiscordCache}: version stamping, the guild index of channels and threads, and the
 * invalidation of this client's own near cache once a write is done, so that a client reads its own writes.
 */
final class Writer {
    /** Beyond this many partitions, a batch goes through a member (see {@link #setAll}). */
    private static final int SPREAD = 8;

    private final HazelcastInstance client;
    private final VersionClock clock = new VersionClock();
    private final IMap<Long, GuildIndex> guildIndex;
    private final Function<String, NearCache<?, ?>> nearCaches;
    private final Queries queries;

    Writer(HazelcastInstance client, Function<String, NearCache<?, ?>> nearCaches, Queries queries) {
        this.client = client;
        this.guildIndex = client.getMap(GuildIndex.MAP_NAME);
        this.nearCaches = nearCaches;
        this.queries = queries;
    }

    <K, V extends Versioned<V>> CompletionStage<Void> upsert(CacheMap<K, V> map, V value) {
        V stamped = value.withVersion(clock.next());
        K key = map.keyOf(stamped);
        return indexAdd(map, List.of(stamped))
                .thenCompose(indexed -> imap(map).setAsync(key, stamped))
                .thenRun(() -> invalidate(map, key));
    }

    <K, V extends Versioned<V>> CompletionStage<Void> upsertAll(CacheMap<K, V> map, Collection<V> values) {
        long version = clock.next();
        Map<K, V> entries = new LinkedHashMap<>();
        for (V value : values) {
            V stamped = value.withVersion(version);
            entries.put(map.keyOf(stamped), stamped);
        }
        if (entries.isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        return indexAdd(map, entries.values())
                .thenCompose(indexed -> setAll(map, entries))
                .thenRun(() -> entries.keySet().forEach(key -> invalidate(map, key)));
    }

    /**
     * A client's setAll sends one operation per partition: right for a guild's members (one partition), slow for
     * its users (one partition each). Values spread over many partitions go to a member in one task instead.
     */
    private <K, V> CompletionStage<Void> setAll(CacheMap<K, V> map, Map<K, V> entries) {
        long partitions = entries.keySet().stream()
                .map(key -> key instanceof PartitionAware<?> aware ? aware.getPartitionKey() : key)
                .distinct().limit(SPREAD + 1).count();
        if (partitions <= SPREAD) {
            return imap(map).setAllAsync(entries);
        }
        return queries.setAll(new SetAllTask(map.name(), new ArrayList<>(entries.values()))).thenApply(count -> null);
    }

    <K, V> CompletionStage<Void> delete(CacheMap<K, V> map, K key) {
        return deleteAll(map, Set.of(key));
    }

    <K, V> CompletionStage<Void> deleteAll(CacheMap<K, V> map, Collection<K> keys) {
        if (keys.isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        IMap<K, V> imap = imap(map);
        CompletionStage<Void> deleted;
        if (indexKind(map) != null) {
            // The index must lose the ids once their entries are gone, so the deleted values are needed. One
            // operation per key: a multi-key entry processor (submitToKeys) on a bounded map can have an entry it
            // loaded evicted before its delete step runs, and Hazelcast 5.7 then fails the whole operation with a
            // NullPointerException (hazelcast/hazelcast#23237).
            DeleteProcessor<K, V> delete = new DeleteProcessor<>();
            List<CompletableFuture<V>> previous = keys.stream()
                    .map(key -> imap.submitToKey(key, delete).toCompletableFuture())
                    .toList();
            deleted = CompletableFuture.allOf(previous.toArray(CompletableFuture[]::new))
                    .thenCompose(done -> indexRemove(map, previous.stream().map(CompletableFuture::join).toList()));
        } else {
            deleted = CompletableFuture.allOf(keys.stream()
                    .map(key -> imap.deleteAsync(key).toCompletableFuture())
                    .toArray(CompletableFuture[]::new));
        }
        return deleted.thenRun(() -> keys.forEach(key -> invalidate(map, key)));
    }

    /**
     * Runs a partial update; the change's current value is computed here the way the entry processor computes it,
     * from the previous value (which is then always returned) and the same version stamp.
     */
    <K, V extends Versioned<V>> CompletionStage<Change<V>> update(CacheMap<K, V> map, Patch<V> patch,
                                                                  boolean insertWhenAbsent, boolean returnPrevious) {
        K key = map.keyOf(patch.values());
        long version = clock.next();
        CompletionStage<Void> indexed = insertWhenAbsent ? indexAdd(map, List.of(patch.values()))
                : CompletableFuture.completedFuture(null);
        return indexed
                .thenCompose(ignored -> imap(map).submitToKey(key,
                        new PatchProcessor<K, V>(patch, version, insertWhenAbsent, returnPrevious)))
                .thenApply(previous -> {
                    invalidate(map, key);
                    V current = previous == null ? (insertWhenAbsent ? patch.values().withVersion(version) : null)
                            : patch.applyTo(previous).withVersion(Math.max(version, previous.version() + 1));
                    return new Change<>(map, key, previous, current);
                });
    }

    /**
     * Replaces the cluster's value of {@code key} with {@code change} applied to it, by compare-and-set, retried
     * until no other write came in between. Nothing happens to an absent entity, or when {@code change} returns its
     * argument.
     */
    <K, V extends Versioned<V>> Change<V> modify(CacheMap<K, V> map, K key, UnaryOperator<V> change) {
        IMap<K, V> imap = imap(map);
        while (true) {
            V current = imap.get(key);
            if (current == null) {
                return new Change<>(map, key, null, null);
            }
            V next = change.apply(current);
            if (next == null || next.equals(current)) {
                return new Change<>(map, key, current, current);
            }
            V stamped = next.withVersion(Math.max(clock.next(), current.version() + 1));
            if (imap.replace(key, current, stamped)) {
                invalidate(map, key);
                return new Change<>(map, key, current, stamped);
            }
        }
    }

    /** Deletes one entity and answers its value before (reading it back from PostgreSQL when not in memory). */
    <K, V> CompletionStage<Change<V>> deleteReturningPrevious(CacheMap<K, V> map, K key) {
        return imap(map).submitToKey(key, new DeleteProcessor<K, V>())
                .thenCompose(previous -> (previous == null ? CompletableFuture.<Void>completedFuture(null)
                        : indexRemove(map, List.of(previous))).thenApply(done -> {
                            invalidate(map, key);
                            return new Change<>(map, key, previous, null);
                        }));
    }

    /**
     * Removes a guild and everything scoped to it: its channels and threads with their messages, its members and
     * presences, its index and its unavailable mark. Answers how many entries each map lost. Members, presences
     * and messages are deleted on the members that own them, so near caches (this client's too) learn of it from
     * the cluster's events.
     */
    CompletionStage<Map<String, Long>> removeGuild(long guildId) {
        Map<String, Long> removed = new ConcurrentHashMap<>();
        return deleteReturningPrevious(CacheMap.GUILDS, guildId)
                .thenAccept(change -> removed.put(CacheMap.GUILDS.name(), change.previous() == null ? 0L : 1L))
                .thenCompose(done -> guildIndex.getAsync(guildId))
                .thenCompose(index -> {
                    GuildIndex children = index == null ? GuildIndex.empty() : index;
                    List<CompletableFuture<?>> steps = new ArrayList<>();
                    steps.add(removeChildren(CacheMap.CHANNELS, children.channelIds().toArray(), removed));
                    steps.add(removeChildren(CacheMap.THREADS, children.threadIds().toArray(), removed));
                    for (CacheMap<?, ?> map : List.of(CacheMap.MEMBERS, CacheMap.PRESENCES)) {
                        steps.add(queries.<Long>slice(map, guildId, GuildSliceQuery.Mode.DELETE)
                                .thenAccept(count -> removed.merge(map.name(), count, Long::sum))
                                .toCompletableFuture());
                    }
                    steps.add(imap(CacheMap.UNAVAILABLE_GUILDS).deleteAsync(guildId).toCompletableFuture());
                    return CompletableFuture.allOf(steps.toArray(CompletableFuture[]::new));
                })
                .thenCompose(done -> guildIndex.deleteAsync(guildId))
                .thenApply(done -> Map.copyOf(removed));
    }

    /** Removes a channel with its threads and the messages of both. */
    CompletionStage<Change<Channel>> removeChannel(long channelId) {
        return deleteReturningPrevious(CacheMap.CHANNELS, channelId).thenCompose(change -> {
            Channel channel = change.previous();
            CompletionStage<Void> threads = channel == null || channel.guildId() == null
                    ? CompletableFuture.completedFuture(null)
                    : queries.threads(channel.guildId(), nearCache(CacheMap.THREADS),
                                    thread -> thread.parentId() == channelId)
                            .thenCompose(found -> removeChildren(CacheMap.THREADS,
                                    found.stream().mapToLong(ThreadChannel::id).toArray(), new HashMap<>()));
            return threads.thenCompose(done -> queries.deleteMessages(channelId)).thenApply(messages -> change);
        });
    }

    /** Removes a thread and its messages. */
    CompletionStage<Change<ThreadChannel>> removeThread(long threadId) {
        return deleteReturningPrevious(CacheMap.THREADS, threadId).thenCompose(change ->
                queries.deleteMessages(threadId).thenApply(messages -> change));
    }

    private CompletableFuture<Void> removeChildren(CacheMap<Long, ?> map, long[] ids, Map<String, Long> removed) {
        List<CompletableFuture<?>> steps = new ArrayList<>();
        for (long id : ids) {
            steps.add(queries.deleteMessages(id)
                    .thenAccept(count -> removed.merge(CacheMap.MESSAGES.name(), count, Long::sum))
                    .toCompletableFuture());
        }
        Set<Long> keys = Arrays.stream(ids).boxed().collect(Collectors.toSet());
        steps.add(deleteAll(map, keys).thenRun(() -> removed.merge(map.name(), (long) keys.size(), Long::sum))
                .toCompletableFuture());
        return CompletableFuture.allOf(steps.toArray(CompletableFuture[]::new));
    }

    @SuppressWarnings("unchecked")
    private <V> NearCache<Long, V> nearCache(CacheMap<Long, V> map) {
        return (NearCache<Long, V>) nearCaches.apply(map.name());
    }

    // The index gains an id before its channel is written, so that it never lacks a cached channel.
    private CompletionStage<Void> indexAdd(CacheMap<?, ?> map, Collection<?> values) {
        return updateIndex(map, values, GuildIndexUpdate::add);
    }

    private CompletionStage<Void> indexRemove(CacheMap<?, ?> map, Collection<?> values) {
        return updateIndex(map, values, GuildIndexUpdate::remove);
    }

    private CompletionStage<Void> updateIndex(CacheMap<?, ?> map, Collection<?> values, IndexChange change) {
        GuildIndex.Kind kind = indexKind(map);
        if (kind == null) {
            return CompletableFuture.completedFuture(null);
        }
        Map<Long, List<Long>> idsByGuild = new HashMap<>();
        for (Object value : values) {
            if (value instanceof Channel channel && channel.guildId() != null) {
                idsByGuild.computeIfAbsent(channel.guildId(), guild -> new ArrayList<>()).add(channel.id());
            } else if (value instanceof ThreadChannel thread) {
                idsByGuild.computeIfAbsent(thread.guildId(), guild -> new ArrayList<>()).add(thread.id());
            }
        }
        return CompletableFuture.allOf(idsByGuild.entrySet().stream()
                .map(entry -> guildIndex.submitToKey(entry.getKey(),
                        change.of(kind, entry.getValue().stream().mapToLong(Long::longValue).toArray()))
                        .toCompletableFuture())
                .toArray(CompletableFuture[]::new));
    }

    private interface IndexChange {
        GuildIndexUpdate of(GuildIndex.Kind kind, long... ids);
    }

    private static GuildIndex.Kind indexKind(CacheMap<?, ?> map) {
        if (map == CacheMap.CHANNELS) {
            return GuildIndex.Kind.CHANNELS;
        }
        return map == CacheMap.THREADS ? GuildIndex.Kind.THREADS : null;
    }

    @SuppressWarnings("unchecked")
    private <K> void invalidate(CacheMap<K, ?> map, K key) {
        NearCache<K, ?> nearCache = (NearCache<K, ?>) nearCaches.apply(map.name());
        if (nearCache != null) {
            nearCache.invalidate(key);
        }
    }

    private <K, V> IMap<K, V> imap(CacheMap<K, V> map) {
        return client.getMap(map.name());
    }
}
