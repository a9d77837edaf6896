package discordcache.client;

import discordcache.model.CacheMap;
import discordcache.model.Patch;
import discordcache.model.Versioned;

import java.util.concurrent.CompletionStage;

/**
 * A partial update of one cached entity, ready to run: the fields the patch names are merged into the cached
 * value atomically on the cluster, the others keep their values. Made by {@link DiscordCache#update}.
 *
 * <pre>{@code
 * Member before = cache.update(CacheMap.MEMBERS, Patch.of(values, MemberField.NICK, MemberField.ROLES))
 *         .insertWhenAbsent()
 *         .returningPrevious()
 *         .apply();
 * }</pre>
 *
 * <p>Not thread-safe; make one per update.
 *
 * @param <V> the entity type
 */
public final class Update<V extends Versioned<V>> {
    private final Writer writer;
    private final CacheMap<?, V> map;
    private final Patch<V> patch;
    private boolean insertWhenAbsent;
    private boolean returnPrevious;

    Update(Writer writer, CacheMap<?, V> map, Patch<V> patch) {
        this.writer = writer;
        this.map = map;
        this.patch = patch;
    }

    /**
     * When the entity is not cached, insert the patch's values, all of its fields (by default, an update of an
     * absent entity does nothing).
     */
    public Update<V> insertWhenAbsent() {
        return insertWhenAbsent(true);
    }

    /** {@link #insertWhenAbsent()} if {@code insert}; for callers that decide per update. */
    public Update<V> insertWhenAbsent(boolean insert) {
        this.insertWhenAbsent = insert;
        return this;
    }

    /** Make {@link #apply()} return the value before the update (by default it returns null). */
    public Update<V> returningPrevious() {
        this.returnPrevious = true;
        return this;
    }

    /**
     * Runs the update and waits for it.
     *
     * @return the value before the update when {@link #returningPrevious()} was asked for and the entity was
     *         cached; else null
     */
    public V apply() {
        return Completions.join(applyAsync());
    }

    /** Runs the update; the stage completes as {@link #apply()} returns. */
    public CompletionStage<V> applyAsync() {
        boolean previous = returnPrevious;
        return Completions.translated(() -> writer.update(map, patch, insertWhenAbsent, previous).thenApply(change ->
                previous ? change.previous() : null));
    }

    /** Runs the update and answers the entity's value before and after it (the previous value is always read). */
    public CompletionStage<Change<V>> applyForChangeAsync() {
        return Completions.translated(() -> writer.update(map, patch, insertWhenAbsent, true));
    }
}
