package discordcache;

/**
 * The root of every exception this cache throws on purpose, so that a caller can tell the cache's own failures from
 * its bugs with one {@code catch}. Each subclass is named after what failed and lives in the package of the part that
 * failed: {@code discordcache.client.CacheUnavailableException} (the cluster cannot be reached),
 * {@code discordcache.ingest.IngestException} (a gateway payload was refused) and
 * {@code discordcache.node.config.InvalidSettingException} (a node setting cannot be used). Messages say what went
 * wrong and what to do about it. Unchecked, as JDBI's {@code JdbiException} is.
 */
public abstract class CacheException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    protected CacheException(String message) {
        super(message);
    }

    protected CacheException(String message, Throwable cause) {
        super(message, cause);
    }
}
