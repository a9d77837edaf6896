package discordcache.nearcache;

import discordcache.model.CacheMap;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.UUID;

/**
 * The invalidation stream of one entity map, as members publish it and near caches read it: the wire contract
 * between cache nodes and clients in any language.
 *
 * <p>Each member publishes, on the Hazelcast topic {@link #topic(CacheMap)}, {@code byte[]} messages about the
 * partitions it owns, in order. A message is big-endian:
 * <pre>
 * byte    format version (1)
 * byte    kind: 1 = KEYS, 2 = TICK, 3 = CLEARED
 * int     the cluster's partition count
 * KEYS    int groups, then per group: int partition, long uuid high bits, long uuid low bits, int count,
 *         then count times: long sequence, the key (one long for ids; two for member, presence and message keys)
 * TICK    int the member's tick interval in milliseconds, int partitions, then per partition:
 *         int partition, long uuid high bits, long uuid low bits, long sequence
 * CLEARED nothing more: every entry of the map is gone
 * </pre>
 *
 * <p>Sequences are Hazelcast's own near-cache metadata: each change of an entry takes the next sequence of its map
 * and partition on the partition's owner, and a partition's UUID stays the same while its data moves with it
 * (a graceful migration) and changes when its data may have been lost (a crash, a new backup promoted). So a
 * reader that saw sequence {@code n} of a partition and next sees {@code n + 2} under the same UUID missed exactly
 * one change of that partition; a TICK, sent every interval and when partitions arrive, says how far each partition
 * got, so that a lost last message is found too.
 */
public final class InvalidationMessage {
    /** The format version this class writes and reads. */
    public static final byte VERSION = 1;
    private static final byte KEYS = 1;
    private static final byte TICK = 2;
    private static final byte CLEARED = 3;
    private static final int HEADER = 2 + Integer.BYTES;
    private static final int UUID_BYTES = 2 * Long.BYTES;

    private InvalidationMessage() {
    }

    /** The topic of a map's invalidation stream. */
    public static String topic(CacheMap<?, ?> map) {
        return "dcache.invalidations." + map.name();
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

    /** What a message says, in the order it says it. */
    public interface Reader<K> {
        /** The entry of {@code key} changed: the change took {@code sequence} of its partition. */
        void changed(int partition, UUID partitionUuid, long sequence, K key);

        /** A TICK begins; the member sends the next within about {@code intervalMillis}. */
        void ticked(int intervalMillis);

        /** The partition's changes so far, as of the TICK: the highest sequence it gave. */
        void reached(int partition, UUID partitionUuid, long sequence);

        /** The whole map was cleared. */
        void cleared();
    }

    /**
     * A KEYS message of changes in partition order (changes of one partition in sequence order).
     *
     * @throws IllegalArgumentException when the changes are not grouped by partition
     */
    public static <K> byte[] keys(int partitionCount, InvalidationKeys<K> codec, List<Change<K>> changes) {
        int groups = 0;
        for (int i = 0; i < changes.size(); i++) {
            if (i == 0 || startsGroup(changes.get(i - 1), changes.get(i))) {
                groups++;
            }
        }
        ByteBuffer out = ByteBuffer.allocate(HEADER + Integer.BYTES
                + groups * (Integer.BYTES + UUID_BYTES + Integer.BYTES)
                + changes.size() * (Long.BYTES + codec.size()));
        header(out, KEYS, partitionCount).putInt(groups);
        int start = 0;
        while (start < changes.size()) {
            Change<K> first = changes.get(start);
            int end = start + 1;
            while (end < changes.size() && !startsGroup(changes.get(end - 1), changes.get(end))) {
                end++;
            }
            out.putInt(first.partition());
            uuid(out, first.partitionUuid()).putInt(end - start);
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

    /** A TICK: the highest sequence of each of the member's partitions ({@code partitions[i]} has {@code uuids[i]}). */
    public static byte[] tick(int partitionCount, int intervalMillis, int[] partitions, UUID[] uuids,
                              long[] sequences) {
        ByteBuffer out = ByteBuffer.allocate(HEADER + 2 * Integer.BYTES
                + partitions.length * (Integer.BYTES + UUID_BYTES + Long.BYTES));
        header(out, TICK, partitionCount).putInt(intervalMillis).putInt(partitions.length);
        for (int i = 0; i < partitions.length; i++) {
            uuid(out.putInt(partitions[i]), uuids[i]).putLong(sequences[i]);
        }
        return out.array();
    }

    /** A CLEARED message. */
    public static byte[] cleared(int partitionCount) {
        return header(ByteBuffer.allocate(HEADER), CLEARED, partitionCount).array();
    }

    /**
     * Reads a message, telling {@code reader} what it says.
     *
     * @throws IllegalArgumentException when the message is of another format version or another partition count
     *                                  (the member and the client disagree about the cluster), or is malformed
     */
    public static <K> void read(byte[] message, int partitionCount, InvalidationKeys<K> codec, Reader<K> reader) {
        ByteBuffer in = ByteBuffer.wrap(message);
        try {
            byte version = in.get();
            if (version != VERSION) {
                throw new IllegalArgumentException("An invalidation message of format version " + version
                        + "; this client reads version " + VERSION + ": upgrade the client or the nodes so they match");
            }
            byte kind = in.get();
            int theirs = in.getInt();
            if (theirs != partitionCount) {
                throw new IllegalArgumentException("An invalidation message for " + theirs + " partitions, but this "
                        + "client sees " + partitionCount);
            }
            switch (kind) {
                case KEYS -> {
                    int groups = in.getInt();
                    for (int g = 0; g < groups; g++) {
                        int partition = in.getInt();
                        UUID uuid = new UUID(in.getLong(), in.getLong());
                        int count = in.getInt();
                        for (int i = 0; i < count; i++) {
                            long sequence = in.getLong();
                            reader.changed(partition, uuid, sequence, codec.read(in));
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
                default -> throw new IllegalArgumentException("An invalidation message of unknown kind " + kind);
            }
        } catch (java.nio.BufferUnderflowException e) {
            throw new IllegalArgumentException("A truncated invalidation message of " + message.length + " bytes", e);
        }
    }

    private static ByteBuffer header(ByteBuffer out, byte kind, int partitionCount) {
        return out.put(VERSION).put(kind).putInt(partitionCount);
    }

    private static ByteBuffer uuid(ByteBuffer out, UUID uuid) {
        return out.putLong(uuid.getMostSignificantBits()).putLong(uuid.getLeastSignificantBits());
    }
}
