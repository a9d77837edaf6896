package discordcache.wire.onnode;

import com.hazelcast.map.EntryProcessor;

import java.util.Arrays;
import java.util.Map;

/**
 * Adds message ids to and removes them from a {@link ChannelIndex}, atomically on the channel's partition, and keeps
 * it within the per-channel bound: when the additions take it over {@code bound}, its smallest (oldest) ids leave
 * the index and are answered, for the caller to evict those messages from memory. An index left empty is removed.
 * Backups run the same update on the same index and end the same.
 *
 * @param added   the ids to add
 * @param removed the ids to remove (applied after the additions)
 * @param bound   the most ids the index keeps; 0 for no bound
 */
public record ChannelIndexUpdate(long[] added, long[] removed, int bound)
        implements EntryProcessor<String, ChannelIndex, long[]> {
    private static final long[] NONE = new long[0];

    public ChannelIndexUpdate {
        added = added == null ? NONE : added;
        removed = removed == null ? NONE : removed;
        if (bound < 0) {
            throw new IllegalArgumentException("bound must be at least 0, was " + bound);
        }
    }

    public static ChannelIndexUpdate remove(long... ids) {
        return new ChannelIndexUpdate(null, ids, 0);
    }

    /** The ids beyond the bound, which left the index (none when within it). */
    @Override
    public long[] process(Map.Entry<String, ChannelIndex> entry) {
        IdSet before = entry.getValue() == null ? IdSet.empty() : entry.getValue().messages();
        IdSet after = before.with(added).without(removed);
        long[] overflow = bound > 0 && after.size() > bound ? after.smallest(after.size() - bound) : NONE;
        after = after.without(overflow);
        if (after != before) {
            entry.setValue(after.isEmpty() ? null : new ChannelIndex(after));
        }
        return overflow;
    }

    // A record compares arrays by identity; these are compared by content.
    @Override
    public boolean equals(Object other) {
        return other instanceof ChannelIndexUpdate that && bound == that.bound && Arrays.equals(added, that.added)
                && Arrays.equals(removed, that.removed);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * Arrays.hashCode(added) + Arrays.hashCode(removed)) + bound;
    }

    @Override
    public String toString() {
        return "ChannelIndexUpdate[+" + added.length + " -" + removed.length + ", bound " + bound + "]";
    }
}
