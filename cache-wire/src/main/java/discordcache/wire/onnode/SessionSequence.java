package discordcache.wire.onnode;

import com.hazelcast.map.EntryProcessor;
import discordcache.model.ShardSession;

import java.util.Map;
import java.util.Objects;

/**
 * Moves a shard session's last sequence number forward, atomically: only for the same session, and only
 * forward, so updates sent concurrently or out of order never move it back, and a late update of an old session
 * never touches a new one.
 *
 * @param sessionId the session the sequence number belongs to
 * @param sequence  the sequence number of a dispatch that was applied
 */
public record SessionSequence(String sessionId, long sequence) implements EntryProcessor<Integer, ShardSession, Void> {
    public SessionSequence {
        Objects.requireNonNull(sessionId, "sessionId is null");
    }

    @Override
    public Void process(Map.Entry<Integer, ShardSession> entry) {
        ShardSession current = entry.getValue();
        if (current != null && current.sessionId().equals(sessionId) && current.lastSequence() < sequence) {
            entry.setValue(current.withLastSequence(sequence).withVersion(current.version() + 1));
        }
        return null;
    }
}
