package discordcache.wire.onnode;

import com.hazelcast.map.EntryProcessor;

import java.util.Arrays;
import java.util.Map;

/**
 * Adds ids to and removes ids from a {@link GuildIndex}, atomically on the guild's partition; an index left without
 * ids is removed. Backups apply the same update, so an index is never shipped whole for a change.
 */
public final class GuildIndexUpdate implements EntryProcessor<String, GuildIndex, Void> {
    private static final long[] NONE = new long[0];
    private static final int KINDS = GuildIndex.Kind.values().length;

    private final long[][] added;
    private final long[][] removed;

    /**
     * @param added   the ids to add, by {@link GuildIndex.Kind} ordinal (null entries add nothing)
     * @param removed the ids to remove, by kind ordinal, applied after the additions
     */
    public GuildIndexUpdate(long[][] added, long[][] removed) {
        this.added = normalized(added);
        this.removed = normalized(removed);
    }

    /** Adds {@code ids} of one kind. */
    public static GuildIndexUpdate add(GuildIndex.Kind kind, long... ids) {
        long[][] added = new long[KINDS][];
        added[kind.ordinal()] = ids;
        return new GuildIndexUpdate(added, null);
    }

    /** Removes {@code ids} of one kind. */
    public static GuildIndexUpdate remove(GuildIndex.Kind kind, long... ids) {
        long[][] removed = new long[KINDS][];
        removed[kind.ordinal()] = ids;
        return new GuildIndexUpdate(null, removed);
    }

    public long[] added(GuildIndex.Kind kind) {
        return added[kind.ordinal()];
    }

    public long[] removed(GuildIndex.Kind kind) {
        return removed[kind.ordinal()];
    }

    /** Whether this update changes nothing whatever the index holds. */
    public boolean isEmpty() {
        return Arrays.stream(added).allMatch(ids -> ids.length == 0)
                && Arrays.stream(removed).allMatch(ids -> ids.length == 0);
    }

    @Override
    public Void process(Map.Entry<String, GuildIndex> entry) {
        GuildIndex before = entry.getValue() == null ? GuildIndex.empty() : entry.getValue();
        GuildIndex after = applyTo(before);
        if (after != before) {
            entry.setValue(after.isEmpty() ? null : after);
        }
        return null;
    }

    /** The index with this update applied; {@code index} itself when nothing changes. */
    public GuildIndex applyTo(GuildIndex index) {
        GuildIndex result = index;
        for (GuildIndex.Kind kind : GuildIndex.Kind.values()) {
            IdSet ids = result.ids(kind);
            IdSet changed = ids.with(added(kind)).without(removed(kind));
            if (changed != ids) {
                result = result.with(kind, changed);
            }
        }
        return result;
    }

    private static long[][] normalized(long[][] ids) {
        long[][] copy = new long[KINDS][];
        for (int kind = 0; kind < KINDS; kind++) {
            copy[kind] = ids == null || kind >= ids.length || ids[kind] == null ? NONE : ids[kind];
        }
        return copy;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof GuildIndexUpdate that && Arrays.deepEquals(added, that.added)
                && Arrays.deepEquals(removed, that.removed);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.deepHashCode(added) + Arrays.deepHashCode(removed);
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder("GuildIndexUpdate[");
        for (GuildIndex.Kind kind : GuildIndex.Kind.values()) {
            if (added(kind).length > 0) {
                text.append(" +").append(kind).append(' ').append(added(kind).length);
            }
            if (removed(kind).length > 0) {
                text.append(" -").append(kind).append(' ').append(removed(kind).length);
            }
        }
        return text.append(" ]").toString();
    }
}
