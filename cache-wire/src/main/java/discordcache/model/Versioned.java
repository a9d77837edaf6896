package discordcache.model;

/**
 * A cached value that carries its writer's version. The cache keeps a change only over an older version, so
 * retried, replayed or reordered writes cannot overwrite a newer value; newer values have larger versions.
 * Callers do not choose versions: the write API stamps each value it writes with {@link #withVersion(long)}.
 *
 * @param <V> the entity type itself
 */
public interface Versioned<V> {
    /** The writer's version of this value; newer values have larger versions. */
    long version();

    /** This value with another version stamp and every other field unchanged; for the write API to stamp it. */
    V withVersion(long version);

    /**
     * Whether two values say the same of their entity: equal in everything but their versions. A write of a value
     * with the same content as the cached one changes nothing, and the cache keeps the cached one and its version.
     */
    static <V extends Versioned<V>> boolean sameContent(V a, V b) {
        return a == b || a != null && b != null && a.withVersion(b.version()).equals(b);
    }
}
