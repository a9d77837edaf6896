package discordcache.cli;

import discordcache.client.DiscordCache;
import picocli.CommandLine;

import java.util.Arrays;
import java.util.Locale;
import java.util.function.BiFunction;
import java.util.stream.Collectors;

/** The entities {@code get} reads by key, with the parts of their keys. */
enum Entity {
    USER((cache, id) -> cache.user(id[0]), "USER_ID"),
    GUILD((cache, id) -> cache.guild(id[0]), "GUILD_ID"),
    CHANNEL((cache, id) -> cache.channel(id[0]), "CHANNEL_ID"),
    THREAD((cache, id) -> cache.thread(id[0]), "THREAD_ID"),
    MEMBER((cache, id) -> cache.member(id[0], id[1]), "GUILD_ID", "USER_ID"),
    MESSAGE((cache, id) -> cache.message(id[0], id[1]), "CHANNEL_ID", "MESSAGE_ID"),
    PRESENCE((cache, id) -> cache.presence(id[0], id[1]), "GUILD_ID", "USER_ID");

    private final BiFunction<DiscordCache, long[], Object> reader;
    private final String[] keyParts;

    Entity(BiFunction<DiscordCache, long[], Object> reader, String... keyParts) {
        this.reader = reader;
        this.keyParts = keyParts;
    }

    /** The name users type: {@code member}. */
    String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The ids of a key as typed.
     *
     * @throws IllegalArgumentException naming the text and the expected form
     */
    long[] parseKey(String text) {
        try {
            return Ids.key(text, keyParts);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(label() + " key: " + e.getMessage(), e);
        }
    }

    /** The cached value under the key, or null. */
    Object read(DiscordCache cache, long[] key) {
        return reader.apply(cache, key);
    }

    /** Converts the entity parameter: the lower-case names, with a list of them when the name is unknown. */
    static final class Converter implements CommandLine.ITypeConverter<Entity> {
        @Override
        public Entity convert(String value) {
            return Arrays.stream(values()).filter(entity -> entity.label().equalsIgnoreCase(value)).findFirst()
                    .orElseThrow(() -> new CommandLine.TypeConversionException("unknown entity '" + value
                            + "'; use one of " + Arrays.stream(values()).map(Entity::label)
                            .collect(Collectors.joining(", "))));
        }
    }
}
