package discordcache.ingest;

import discordcache.client.DiscordCache;
import discordcache.model.ShardSession;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the ingester knows of the gateway sessions: each shard's session id and the bot's own user id (which
 * reactions compare against), from its READY, or from the cache after a gateway restart that resumed.
 */
final class Sessions {
    private final DiscordCache cache;
    /** Per shard; empty when the cache has no session of it (a shard that never had a READY). */
    private final Map<Integer, Optional<String>> sessionIds = new ConcurrentHashMap<>();
    private volatile long selfUserId;

    Sessions(DiscordCache cache) {
        this.cache = cache;
    }

    void started(int shardId, String sessionId) {
        sessionIds.put(shardId, Optional.of(sessionId));
    }

    void self(long userId) {
        selfUserId = userId;
    }

    boolean isSelf(int shardId, long userId) {
        if (selfUserId == 0) {
            ShardSession stored = cache.shardSession(shardId);
            if (stored != null) {
                selfUserId = stored.userId();
            }
        }
        return userId == selfUserId;
    }

    /** The shard's session id; null when it never had a READY the cache knows of. */
    String sessionId(int shardId) {
        return sessionIds.computeIfAbsent(shardId, shard -> Optional.ofNullable(cache.shardSession(shard))
                .map(ShardSession::sessionId)).orElse(null);
    }
}
