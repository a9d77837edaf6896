package discordcache.model;

import java.util.Arrays;
import java.util.stream.LongStream;

/**
 * An immutable, ordered list of snowflake ids (role ids, mention ids, tag ids), stored as a {@code long[]}
 * so that a member with three roles costs 24 bytes of ids rather than three boxed objects.
 * Value-based: two instances with the same ids in the same order are equal.
 */
public final class Snowflakes {
    private static final Snowflakes EMPTY = new Snowflakes(new long[0]);

    private final long[] ids;

    private Snowflakes(long[] ids) {
        this.ids = ids;
    }

    /** The ids given, in that order. */
    public static Snowflakes of(long... ids) {
        return ids.length == 0 ? EMPTY : new Snowflakes(ids.clone());
    }

    /** No ids. */
    public static Snowflakes empty() {
        return EMPTY;
    }

    /** Takes ownership of {@code ids} without copying; for deserializers that just allocated the array. */
    static Snowflakes wrap(long[] ids) {
        return ids == null || ids.length == 0 ? EMPTY : new Snowflakes(ids);
    }

    /** The backing array, not copied; for serializers, which only read it. */
    long[] ids() {
        return ids;
    }

    public int size() {
        return ids.length;
    }

    public boolean isEmpty() {
        return ids.length == 0;
    }

    public long get(int index) {
        return ids[index];
    }

    public boolean contains(long id) {
        for (long each : ids) {
            if (each == id) {
                return true;
            }
        }
        return false;
    }

    /** A copy of the ids. */
    public long[] toArray() {
        return ids.clone();
    }

    public LongStream stream() {
        return Arrays.stream(ids);
    }

    /** These ids without {@code id}; this instance when {@code id} is absent. */
    public Snowflakes without(long id) {
        return contains(id) ? new Snowflakes(stream().filter(each -> each != id).toArray()) : this;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Snowflakes that && Arrays.equals(ids, that.ids);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(ids);
    }

    @Override
    public String toString() {
        return Arrays.toString(ids);
    }
}
