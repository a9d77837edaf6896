package discordcache.client;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import discordcache.model.CacheMap;
import discordcache.model.Channel;
import discordcache.model.Member;
import discordcache.model.MemberKey;
import discordcache.model.Message;
import discordcache.model.MessageKey;
import discordcache.model.Patch;
import discordcache.model.Presence;
import discordcache.model.PresenceKey;
import discordcache.model.ThreadChannel;
import discordcache.model.Versioned;
import discordcache.wire.onnode.ChannelIndex;
import discordcache.wire.onnode.ChannelIndexUpdate;
import discordcache.wire.onnode.GuildIndex;
import discordcache.wire.onnode.GuildIndexUpdate;
import discordcache.wire.onnode.ChannelWrite;
import discordcache.wire.onnode.DeleteProcessor;
import discordcache.wire.onnode.GuildRemoval;
import discordcache.wire.onnode.GuildWrite;
import discordcache.wire.onnode.PatchProcessor;
import discordcache.wire.onnode.UpsertTask;
import discordcache.wire.onnode.VersionClock;
import discordcache.model.WriteCounts;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

/**
 * The writes of {@link DiscordCache}: version stamping, routing each write to where its data lives, the guild and
 * channel indexes, and the invalidation of this client's own near cache once a write is done, so that a client
 * reads its own writes.
 *
 * <p>Bulk writes run as one task on a member: a guild's members, presences, channels and threads on the owner of the
 * guild's partition ({@link GuildWrite}), a channel's messages on the owner of the channel's ({@link ChannelWrite}),
 * anything else on any member ({@link UpsertTask}). There each value is compared with memory where it lives, and only
 * those that differ are written.
 */
final class Writer {
    private final HazelcastInstance client;
    private final VersionClock clock = new VersionClock();
    private final IMap<String, GuildIndex> guildIndex;
    private final IMap<String, ChannelIndex> channelIndex;
    private final Function<String, NearCache<?, ?>> nearCaches;
    private final Queries queries;

    Writer(HazelcastInstance client, Function<String, NearCache<?, ?>> nearCaches, Queries queries) {
        this.client = client;
        this.guildIndex = client.getMap(GuildIndex.MAP_NAME);
        this.channelIndex = client.getMap(ChannelIndex.MAP_NAME);
        this.nearCaches = nearCaches;
        this.queries = queries;
    }

    <K, V extends Versioned<V>> CompletionStage<Void> upsert(CacheMap<K, V> map, V value) {
        return upsertAll(map, List.of(value)).thenApply(written -> null);
    }

