package discordcache.cli;

import picocli.CommandLine;

import java.util.regex.Pattern;

/** Reads snowflakes and composite keys ({@code GUILD_ID:USER_ID}) as users type them. */
final class Ids {
    private static final Pattern DIGITS = Pattern.compile("[0-9]{1,19}");
    private static final String EXAMPLE = "81384788765712384";

    private Ids() {
    }

    /**
     * A snowflake: a decimal id such as {@value #EXAMPLE}.
     *
     * @throws IllegalArgumentException naming the text and the expected form
     */
    static long snowflake(String text) {
        if (!DIGITS.matcher(text).matches()) {
            throw notASnowflake(text);
        }
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw notASnowflake(text);
        }
    }

    /**
     * A key made of one snowflake per part, separated by {@code ':'}; {@code parts} names them
     * ({@code "GUILD_ID", "USER_ID"}).
     *
     * @throws IllegalArgumentException naming the text and the expected form
     */
    static long[] key(String text, String... parts) {
        String[] pieces = text.split(":", -1);
        if (pieces.length != parts.length) {
            throw new IllegalArgumentException("expected " + String.join(":", parts) + ", got '" + text + "'"
                    + (parts.length > 1 ? " (e.g. " + EXAMPLE + ":80351110224678912)" : ""));
        }
        long[] ids = new long[parts.length];
        for (int i = 0; i < parts.length; i++) {
            try {
                ids[i] = snowflake(pieces[i]);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(parts[i] + " of '" + text + "': " + e.getMessage(), e);
            }
        }
        return ids;
    }

    private static IllegalArgumentException notASnowflake(String text) {
        return new IllegalArgumentException("'" + text + "' is not a Discord id (a decimal number such as "
                + EXAMPLE + ")");
    }

    /** Converts a positional id parameter, so that a bad id is a usage error before anything connects. */
    static final class Snowflake implements CommandLine.ITypeConverter<Long> {
        @Override
        public Long convert(String value) {
            try {
                return snowflake(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }
}
