package discordcache.model;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SnowflakesTest {
    @Test
    void of_copiesItsInput() {
        long[] ids = {1, 2, 3};
        Snowflakes snowflakes = Snowflakes.of(ids);
        ids[0] = 99;
        assertEquals(1, snowflakes.get(0));
        snowflakes.toArray()[1] = 99;
        assertEquals(2, snowflakes.get(1));
    }

    @Test
    void equality_isByValueAndOrder() {
        assertEquals(Snowflakes.of(1, 2), Snowflakes.of(1, 2));
        assertEquals(Snowflakes.of(1, 2).hashCode(), Snowflakes.of(1, 2).hashCode());
        assertNotEquals(Snowflakes.of(1, 2), Snowflakes.of(2, 1));
        assertSame(Snowflakes.empty(), Snowflakes.of());
    }

    @Test
    void without_removesEveryOccurrenceAndKeepsOrder() {
        Snowflakes roles = Snowflakes.of(5, 7, 5, 9);
        assertArrayEquals(new long[] {7, 9}, roles.without(5).toArray());
        assertSame(roles, roles.without(42));
        assertTrue(roles.contains(9));
        assertFalse(roles.without(9).contains(9));
    }
}
