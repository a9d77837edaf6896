package discordcache.query;

import com.hazelcast.map.EntryProcessor;
import discordcache.model.Snowflakes;

import java.util.Arrays;
import java.util.Map;
import java.util.stream.LongStream;

/**
 * Adds ids to and removes ids from one kind of a {@link GuildIndex}, atomically on the guild's partition.
 * Backups apply the same update.
 *
 * @param kind    the ids to change
 * @param added   the ids to add
 * @param removed the ids to remove (applied after the additions)
 */
public record GuildIndexUpdate(GuildIndex.Kind kind, long[] added, long[] removed)
        implements EntryProcessor<Long, GuildIndex, Void> {

    public GuildIndexUpdate {
        added = added == null ? new long[0] : added;
        removed = removed == null ? new long[0] : removed;
    }

    public static GuildIndexUpdate add(GuildIndex.Kind kind, long... ids) {
        return new GuildIndexUpdate(kind, ids, null);
    }

    public static GuildIndexUpdate remove(GuildIndex.Kind kind, long... ids) {
        return new GuildIndexUpdate(kind, null, ids);
    }

    @Override
    public Void process(Map.Entry<Long, GuildIndex> entry) {
        GuildIndex current = entry.getValue() == null ? GuildIndex.empty() : entry.getValue();
        long[] before = current.ids(kind).toArray();
        long[] sortedRemoved = removed.clone();
        Arrays.sort(sortedRemoved);
        long[] after = LongStream.concat(Arrays.stream(before), Arrays.stream(added))
                .filter(id -> Arrays.binarySearch(sortedRemoved, id) < 0)
                .sorted().distinct().toArray();
        if (entry.getValue() == null || !Arrays.equals(before, after)) {
            entry.setValue(current.with(kind, Snowflakes.of(after)));
        }
        return null;
    }

    // A record compares arrays by identity; these are compared by content.
    @Override
    public boolean equals(Object other) {
        return other instanceof GuildIndexUpdate that && kind == that.kind && Arrays.equals(added, that.added)
                && Arrays.equals(removed, that.removed);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * kind.hashCode() + Arrays.hashCode(added)) + Arrays.hashCode(removed);
    }

    @Override
    public String toString() {
        return "GuildIndexUpdate[" + kind + ", added=" + Arrays.toString(added) + ", removed="
                + Arrays.toString(removed) + "]";
    }
}
