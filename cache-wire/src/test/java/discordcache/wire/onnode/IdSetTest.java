package discordcache.wire.onnode;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Random;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class IdSetTest {
    @Test
    void of_sortsAndDropsRepeats() {
        IdSet ids = IdSet.of(5, 3, 5, 1);
        assertArrayEquals(new long[] {1, 3, 5}, ids.toArray());
        assertEquals(3, ids.size());
        assertTrue(ids.contains(3));
        assertFalse(ids.contains(4));
        assertEquals(1, ids.first());
    }

    @Test
    void withAndWithout_returnTheSameInstanceWhenNothingChanges() {
        IdSet ids = IdSet.of(1, 2, 3);
        assertSame(ids, ids.with(2, 3));
        assertSame(ids, ids.without(7));
        assertSame(IdSet.empty(), ids.without(1, 2, 3));
    }

    /** Random additions and removals across many pages answer what a TreeSet answers. */
    @Test
    void withAndWithout_matchATreeSetAcrossPages() {
        Random random = new Random(7);
        TreeSet<Long> expected = new TreeSet<>();
        IdSet ids = IdSet.empty();
        for (int round = 0; round < 300; round++) {
            long[] batch = random.longs(1 + random.nextInt(IdSet.PAGE), 0, 50_000).toArray();
            if (random.nextInt(3) == 0) {
                ids = ids.without(batch);
                Arrays.stream(batch).forEach(expected::remove);
            } else {
                ids = ids.with(batch);
                Arrays.stream(batch).forEach(expected::add);
            }
            assertEquals(expected.size(), ids.size(), "size after round " + round);
        }
        assertArrayEquals(expected.stream().mapToLong(Long::longValue).toArray(), ids.toArray());
        for (long probe = 0; probe < 50_000; probe += 7) {
            assertEquals(expected.contains(probe), ids.contains(probe), "contains " + probe);
        }
        assertEquals(IdSet.of(ids.toArray()), ids);
    }

    @Test
    void smallestAndLargestBelow_readTheEnds() {
        IdSet ids = IdSet.of(10, 20, 30, 40);
        assertArrayEquals(new long[] {10, 20}, ids.smallest(2));
        assertArrayEquals(new long[] {30, 20, 10}, ids.largestBelow(40, 5));
        assertArrayEquals(new long[] {10, 20, 30, 40}, ids.smallest(9));
    }

    @Test
    void minus_answersWhatTheOtherLacks() {
        assertArrayEquals(new long[] {1, 4}, IdSet.of(1, 2, 3, 4).minus(IdSet.of(2, 3, 9)));
    }
}
