package discordcache.wire;

import discordcache.model.CacheMap;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

/**
 * The invalidation streams of the near-cacheable maps, as members publish them and near caches read them: the wire
 * contract between cache nodes and clients in any language.
 *
 * <p>Each member publishes {@code byte[]} messages about the partitions it owns, in order, on two kinds of Hazelcast
 * topic: {@link #ALL_MAPS} carries every map's sections (for clients that near-cache every map: one message per
 * batch), and {@link #topic(CacheMap)} carries one map's (for clients that near-cache some). A message is big-endian:
 * <pre>
 * byte    format version (1)
 * int     the cluster's partition count
 * int     sections, then per section:
 *   byte  the map: 1 users, 2 guilds, 3 members, 4 channels, 5 threads, 6 messages, 7 presences
 *   byte  kind: 1 KEYS, 2 TICK, 3 CLEARED
 *   int   the length of what follows, so that a reader can skip a map it does not hold
 *   KEYS    int groups, then per group: int partition, long uuid high bits, long uuid low bits, int count,
 *           then count times: long sequence, the key (one long for ids; two for member, presence and message keys)
 *   TICK    int the member's tick interval in milliseconds, int partitions, then per partition:
 *           int partition, long uuid high bits, long uuid low bits, long sequence
 *   CLEARED nothing: every entry of the map is gone
 * </pre>
 *
 * <p>Sequences are Hazelcast's own near-cache metadata: each change of an entry takes the next sequence of its map and
 * partition on the partition's owner, and a partition's UUID stays the same while its data moves with it (a graceful
 * migration) and changes when its data may have been lost (a crash, a new backup promoted). So a reader that saw
 * sequence {@code n} of a partition and next sees {@code n + 2} under the same UUID missed exactly one change of that
 * partition; a TICK, sent every interval and when partitions arrive, says how far each partition got, so that a lost
 * last message is found too.
 */
public final class InvalidationMessage {
    /** The format version this class writes and reads. */
    public static final byte VERSION = 1;
    /** The topic that carries every map's sections. */
    public static final String ALL_MAPS = "dcache.invalidations";
    /** The maps by wire id: the id is the position plus one. */
    private static final List<CacheMap<?, ?>> MAPS = List.of(CacheMap.USERS, CacheMap.GUILDS, CacheMap.MEMBERS,
            CacheMap.CHANNELS, CacheMap.THREADS, CacheMap.MESSAGES, CacheMap.PRESENCES);
    private static final byte KEYS = 1;
    private static final byte TICK = 2;
    private static final byte CLEARED = 3;
    private static final int SECTION_HEADER = 2 + Integer.BYTES;
    private static final int UUID_BYTES = 2 * Long.BYTES;

    private InvalidationMessage() {
    }

    /** The topic that carries one map's sections. */
    public static String topic(CacheMap<?, ?> map) {
        return ALL_MAPS + "." + map.name();
    }

    /**
     * One changed key.
     *
     * @param partition     the key's partition
     * @param partitionUuid the partition's UUID when the change took its sequence
     * @param sequence      the sequence of the change
     * @param key           the key
     */
    public record Change<K>(int partition, UUID partitionUuid, long sequence, K key) {
    }

    /** What one map's sections say, in the order they say it. */
    public interface Reader<K> {
        /** The entry of {@code key} changed: the change took {@code sequence} of its partition. */
        void changed(int partition, UUID partitionUuid, long sequence, K key);

        /** A TICK begins; the member sends the next within about {@code intervalMillis}. */
        void ticked(int intervalMillis);

        /** The partition's changes so far, as of the TICK: the highest sequence it gave. */
        void reached(int partition, UUID partitionUuid, long sequence);

        /** The whole map was cleared. */
        void cleared();

        /** The section ends. */
        void ended();
    }

    /** How to read one map's sections: its keys, and what to tell. */
    public record Subscriber<K>(InvalidationKeys<K> keys, Reader<K> reader) {
    }

    /**
     * A KEYS section of changes in partition order (changes of one partition in sequence order).
     *
     * @throws IllegalArgumentException when the changes are not grouped by partition
     */
    public static <K> byte[] keys(CacheMap<K, ?> map, List<Change<K>> changes) {
        InvalidationKeys<K> codec = InvalidationKeys.of(map);
        int groups = 0;
        for (int i = 0; i < changes.size(); i++) {
            if (i == 0 || startsGroup(changes.get(i - 1), changes.get(i))) {
                groups++;
            }
        }
        int length = Integer.BYTES + groups * (Integer.BYTES + UUID_BYTES + Integer.BYTES)
                + changes.size() * (Long.BYTES + codec.size());
        ByteBuffer out = sectionHeader(map, KEYS, length).putInt(groups);
        int start = 0;
        while (start < changes.size()) {
            Change<K> first = changes.get(start);
            int end = start + 1;
            while (end < changes.size() && !startsGroup(changes.get(end - 1), changes.get(end))) {
                end++;
            }
            uuid(out.putInt(first.partition()), first.partitionUuid()).putInt(end - start);
            for (int i = start; i < end; i++) {
                codec.write(changes.get(i).key(), out.putLong(changes.get(i).sequence()));
            }
            start = end;
        }
        return out.array();
    }