    /** Writes the values with one new version; answers how many differed from the cached ones and were written. */
    @SuppressWarnings("unchecked")
    <K, V extends Versioned<V>> CompletionStage<Integer> upsertAll(CacheMap<K, V> map, Collection<V> values) {
        long version = clock.next();
        Map<K, V> byKey = new LinkedHashMap<>();
        for (V value : values) {
            V stamped = value.withVersion(version);
            byKey.put(map.keyOf(stamped), stamped);
        }
        if (byKey.isEmpty()) {
            return CompletableFuture.completedFuture(0);
        }
        List<V> stamped = new ArrayList<>(byKey.values());
        List<CompletableFuture<Integer>> writes = new ArrayList<>();
        if (map == CacheMap.MEMBERS || map == CacheMap.PRESENCES || map == CacheMap.THREADS
                || map == CacheMap.CHANNELS) {
            Map<Long, List<V>> byGuild = new LinkedHashMap<>();
            List<V> outsideGuilds = new ArrayList<>();
            for (V value : stamped) {
                Long guildId = guildOf(value);
                if (guildId == null) {
                    outsideGuilds.add(value); // a DM channel
                } else {
                    byGuild.computeIfAbsent(guildId, id -> new ArrayList<>()).add(value);
                }
            }
            byGuild.forEach((guildId, ofGuild) -> writes.add(queries.writeGuild(new GuildWrite(guildId, null,
                    List.of(), map == CacheMap.MEMBERS ? (List<Member>) ofGuild : List.of(),
                    map == CacheMap.PRESENCES ? (List<Presence>) ofGuild : List.of(),
                    map == CacheMap.CHANNELS ? (List<Channel>) ofGuild : List.of(),
                    map == CacheMap.THREADS ? (List<ThreadChannel>) ofGuild : List.of(), false, false))
                    .thenApply(counts -> (int) counts.written(map)).toCompletableFuture()));
            if (!outsideGuilds.isEmpty()) {
                writes.add(queries.upsert(new UpsertTask(map.name(), outsideGuilds)).toCompletableFuture());
            }
        } else if (map == CacheMap.MESSAGES) {
            Map<Long, List<Message>> byChannel = stamped.stream().map(Message.class::cast)
                    .collect(Collectors.groupingBy(Message::channelId, LinkedHashMap::new, Collectors.toList()));
            byChannel.forEach((channelId, messages) -> writes.add(
                    queries.writeMessages(new ChannelWrite(channelId, messages)).toCompletableFuture()));
        } else {
            writes.add(queries.upsert(new UpsertTask(map.name(), stamped)).toCompletableFuture());
        }
        return CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new)).thenApply(done -> {
            byKey.keySet().forEach(key -> invalidate(map, key));
            return writes.stream().mapToInt(CompletableFuture::join).sum();
        });
    }

    /** Writes one guild's payload in one task on the owner of its partition, with versions stamped here. */
    CompletionStage<WriteCounts> writeGuild(GuildWrite write) {
        long version = clock.next();
        GuildWrite stamped = new GuildWrite(write.guildId(),
                write.guild() == null ? null : write.guild().withVersion(version), stamp(write.users(), version),
                stamp(write.members(), version), stamp(write.presences(), version), stamp(write.channels(), version),
                stamp(write.threads(), version), write.wholeState(), write.wholeMemberList());
        return queries.writeGuild(stamped).thenApply(counts -> {
            if (write.guild() != null) {
                invalidate(CacheMap.GUILDS, write.guildId());
            }
            write.users().forEach(user -> invalidate(CacheMap.USERS, user.id()));
            write.members().forEach(member -> invalidate(CacheMap.MEMBERS, member.key()));
            write.presences().forEach(presence -> invalidate(CacheMap.PRESENCES, presence.key()));
            write.channels().forEach(channel -> invalidate(CacheMap.CHANNELS, channel.id()));
            write.threads().forEach(thread -> invalidate(CacheMap.THREADS, thread.id()));
            return counts;
        });
    }

    private static <V extends Versioned<V>> List<V> stamp(List<V> values, long version) {
        return values.stream().map(value -> value.withVersion(version)).toList();
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
        if (map == CacheMap.CHANNELS || map == CacheMap.THREADS) {
            // The index must lose the ids once their entries are gone, and only the deleted values say their guild.
            // One operation per key: a multi-key entry processor (submitToKeys) on a bounded map can have an entry it
            // loaded evicted before its delete step runs, and Hazelcast 5.7 then fails the whole operation with a
            // NullPointerException (hazelcast/hazelcast#23237).
            DeleteProcessor<K, V> delete = new DeleteProcessor<>();
            List<CompletableFuture<V>> previous = keys.stream()
                    .map(key -> imap.submitToKey(key, delete).toCompletableFuture())
                    .toList();
            deleted = CompletableFuture.allOf(previous.toArray(CompletableFuture[]::new))
                    .thenCompose(done -> indexRemove(map, keys,
                            previous.stream().map(CompletableFuture::join).toList()));
        } else {
            deleted = CompletableFuture.allOf(keys.stream()
                            .map(key -> imap.deleteAsync(key).toCompletableFuture())
                            .toArray(CompletableFuture[]::new))
                    .thenCompose(done -> indexRemove(map, keys, List.of()));
        }
        return deleted.thenRun(() -> keys.forEach(key -> invalidate(map, key)));
    }

    /**
     * Runs a partial update; the change's current value is computed here the way the entry processor computes it,
     * from the previous value (which is then always returned) and the same version stamp. An update that may insert
     * into a map with an index tries without inserting first, as the entity is usually cached: only when it is not
     * does its id go into the index before the insert, so that the index never lacks a cached entry.
     */
    <K, V extends Versioned<V>> CompletionStage<Change<V>> update(CacheMap<K, V> map, Patch<V> patch,
                                                                  boolean insertWhenAbsent, boolean returnPrevious) {
        K key = map.keyOf(patch.values());
        long version = clock.next();
        IMap<K, V> imap = imap(map);
        CompletionStage<V> previous;
        if (insertWhenAbsent && isIndexed(map)) {
            previous = imap.submitToKey(key, new PatchProcessor<K, V>(patch, version, false, true))
                    .thenCompose(cached -> cached != null ? CompletableFuture.completedFuture(cached)
                            : indexAdd(map, patch.values()).thenCompose(indexed -> imap.submitToKey(key,
                                    new PatchProcessor<K, V>(patch, version, true, true))));
        } else {
            previous = imap.submitToKey(key, new PatchProcessor<K, V>(patch, version, insertWhenAbsent,
                    returnPrevious));
        }
        return previous.thenApply(before -> {
            invalidate(map, key);
            V current;
            if (before == null) {
                current = insertWhenAbsent ? patch.values().withVersion(version) : null;
            } else {
                V merged = patch.applyTo(before);
                current = Versioned.sameContent(merged, before) ? before
                        : merged.withVersion(Math.max(version, before.version() + 1));
            }
            return new Change<>(map, key, before, current);
        });
    }

    /**
     * Replaces the cluster's value of {@code key} with {@code change} applied to it, by compare-and-set, retried
     * until no other write came in between. Nothing happens to an absent entity, or when {@code change} returns a
     * value with the same content.
     */
    <K, V extends Versioned<V>> Change<V> modify(CacheMap<K, V> map, K key, UnaryOperator<V> change) {
        IMap<K, V> imap = imap(map);
        while (true) {
            V current = imap.get(key);
            if (current == null) {
                return new Change<>(map, key, null, null);
            }
            V next = change.apply(current);
            if (next == null || Versioned.sameContent(next, current)) {
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
                .thenCompose(previous -> indexRemove(map, List.of(key),
                        previous == null ? List.of() : List.of(previous)).thenApply(done -> {
                            invalidate(map, key);
                            return new Change<>(map, key, previous, null);
                        }));
    }

    /**
     * Removes a guild and everything scoped to it, in one task on the owner of the guild's partition; answers how
     * many entries each map lost. Near caches (this client's too) learn of it from the cluster's events.
     */
    CompletionStage<WriteCounts> removeGuild(long guildId) {
        return queries.removeGuild(new GuildRemoval(guildId)).thenApply(counts -> {
            invalidate(CacheMap.GUILDS, guildId);
            return counts;
        });
    }

    /** Removes a channel with its threads and the messages of both. */
    CompletionStage<Change<Channel>> removeChannel(long channelId) {
        return deleteReturningPrevious(CacheMap.CHANNELS, channelId).thenCompose(change -> {
            Channel channel = change.previous();
            CompletionStage<Void> threads = channel == null || channel.guildId() == null
                    ? CompletableFuture.completedFuture(null)
                    : queries.threads(channel.guildId(), nearCache(CacheMap.THREADS),
                                    thread -> thread.parentId() == channelId)
                            .thenCompose(found -> CompletableFuture.allOf(found.stream()
                                    .map(thread -> removeThread(thread.id()).toCompletableFuture())
                                    .toArray(CompletableFuture[]::new)));
            return threads.thenCompose(done -> queries.deleteMessages(channelId)).thenApply(messages -> change);
        });
    }

    /** Removes a thread and its messages. */
    CompletionStage<Change<ThreadChannel>> removeThread(long threadId) {
        return deleteReturningPrevious(CacheMap.THREADS, threadId).thenCompose(change ->
                queries.deleteMessages(threadId).thenApply(messages -> change));
    }

    @SuppressWarnings("unchecked")
    private <V> NearCache<Long, V> nearCache(CacheMap<Long, V> map) {
        return (NearCache<Long, V>) nearCaches.apply(map.name());
    }

    private static boolean isIndexed(CacheMap<?, ?> map) {
        return map == CacheMap.MEMBERS || map == CacheMap.PRESENCES || map == CacheMap.CHANNELS
                || map == CacheMap.THREADS || map == CacheMap.MESSAGES;
    }

    private static Long guildOf(Object value) {
        if (value instanceof Member member) {
            return member.guildId();
        }
        if (value instanceof Presence presence) {
            return presence.guildId();
        }
        if (value instanceof Channel channel) {
            return channel.guildId();
        }
        return value instanceof ThreadChannel thread ? thread.guildId() : null;
    }

    /** The index gains an id before its entity is written, so that it never lacks a cached entity. */
    private CompletionStage<Void> indexAdd(CacheMap<?, ?> map, Object value) {
        if (value instanceof Message message) {
            return channelIndex.submitToKey(ChannelIndex.key(message.channelId()),
                    new ChannelIndexUpdate(new long[] {message.id()}, null, 0)).thenApply(evicted -> null);
        }
        Long guildId = guildOf(value);
        GuildIndex.Kind kind = indexKind(map);
        if (guildId == null || kind == null) {
            return CompletableFuture.completedFuture(null);
        }
        return guildIndex.submitToKey(GuildIndex.key(guildId), GuildIndexUpdate.add(kind, idInGuild(value)));
    }

    /**
     * The index loses the ids once their entities are gone: members, presences and messages by their keys; channels
     * and threads by their deleted values, which name their guild.
     */
    private CompletionStage<Void> indexRemove(CacheMap<?, ?> map, Collection<?> keys, Collection<?> values) {
        GuildIndex.Kind kind = indexKind(map);
        Map<String, List<Long>> idsByScope = new HashMap<>();
        if (map == CacheMap.MEMBERS || map == CacheMap.PRESENCES || map == CacheMap.MESSAGES) {
            for (Object key : keys) {
                if (key instanceof MemberKey member) {
                    idsByScope.computeIfAbsent(GuildIndex.key(member.guildId()), s -> new ArrayList<>())
                            .add(member.userId());
                } else if (key instanceof PresenceKey presence) {
                    idsByScope.computeIfAbsent(GuildIndex.key(presence.guildId()), s -> new ArrayList<>())
                            .add(presence.userId());
                } else if (key instanceof MessageKey message) {
                    idsByScope.computeIfAbsent(ChannelIndex.key(message.channelId()), s -> new ArrayList<>())
                            .add(message.messageId());
                }
            }
        } else if (kind != null) {
            for (Object value : values) {
                Long guildId = value == null ? null : guildOf(value);
                if (guildId != null) {
                    idsByScope.computeIfAbsent(GuildIndex.key(guildId), s -> new ArrayList<>())
                            .add(idInGuild(value));
                }
            }
        }
        return CompletableFuture.allOf(idsByScope.entrySet().stream().map(scope -> {
            long[] ids = scope.getValue().stream().mapToLong(Long::longValue).toArray();
            return (map == CacheMap.MESSAGES
                    ? channelIndex.submitToKey(scope.getKey(), ChannelIndexUpdate.remove(ids))
                    : guildIndex.submitToKey(scope.getKey(), GuildIndexUpdate.remove(kind, ids)))
                    .toCompletableFuture();
        }).toArray(CompletableFuture[]::new));
    }

    private static long idInGuild(Object value) {
        if (value instanceof Member member) {
            return member.userId();
        }
        if (value instanceof Presence presence) {
            return presence.userId();
        }
        return value instanceof Channel channel ? channel.id() : ((ThreadChannel) value).id();
    }

    private static GuildIndex.Kind indexKind(CacheMap<?, ?> map) {
        if (map == CacheMap.CHANNELS) {
            return GuildIndex.Kind.CHANNELS;
        }
        if (map == CacheMap.THREADS) {
            return GuildIndex.Kind.THREADS;
        }
        if (map == CacheMap.MEMBERS) {
            return GuildIndex.Kind.MEMBERS;
        }
        return map == CacheMap.PRESENCES ? GuildIndex.Kind.PRESENCES : null;
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
