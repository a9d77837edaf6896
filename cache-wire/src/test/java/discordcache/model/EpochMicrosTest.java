package discordcache.model;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class EpochMicrosTest {
    @Test
    void roundTrip_keepsMicroseconds() {
        Instant joined = Instant.parse("2021-03-04T05:06:07.123456Z");
        assertEquals(joined, EpochMicros.toInstant(EpochMicros.of(joined)));
        assertEquals(1_614_834_367_123_456L, EpochMicros.of(joined));
    }

    @Test
    void beforeTheEpoch_roundsTowardsTheFloor() {
        Instant before = Instant.parse("1969-12-31T23:59:59.999999Z");
        assertEquals(-1L, EpochMicros.of(before));
        assertEquals(before, EpochMicros.toInstant(-1L));
    }

    @Test
    void null_staysNull() {
        assertNull(EpochMicros.of(null));
        assertNull(EpochMicros.toInstant(null));
    }
}
