package discordcache.ingest;

import discordcache.client.DiscordCache;
import discordcache.model.CacheMap;
import discordcache.model.Member;
import discordcache.model.User;
import discordcache.model.UserField;
import discordcache.model.Versioned;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

/**
 * What the event handlers share: the checks every member payload must pass, writing the many entities one payload
 * carries, and waiting for writes with the cache's own exceptions rather than {@link CompletionException}.
 */
final class Writes {
    /** Bulk writes are sent in slices of this many entities, in parallel, rather than as one huge operation. */
    private static final int BATCH = 5_000;

    private final DiscordCache cache;

    Writes(DiscordCache cache) {
        this.cache = cache;
    }

    static Parsed<Member> requireGuildAndUser(JsonCursor d, Parsed<Member> member) {
        if (member.value().guildId() == 0) {
            throw d.missing("guild_id");
        }
        return requireUser(d, member);
    }

    static Parsed<Member> requireUser(JsonCursor d, Parsed<Member> member) {
        if (member.value().userId() == 0) {
            throw d.missing("user.id");
        }
        return member;
    }

    void upsertUsers(Collection<Parsed<User>> users, Outcome outcome) {
        join(upsertUsersAsync(users, outcome));
    }

    /** Users as the payload carries them: whole ones are written, partial ones update only what they carry. */
    CompletableFuture<Void> upsertUsersAsync(Collection<Parsed<User>> users, Outcome outcome) {
        Map<Long, User> whole = new LinkedHashMap<>();
        List<CompletableFuture<?>> partial = new ArrayList<>();
        for (Parsed<User> user : users) {
            if (user.has(UserField.USERNAME)) {
                whole.put(user.value().id(), user.value());
            } else if (!user.present().isEmpty()) {
                partial.add(cache.update(CacheMap.USERS, user.patch()).applyAsync().toCompletableFuture());
            }
        }
        partial.add(upsertAllAsync(CacheMap.USERS, whole.values(), outcome));
        return CompletableFuture.allOf(partial.toArray(CompletableFuture[]::new));
    }

    <K, V extends Versioned<V>> void upsertAll(CacheMap<K, V> map, Collection<V> values, Outcome outcome) {
        join(upsertAllAsync(map, values, outcome));
    }

    <K, V extends Versioned<V>> CompletableFuture<Void> upsertAllAsync(CacheMap<K, V> map, Collection<V> values,
                                                                       Outcome outcome) {
        // A payload may list one entity twice (a chunk with a member twice): the later one is the one kept.
        Map<K, V> byKey = new LinkedHashMap<>();
        values.forEach(value -> byKey.put(map.keyOf(value), value));
        List<V> all = new ArrayList<>(byKey.values());
        List<CompletableFuture<?>> slices = new ArrayList<>();
        for (int from = 0; from < all.size(); from += BATCH) {
            slices.add(cache.upsertAllAsync(map, all.subList(from, Math.min(all.size(), from + BATCH)))
                    .toCompletableFuture());
        }
        outcome.written(map, all.size());
        return CompletableFuture.allOf(slices.toArray(CompletableFuture[]::new));
    }

    static void await(List<CompletableFuture<?>> steps) {
        join(CompletableFuture.allOf(steps.toArray(CompletableFuture[]::new)));
    }

    static <T> T join(CompletionStage<T> stage) {
        try {
            return stage.toCompletableFuture().join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw e;
        }
    }
}
