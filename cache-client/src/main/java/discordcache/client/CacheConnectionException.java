package discordcache.client;

/** The cache cluster could not be reached; the message names the cluster and the addresses tried. */
public final class CacheConnectionException extends RuntimeException {
    public CacheConnectionException(String message, Throwable cause) {
        super(message, cause);
    }
}
