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
        return CompletableFuture.allOf(upsertAllAsync(CacheMap.USERS, wholeUsers(users), outcome),
                updatePartialUsersAsync(users, outcome));
    }

    /** The users the payload carries whole (with a username), the last of each id. */
    static List<User> wholeUsers(Collection<Parsed<User>> users) {
        Map<Long, User> whole = new LinkedHashMap<>();
        for (Parsed<User> user : users) {
            if (user.has(UserField.USERNAME)) {
                whole.put(user.value().id(), user.value());
            }
        }
        return new ArrayList<>(whole.values());
    }

    /** Merges the users the payload carries only in part into the cached ones. */
    CompletableFuture<Void> updatePartialUsersAsync(Collection<Parsed<User>> users, Outcome outcome) {
        List<CompletableFuture<?>> partial = new ArrayList<>();
        for (Parsed<User> user : users) {
            if (!user.has(UserField.USERNAME) && !user.present().isEmpty()) {
                partial.add(cache.update(CacheMap.USERS, user.patch()).applyAsync().toCompletableFuture());
            }
        }
        return CompletableFuture.allOf(partial.toArray(CompletableFuture[]::new));
    }

    <K, V extends Versioned<V>> void upsertAll(CacheMap<K, V> map, Collection<V> values, Outcome outcome) {
        join(upsertAllAsync(map, values, outcome));
    }

    /** Writes the values; the outcome counts those that differed from the cached ones. */
    <K, V extends Versioned<V>> CompletableFuture<Void> upsertAllAsync(CacheMap<K, V> map, Collection<V> values,
                                                                       Outcome outcome) {
        // A payload may list one entity twice (a chunk with a member twice): the later one is the one kept.
        Map<K, V> byKey = new LinkedHashMap<>();
        values.forEach(value -> byKey.put(map.keyOf(value), value));
        if (byKey.isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        return cache.upsertAllAsync(map, byKey.values()).thenAccept(written -> outcome.written(map, written))
                .toCompletableFuture();
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
