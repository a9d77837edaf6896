package discordcache.ingest;

import java.time.Instant;
import java.time.LocalDate;
import java.time.Month;
import java.time.OffsetDateTime;
import java.time.Year;
import java.time.format.DateTimeParseException;

/**
 * ISO-8601 timestamps as Discord writes them. A GUILD_CREATE carries one per member ({@code joined_at}), and
 * {@link OffsetDateTime#parse} took a fifth of the time spent reading one; Discord's own shape
 * ({@code 2021-05-06T07:08:09.123456+00:00}, in UTC) is read directly, and any other shape goes to the JDK's parser.
 */
final class Timestamps {
    private Timestamps() {
    }

    /**
     * The instant {@code text} names.
     *
     * @throws DateTimeParseException when it is not an ISO-8601 timestamp with an offset
     */
    static Instant parse(String text) {
        Instant utc = parseUtc(text);
        return utc != null ? utc : OffsetDateTime.parse(text).toInstant();
    }

    /** {@code yyyy-MM-ddTHH:mm:ss[.f{1,9}]} then {@code +00:00} or {@code Z}; null for any other text. */
    private static Instant parseUtc(String text) {
        int length = text.length();
        if (length < 20 || text.charAt(4) != '-' || text.charAt(7) != '-' || text.charAt(10) != 'T'
                || text.charAt(13) != ':' || text.charAt(16) != ':') {
            return null;
        }
        int year = digits(text, 0, 4);
        int month = digits(text, 5, 7);
        int day = digits(text, 8, 10);
        int hour = digits(text, 11, 13);
        int minute = digits(text, 14, 16);
        int second = digits(text, 17, 19);
        if (year < 0 || month < 1 || month > 12 || day < 1 || day > 31 || hour < 0 || hour > 23 || minute < 0
                || minute > 59 || second < 0 || second > 59) {
            return null;
        }
        int position = 19;
        int nanos = 0;
        if (text.charAt(position) == '.') {
            int start = ++position;
            while (position < length && position - start < 9 && isDigit(text.charAt(position))) {
                nanos = nanos * 10 + (text.charAt(position++) - '0');
            }
            int fractionDigits = position - start;
            if (fractionDigits == 0) {
                return null;
            }
            for (int i = fractionDigits; i < 9; i++) {
                nanos *= 10;
            }
        }
        String zone = text.substring(position);
        if (!zone.equals("+00:00") && !zone.equals("Z")) {
            return null;
        }
        if (day > Month.of(month).length(Year.isLeap(year))) {
            return null;
        }
        long epochDay = LocalDate.of(year, month, day).toEpochDay();
        return Instant.ofEpochSecond(epochDay * 86_400 + hour * 3_600L + minute * 60L + second, nanos);
    }

    /** The number written by the digits of {@code text} from {@code start} to {@code end}; -1 if one is not. */
    private static int digits(String text, int start, int end) {
        int value = 0;
        for (int i = start; i < end; i++) {
            char c = text.charAt(i);
            if (!isDigit(c)) {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
