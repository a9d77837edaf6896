package discordcache.ingest;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** {@link Timestamps} reads every text exactly as {@link OffsetDateTime#parse} does, only faster for Discord's. */
class TimestampsTest {
    private static final String[] DISCORD_SHAPES = {
            "yyyy-MM-dd'T'HH:mm:ss.SSSSSSxxx", "yyyy-MM-dd'T'HH:mm:ss.SSSxxx", "yyyy-MM-dd'T'HH:mm:ssxxx",
            "yyyy-MM-dd'T'HH:mm:ss.SSSSSSX", "yyyy-MM-dd'T'HH:mm:ss.SSSSSSSSSxxx", "yyyy-MM-dd'T'HH:mm:ss.Sxxx"};

    @Test
    void readsDiscordsShapesAsTheJdkDoes() {
        Random random = new Random(42);
        for (int i = 0; i < 20_000; i++) {
            Instant instant = Instant.ofEpochSecond(random.nextLong(-2_000_000_000L, 8_000_000_000L),
                    random.nextInt(1_000_000_000));
            String shape = DISCORD_SHAPES[random.nextInt(DISCORD_SHAPES.length)];
            String text = DateTimeFormatter.ofPattern(shape).format(instant.atOffset(ZoneOffset.UTC));
            assertEquals(OffsetDateTime.parse(text).toInstant(), Timestamps.parse(text), text);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"2021-05-06T07:08:09+02:00", "2021-05-06T07:08:09.5-07:30", "2020-02-29T23:59:59Z",
            "0000-01-01T00:00:00+00:00", "2021-05-06T07:08:09.123456789+00:00", "2021-05-06T07:08:09.+00:00",
            "2021-05-06T07:08:09.123+00"})
    void readsOtherValidTextsAsTheJdkDoes(String text) {
        assertEquals(OffsetDateTime.parse(text).toInstant(), Timestamps.parse(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"2021-02-29T07:08:09+00:00", "2021-04-31T00:00:00+00:00", "2021-13-01T00:00:00+00:00",
            "2021-05-06T24:00:00+00:00", "2021-05-06T07:60:00+00:00", "2021-05-06T07:08:60+00:00",
            "2021-05-06T07:08:09.1234567890+00:00", "2021-05-06T07:08:09",
            "2021-05-06 07:08:09+00:00", "2021-05-06T07:08:09+00:00 ", "20x1-05-06T07:08:09+00:00", "", "yesterday",
            "2021-05-06T07:08:09+0000"})
    void refusesWhatTheJdkRefuses(String text) {
        assertThrows(DateTimeParseException.class, () -> OffsetDateTime.parse(text));
        assertThrows(DateTimeParseException.class, () -> Timestamps.parse(text));
    }
}
