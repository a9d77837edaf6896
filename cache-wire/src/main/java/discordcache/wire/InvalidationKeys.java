package discordcache.wire;

import discordcache.model.CacheMap;
import discordcache.model.MemberKey;
import discordcache.model.MessageKey;
import discordcache.model.PresenceKey;

import java.nio.ByteBuffer;
import java.util.function.ToLongFunction;

/**
 * How the keys of one entity map are written in an invalidation message: as one or two big-endian longs, the
 * same in every language (no Hazelcast serialization, so that a client needs no schema to read them).
 *
 * @param <K> the key type
 */
public abstract sealed class InvalidationKeys<K> {
    private static final InvalidationKeys<Long> IDS = new Ids();
    private static final InvalidationKeys<MemberKey> MEMBER_KEYS =
            new Pairs<>(MemberKey::guildId, MemberKey::userId, MemberKey::new);
    private static final InvalidationKeys<MessageKey> MESSAGE_KEYS =
            new Pairs<>(MessageKey::channelId, MessageKey::messageId, MessageKey::new);
    private static final InvalidationKeys<PresenceKey> PRESENCE_KEYS =
            new Pairs<>(PresenceKey::guildId, PresenceKey::userId, PresenceKey::new);

    private InvalidationKeys() {
    }

    /**
     * The keys of {@code map}.
     *
     * @throws IllegalArgumentException for a map that has no near cache (its keys are neither ids nor id pairs)
     */
    @SuppressWarnings("unchecked")
    public static <K> InvalidationKeys<K> of(CacheMap<K, ?> map) {
        Class<K> type = map.keyType();
        if (type == Long.class) {
            return (InvalidationKeys<K>) IDS;
        } else if (type == MemberKey.class) {
            return (InvalidationKeys<K>) MEMBER_KEYS;
        } else if (type == MessageKey.class) {
            return (InvalidationKeys<K>) MESSAGE_KEYS;
        } else if (type == PresenceKey.class) {
            return (InvalidationKeys<K>) PRESENCE_KEYS;
        }
        throw new IllegalArgumentException("The " + map + " map has no near cache, so no invalidations");
    }

    /** How many bytes one key takes. */
    abstract int size();

    abstract void write(K key, ByteBuffer out);

    abstract K read(ByteBuffer in);

    private static final class Ids extends InvalidationKeys<Long> {
        @Override
        int size() {
            return Long.BYTES;
        }

        @Override
        void write(Long key, ByteBuffer out) {
            out.putLong(key);
        }

        @Override
        Long read(ByteBuffer in) {
            return in.getLong();
        }
    }

    private static final class Pairs<K> extends InvalidationKeys<K> {
        interface Maker<K> {
            K make(long first, long second);
        }

        private final ToLongFunction<K> first;
        private final ToLongFunction<K> second;
        private final Maker<K> maker;

        private Pairs(ToLongFunction<K> first, ToLongFunction<K> second, Maker<K> maker) {
            this.first = first;
            this.second = second;
            this.maker = maker;
        }

        @Override
        int size() {
            return 2 * Long.BYTES;
        }

        @Override
        void write(K key, ByteBuffer out) {
            out.putLong(first.applyAsLong(key)).putLong(second.applyAsLong(key));
        }

        @Override
        K read(ByteBuffer in) {
            return maker.make(in.getLong(), in.getLong());
        }
    }
}
