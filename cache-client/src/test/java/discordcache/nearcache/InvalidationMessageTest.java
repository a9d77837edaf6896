package discordcache.nearcache;

import discordcache.model.CacheMap;
import discordcache.model.MemberKey;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The invalidation stream's wire format: a TypeScript client reads these same bytes. */
class InvalidationMessageTest {
    private static final UUID A = new UUID(0x0102030405060708L, 0x090a0b0c0d0e0f10L);
    private static final UUID B = new UUID(1, 2);

    @Test
    void keys_areGroupedByPartition_andReadBackInOrder() {
        InvalidationKeys<MemberKey> keys = InvalidationKeys.of(CacheMap.MEMBERS);
        byte[] message = InvalidationMessage.keys(271, keys, List.of(
                new InvalidationMessage.Change<>(3, A, 7, new MemberKey(10, 20)),
                new InvalidationMessage.Change<>(3, A, 8, new MemberKey(10, 21)),
                new InvalidationMessage.Change<>(9, B, 1, new MemberKey(11, 22))));
        assertEquals(List.of("3 " + A + " 7 MemberKey[guildId=10, userId=20]",
                "3 " + A + " 8 MemberKey[guildId=10, userId=21]", "9 " + B + " 1 MemberKey[guildId=11, userId=22]"),
                read(message, keys));
        assertEquals(2 + 4 + 4 + 2 * (4 + 16 + 4) + 3 * (8 + 16), message.length);
    }

    @Test
    void aUserKeysMessage_hasTheDocumentedBytes() {
        byte[] message = InvalidationMessage.keys(271, InvalidationKeys.of(CacheMap.USERS),
                List.of(new InvalidationMessage.Change<>(5, A, 2, 42L)));
        assertEquals("01" + "01" + "0000010f" + "00000001" + "00000005" + "0102030405060708" + "090a0b0c0d0e0f10"
                + "00000001" + "0000000000000002" + "000000000000002a", HexFormat.of().formatHex(message));
    }

    @Test
    void aTick_readsBackEveryPartition() {
        byte[] message = InvalidationMessage.tick(271, 1_000, new int[] {0, 270}, new UUID[] {A, B},
                new long[] {0, 99});
        assertEquals(List.of("tick 1000", "reached 0 " + A + " 0", "reached 270 " + B + " 99"),
                read(message, InvalidationKeys.of(CacheMap.USERS)));
        assertEquals(List.of("cleared"), read(InvalidationMessage.cleared(271), InvalidationKeys.of(CacheMap.USERS)));
    }

    @Test
    void changesOutOfPartitionOrder_areRefused() {
        assertThrows(IllegalArgumentException.class, () -> InvalidationMessage.keys(271,
                InvalidationKeys.of(CacheMap.USERS), List.of(new InvalidationMessage.Change<>(5, A, 1, 1L),
                        new InvalidationMessage.Change<>(4, A, 1, 2L))));
    }

    @Test
    void anotherVersion_orPartitionCount_orATruncatedMessage_isRefusedWithTheReason() {
        InvalidationKeys<Long> keys = InvalidationKeys.of(CacheMap.USERS);
        byte[] message = InvalidationMessage.keys(271, keys, List.of(new InvalidationMessage.Change<>(5, A, 2, 42L)));
        assertEquals("An invalidation message for 271 partitions, but this client sees 1009",
                assertThrows(IllegalArgumentException.class, () -> InvalidationMessage.read(message, 1009, keys,
                        new Recorder<>(new ArrayList<>()))).getMessage());
        byte[] future = message.clone();
        future[0] = 2;
        assertThrows(IllegalArgumentException.class, () -> read(future, keys));
        byte[] truncated = java.util.Arrays.copyOf(message, message.length - 3);
        assertEquals("A truncated invalidation message of " + truncated.length + " bytes",
                assertThrows(IllegalArgumentException.class, () -> read(truncated, keys)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> InvalidationKeys.of(CacheMap.SHARD_SESSIONS));
    }

    private static <K> List<String> read(byte[] message, InvalidationKeys<K> keys) {
        List<String> said = new ArrayList<>();
        InvalidationMessage.read(message, 271, keys, new Recorder<>(said));
        return said;
    }

    private record Recorder<K>(List<String> said) implements InvalidationMessage.Reader<K> {
        @Override
        public void changed(int partition, UUID partitionUuid, long sequence, K key) {
            said.add(partition + " " + partitionUuid + " " + sequence + " " + key);
        }

        @Override
        public void ticked(int intervalMillis) {
            said.add("tick " + intervalMillis);
        }

        @Override
        public void reached(int partition, UUID partitionUuid, long sequence) {
            said.add("reached " + partition + " " + partitionUuid + " " + sequence);
        }

        @Override
        public void cleared() {
            said.add("cleared");
        }
    }
}
