package discordcache.client;

import com.hazelcast.client.HazelcastClientNotActiveException;
import com.hazelcast.client.HazelcastClientOfflineException;
import com.hazelcast.core.HazelcastInstanceNotActiveException;
import com.hazelcast.core.IndeterminateOperationStateException;
import com.hazelcast.core.OperationTimeoutException;
import com.hazelcast.partition.NoDataMemberInClusterException;
import com.hazelcast.spi.exception.RetryableException;
import com.hazelcast.spi.exception.TargetDisconnectedException;
import discordcache.CacheException;

import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * The cache cluster could not answer: no member was reachable within the connect timeout, the connection was lost
 * while the operation ran, the operation timed out, or this {@link DiscordCache} was closed. The Hazelcast exception
 * that said so is the cause. Whether the operation took effect is unknown when the connection was lost while it ran;
 * every write of this client is versioned, so doing it again is safe.
 */
public final class CacheUnavailableException extends CacheException {
    private static final long serialVersionUID = 1L;

    CacheUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * {@code failure} as callers of {@link DiscordCache} see it: Hazelcast's connection failures become a
     * {@code CacheUnavailableException}; completion wrappers are taken off; anything else is returned as it is.
     */
    static Throwable translate(Throwable failure) {
        Throwable cause = failure;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException)
                && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (cause instanceof CacheUnavailableException) {
            return cause;
        }
        if (cause instanceof HazelcastClientNotActiveException || cause instanceof HazelcastInstanceNotActiveException) {
            return new CacheUnavailableException("This cache client is closed; connect a new DiscordCache", cause);
        }
        if (cause instanceof HazelcastClientOfflineException || cause instanceof TargetDisconnectedException
                || cause instanceof RetryableException || cause instanceof NoDataMemberInClusterException) {
            return new CacheUnavailableException("Lost the cache cluster (" + cause.getMessage() + "); the client "
                    + "keeps reconnecting: try again once the cache nodes are reachable", cause);
        }
        if (cause instanceof OperationTimeoutException || cause instanceof IndeterminateOperationStateException) {
            return new CacheUnavailableException("The cache cluster did not answer in time (" + cause.getMessage()
                    + "); the operation may or may not have taken effect", cause);
        }
        return cause;
    }
}
