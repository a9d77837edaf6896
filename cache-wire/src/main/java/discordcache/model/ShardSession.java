package discordcache.model;

import java.util.Objects;

/**
 * The gateway session of one shard: what a restarted gateway needs to RESUME it. Kept in the cache (and so in
 * PostgreSQL) by the ingestion of READY and of every dispatch's sequence number.
 *
 * @param shardId      the shard
 * @param shardCount   the number of shards the session was identified with
 * @param sessionId    the session id READY gave
 * @param resumeUrl    the gateway URL to resume on, or null
 * @param userId       the bot's own user id, as READY gave it (reactions compare against it)
 * @param lastSequence the sequence number of the last dispatch applied to the cache (0 before the first)
 * @param version      the writer's version of this value
 */
public record ShardSession(int shardId, int shardCount, String sessionId, String resumeUrl, long userId, long lastSequence,
                           long version) implements Versioned<ShardSession> {
    public ShardSession {
        Objects.requireNonNull(sessionId, "sessionId is null");
    }

    @Override
    public ShardSession withVersion(long newVersion) {
        return new ShardSession(shardId, shardCount, sessionId, resumeUrl, userId, lastSequence, newVersion);
    }

    /** This session at a later sequence number. */
    public ShardSession withLastSequence(long sequence) {
        return new ShardSession(shardId, shardCount, sessionId, resumeUrl, userId, sequence, version);
    }
}