    private static boolean startsGroup(Change<?> previous, Change<?> next) {
        if (next.partition() < previous.partition()) {
            throw new IllegalArgumentException("Changes must come in partition order: " + next.partition()
                    + " after " + previous.partition());
        }
        return next.partition() != previous.partition() || !next.partitionUuid().equals(previous.partitionUuid());
    }

    /** A TICK section: the highest sequence of each of the member's partitions ({@code partitions[i]} has {@code uuids[i]}). */
    public static byte[] tick(CacheMap<?, ?> map, int intervalMillis, int[] partitions, UUID[] uuids,
                              long[] sequences) {
        int length = 2 * Integer.BYTES + partitions.length * (Integer.BYTES + UUID_BYTES + Long.BYTES);
        ByteBuffer out = sectionHeader(map, TICK, length).putInt(intervalMillis).putInt(partitions.length);
        for (int i = 0; i < partitions.length; i++) {
            uuid(out.putInt(partitions[i]), uuids[i]).putLong(sequences[i]);
        }
        return out.array();
    }

    /** A CLEARED section. */
    public static byte[] cleared(CacheMap<?, ?> map) {
        return sectionHeader(map, CLEARED, 0).array();
    }

    /** A message of these sections, in order. */
    public static byte[] message(int partitionCount, List<byte[]> sections) {
        int length = 1 + 2 * Integer.BYTES;
        for (byte[] section : sections) {
            length += section.length;
        }
        ByteBuffer out = ByteBuffer.allocate(length).put(VERSION).putInt(partitionCount).putInt(sections.size());
        sections.forEach(out::put);
        return out.array();
    }

    /**
     * Reads a message, telling each map's subscriber what its sections say; sections of maps that {@code subscribers}
     * answers null for are skipped.
     *
     * @throws IllegalArgumentException when the message is of another format version or another partition count
     *                                  (the member and the client disagree about the cluster), or is malformed
     */
    public static void read(byte[] message, int partitionCount,
                            Function<CacheMap<?, ?>, Subscriber<?>> subscribers) {
        ByteBuffer in = ByteBuffer.wrap(message);
        try {
            byte version = in.get();
            if (version != VERSION) {
                throw new IllegalArgumentException("An invalidation message of format version " + version
                        + "; this client reads version " + VERSION + ": upgrade the client or the nodes so they match");
            }
            int theirs = in.getInt();
            if (theirs != partitionCount) {
                throw new IllegalArgumentException("An invalidation message for " + theirs + " partitions, but this "
                        + "client sees " + partitionCount);
            }
            int sections = in.getInt();
            for (int s = 0; s < sections; s++) {
                int mapId = in.get();
                if (mapId < 1 || mapId > MAPS.size()) {
                    throw new IllegalArgumentException("An invalidation message names map " + mapId
                            + ", which this client does not know");
                }
                byte kind = in.get();
                int length = in.getInt();
                Subscriber<?> subscriber = subscribers.apply(MAPS.get(mapId - 1));
                int end = in.position() + length;
                if (subscriber != null) {
                    readSection(in.slice(in.position(), length), kind, subscriber);
                }
                in.position(end);
            }
        } catch (BufferUnderflowException | IndexOutOfBoundsException e) {
            throw new IllegalArgumentException("A truncated invalidation message of " + message.length + " bytes", e);
        }
    }

    private static <K> void readSection(ByteBuffer in, byte kind, Subscriber<K> subscriber) {
        Reader<K> reader = subscriber.reader();
        switch (kind) {
            case KEYS -> {
                int groups = in.getInt();
                for (int g = 0; g < groups; g++) {
                    int partition = in.getInt();
                    UUID uuid = new UUID(in.getLong(), in.getLong());
                    int count = in.getInt();
                    for (int i = 0; i < count; i++) {
                        long sequence = in.getLong();
                        reader.changed(partition, uuid, sequence, subscriber.keys().read(in));
                    }
                }
            }
            case TICK -> {
                reader.ticked(in.getInt());
                int partitions = in.getInt();
                for (int i = 0; i < partitions; i++) {
                    int partition = in.getInt();
                    reader.reached(partition, new UUID(in.getLong(), in.getLong()), in.getLong());
                }
            }
            case CLEARED -> reader.cleared();
            default -> throw new IllegalArgumentException("An invalidation section of unknown kind " + kind);
        }
        reader.ended();
    }

    private static ByteBuffer sectionHeader(CacheMap<?, ?> map, byte kind, int length) {
        int id = MAPS.indexOf(map) + 1;
        if (id == 0) {
            throw new IllegalArgumentException("The " + map + " map has no near cache, so no invalidations");
        }
        return ByteBuffer.allocate(SECTION_HEADER + length).put((byte) id).put(kind).putInt(length);
    }

    private static ByteBuffer uuid(ByteBuffer out, UUID uuid) {
        return out.putLong(uuid.getMostSignificantBits()).putLong(uuid.getLeastSignificantBits());
    }
}
