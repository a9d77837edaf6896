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
import discordcache.write.DeleteProcessor;
import discordcache.write.PatchProcessor;
import discordcache.write.VersionClock;

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

/**
 * The writes of {@link DiscordCache}: version stamping, the guild index of channels and threads, and the
 * invalidation of this client's own near cache once a write is done, so that a client reads its own writes.
 */
final class Writer {
    private final HazelcastInstance client;
    private final VersionClock clock = new VersionClock();
    private final IMap<Long, GuildIndex> guildIndex;
    private final Function<String, NearCache<?, ?>> nearCaches;

    Writer(HazelcastInstance client, Function<String, NearCache<?, ?>> nearCaches) {
        this.client = client;
        this.guildIndex = client.getMap(GuildIndex.MAP_NAME);
        this.nearCaches = nearCaches;
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
        // setAll groups the entries by partition and sends each member its share in one operation per partition.
        return indexAdd(map, entries.values())
                .thenCompose(indexed -> imap(map).setAllAsync(entries))
                .thenRun(() -> entries.keySet().forEach(key -> invalidate(map, key)));
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
            // The index must lose the ids once their entries are gone, so the deleted values are needed.
            deleted = imap.submitToKeys(Set.copyOf(keys), new DeleteProcessor<K, V>())
                    .thenCompose(previous -> indexRemove(map, previous.values()));
        } else {
            deleted = CompletableFuture.allOf(keys.stream()
                    .map(key -> imap.deleteAsync(key).toCompletableFuture())
                    .toArray(CompletableFuture[]::new));
        }
        return deleted.thenRun(() -> keys.forEach(key -> invalidate(map, key)));
    }

    <K, V extends Versioned<V>> CompletionStage<V> update(CacheMap<K, V> map, Patch<V> patch,
                                                          boolean insertWhenAbsent, boolean returnPrevious) {
        K key = map.keyOf(patch.values());
        CompletionStage<Void> indexed = insertWhenAbsent ? indexAdd(map, List.of(patch.values()))
                : CompletableFuture.completedFuture(null);
        return indexed
                .thenCompose(ignored -> imap(map).submitToKey(key,
                        new PatchProcessor<K, V>(patch, clock.next(), insertWhenAbsent, returnPrevious)))
                .thenApply(previous -> {
                    invalidate(map, key);
                    return previous;
                });
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
