package discordcache.wire.onnode;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.LongStream;

/**
 * An immutable set of snowflake ids in ascending order, as the guild and channel indexes keep them: 8 bytes per id,
 * in pages of at most {@value #PAGE} ids, so that adding or removing a few ids of a large set (a member joining a
 * guild of a million) copies only the pages they fall in, not the whole set. Value-based.
 */
public final class IdSet {
    /** The most ids in one page; a page that grows beyond it is split in two. */
    static final int PAGE = 1024;

    private static final IdSet EMPTY = new IdSet(new long[0][], 0);

    /** Non-empty, each ascending, every id of a page below every id of the next. */
    private final long[][] pages;
    private final int size;

    private IdSet(long[][] pages, int size) {
        this.pages = pages;
        this.size = size;
    }

    /** The empty set. */
    public static IdSet empty() {
        return EMPTY;
    }

    /** The distinct ids given, in any order. */
    public static IdSet of(long... ids) {
        return ofSorted(sortedDistinct(ids));
    }

    private static IdSet ofSorted(long[] ids) {
        if (ids.length == 0) {
            return EMPTY;
        }
        List<long[]> pages = new ArrayList<>(ids.length / PAGE + 1);
        for (int from = 0; from < ids.length; from += PAGE) {
            pages.add(Arrays.copyOfRange(ids, from, Math.min(ids.length, from + PAGE)));
        }
        return new IdSet(pages.toArray(long[][]::new), ids.length);
    }

    public int size() {
        return size;
    }

    public boolean isEmpty() {
        return size == 0;
    }

    public boolean contains(long id) {
        int page = pageOf(id);
        return page >= 0 && Arrays.binarySearch(pages[page], id) >= 0;
    }

    /** The smallest id; the set must not be empty. */
    public long first() {
        return pages[0][0];
    }

    /** The ids, ascending, in a new array. */
    public long[] toArray() {
        long[] all = new long[size];
        int at = 0;
        for (long[] page : pages) {
            System.arraycopy(page, 0, all, at, page.length);
            at += page.length;
        }
        return all;
    }

    /** The ids, ascending. */
    public LongStream stream() {
        return Arrays.stream(pages).flatMapToLong(Arrays::stream);
    }

    /** The {@code count} smallest ids (all of them when there are fewer), ascending. */
    public long[] smallest(int count) {
        return stream().limit(count).toArray();
    }

    /** The {@code count} largest ids below {@code beforeId} (all of them when there are fewer), descending. */
    public long[] largestBelow(long beforeId, int count) {
        long[] found = new long[Math.min(count, size)];
        int n = 0;
        for (int p = pages.length - 1; p >= 0 && n < found.length; p--) {
            long[] page = pages[p];
            for (int i = page.length - 1; i >= 0 && n < found.length; i--) {
                if (page[i] < beforeId) {
                    found[n++] = page[i];
                }
            }
        }
        return n == found.length ? found : Arrays.copyOf(found, n);
    }

    /** This set with {@code ids} added; this instance when it holds them all already. */
    public IdSet with(long... ids) {
        long[] added = Arrays.stream(sortedDistinct(ids)).filter(id -> !contains(id)).toArray();
        if (added.length == 0) {
            return this;
        }
        if (size == 0) {
            return ofSorted(added);
        }
        List<long[]> result = new ArrayList<>(pages.length + added.length / PAGE + 1);
        int from = 0;
        for (int p = 0; p < pages.length; p++) {
            // The ids that belong to page p: below the next page's first id (any below page 0 go to page 0).
            int to = p == pages.length - 1 ? added.length : upperBound(added, from, pages[p + 1][0]);
            if (to == from) {
                result.add(pages[p]);
            } else {
                long[] merged = merge(pages[p], Arrays.copyOfRange(added, from, to));
                // An overfull page is split into equal parts of three quarters of a page at most, so that the next
                // few additions fit without another split.
                int parts = merged.length <= PAGE ? 1 : (merged.length + PAGE * 3 / 4 - 1) / (PAGE * 3 / 4);
                for (int part = 0; part < parts; part++) {
                    result.add(Arrays.copyOfRange(merged, (int) ((long) merged.length * part / parts),
                            (int) ((long) merged.length * (part + 1) / parts)));
                }
            }
            from = to;
        }
        return new IdSet(result.toArray(long[][]::new), size + added.length);
    }

    /** This set without {@code ids}; this instance when it holds none of them. */
    public IdSet without(long... ids) {
        long[] removed = Arrays.stream(sortedDistinct(ids)).filter(this::contains).toArray();
        if (removed.length == 0) {
            return this;
        }
        if (removed.length == size) {
            return EMPTY;
        }
        List<long[]> result = new ArrayList<>(pages.length);
        int from = 0;
        for (int p = 0; p < pages.length; p++) {
            int to = p == pages.length - 1 ? removed.length : upperBound(removed, from, pages[p + 1][0]);
            if (to == from) {
                result.add(pages[p]);
            } else {
                long[] gone = Arrays.copyOfRange(removed, from, to);
                long[] kept = Arrays.stream(pages[p]).filter(id -> Arrays.binarySearch(gone, id) < 0).toArray();
                if (kept.length > 0) {
                    result.add(kept);
                }
            }
            from = to;
        }
        return new IdSet(result.toArray(long[][]::new), size - removed.length);
    }

    /** The ids of this set that {@code other} lacks, ascending. */
    public long[] minus(IdSet other) {
        return stream().filter(id -> !other.contains(id)).toArray();
    }

    /** The page whose range holds {@code id}, or -1 when it is below every page. */
    private int pageOf(long id) {
        int low = 0;
        int high = pages.length - 1;
        int found = -1;
        while (low <= high) {
            int mid = (low + high) >>> 1;
            if (pages[mid][0] <= id) {
                found = mid;
                low = mid + 1;
            } else {
                high = mid - 1;
            }
        }
        return found;
    }

    /** The first index in {@code ids[from..]} whose id is at least {@code bound}. */
    private static int upperBound(long[] ids, int from, long bound) {
        int at = Arrays.binarySearch(ids, from, ids.length, bound);
        return at >= 0 ? at : -at - 1;
    }

    private static long[] merge(long[] a, long[] b) {
        long[] merged = new long[a.length + b.length];
        int i = 0;
        int j = 0;
        int k = 0;
        while (i < a.length && j < b.length) {
            merged[k++] = a[i] < b[j] ? a[i++] : b[j++];
        }
        while (i < a.length) {
            merged[k++] = a[i++];
        }
        while (j < b.length) {
            merged[k++] = b[j++];
        }
        return merged;
    }

    private static long[] sortedDistinct(long[] ids) {
        long[] sorted = ids.clone();
        Arrays.sort(sorted);
        int n = 0;
        for (int i = 0; i < sorted.length; i++) {
            if (i == 0 || sorted[i] != sorted[i - 1]) {
                sorted[n++] = sorted[i];
            }
        }
        return n == sorted.length ? sorted : Arrays.copyOf(sorted, n);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof IdSet that && size == that.size && Arrays.equals(toArray(), that.toArray());
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(toArray());
    }

    @Override
    public String toString() {
        return size <= 16 ? Arrays.toString(toArray()) : "IdSet[" + size + " ids]";
    }
}
