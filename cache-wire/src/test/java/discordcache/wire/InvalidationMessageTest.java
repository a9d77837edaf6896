package discordcache.wire;

import discordcache.model.CacheMap;
import discordcache.model.MemberKey;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
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
        byte[] section = InvalidationMessage.keys(CacheMap.MEMBERS, List.of(
                new InvalidationMessage.Change<>(3, A, 7, new MemberKey(10, 20)),
                new InvalidationMessage.Change<>(3, A, 8, new MemberKey(10, 21)),
                new InvalidationMessage.Change<>(9, B, 1, new MemberKey(11, 22))));
        assertEquals(List.of("members 3 " + A + " 7 MemberKey[guildId=10, userId=20]",
                "members 3 " + A + " 8 MemberKey[guildId=10, userId=21]",
                "members 9 " + B + " 1 MemberKey[guildId=11, userId=22]", "members ended"),
                read(InvalidationMessage.message(271, List.of(section))));
        assertEquals(6 + 4 + 2 * (4 + 16 + 4) + 3 * (8 + 16), section.length);
    }

    @Test
    void aUserKeysMessage_hasTheDocumentedBytes() {
        byte[] message = InvalidationMessage.message(271, List.of(InvalidationMessage.keys(CacheMap.USERS,
                List.of(new InvalidationMessage.Change<>(5, A, 2, 42L)))));
        assertEquals("01" + "0000010f" + "00000001" + "01" + "01" + "0000002c" + "00000001" + "00000005"
                + "0102030405060708" + "090a0b0c0d0e0f10" + "00000001" + "0000000000000002" + "000000000000002a",
                HexFormat.of().formatHex(message));
    }

    @Test
    void aMessageOfSeveralMaps_tellsEachMapItsSections_andSkipsMapsNobodyReads() {
        byte[] message = InvalidationMessage.message(271, List.of(
                InvalidationMessage.tick(CacheMap.USERS, 1_000, new int[] {0, 270}, new UUID[] {A, B},
                        new long[] {0, 99}),
                InvalidationMessage.keys(CacheMap.GUILDS, List.of(new InvalidationMessage.Change<>(1, A, 5, 7L))),
                InvalidationMessage.cleared(CacheMap.PRESENCES),
                InvalidationMessage.keys(CacheMap.CHANNELS, List.of(new InvalidationMessage.Change<>(2, B, 3, 8L)))));
        List<String> said = new ArrayList<>();
        InvalidationMessage.read(message, 271, map -> map == CacheMap.GUILDS ? null : subscriber(map, said));
        assertEquals(List.of("users tick 1000", "users reached 0 " + A + " 0", "users reached 270 " + B + " 99",
                "users ended", "presences cleared", "presences ended", "channels 2 " + B + " 3 8", "channels ended"),
                said);
    }

    @Test
    void changesOutOfPartitionOrder_areRefused() {
        assertThrows(IllegalArgumentException.class, () -> InvalidationMessage.keys(CacheMap.USERS,
                List.of(new InvalidationMessage.Change<>(5, A, 1, 1L), new InvalidationMessage.Change<>(4, A, 1, 2L))));
    }

    @Test
    void anotherVersion_orPartitionCount_orATruncatedMessage_isRefusedWithTheReason() {
        byte[] message = InvalidationMessage.message(271, List.of(InvalidationMessage.keys(CacheMap.USERS,
                List.of(new InvalidationMessage.Change<>(5, A, 2, 42L)))));
        assertEquals("An invalidation message for 271 partitions, but this client sees 1009",
                assertThrows(IllegalArgumentException.class, () -> InvalidationMessage.read(message, 1009,
                        map -> subscriber(map, new ArrayList<>()))).getMessage());
        byte[] future = message.clone();
        future[0] = 2;
        assertThrows(IllegalArgumentException.class, () -> read(future));
        byte[] truncated = Arrays.copyOf(message, message.length - 3);
        assertEquals("A truncated invalidation message of " + truncated.length + " bytes",
                assertThrows(IllegalArgumentException.class, () -> read(truncated)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> InvalidationKeys.of(CacheMap.SHARD_SESSIONS));
        assertThrows(IllegalArgumentException.class, () -> InvalidationMessage.cleared(CacheMap.SHARD_SESSIONS));
    }

    private static List<String> read(byte[] message) {
        List<String> said = new ArrayList<>();
        InvalidationMessage.read(message, 271, map -> subscriber(map, said));
        return said;
    }

    private static <K> InvalidationMessage.Subscriber<K> subscriber(CacheMap<K, ?> map, List<String> said) {
        return new InvalidationMessage.Subscriber<>(InvalidationKeys.of(map), new Recorder<>(map.name(), said));
    }

    private record Recorder<K>(String map, List<String> said) implements InvalidationMessage.Reader<K> {
        @Override
        public void changed(int partition, UUID partitionUuid, long sequence, K key) {
            said.add(map + " " + partition + " " + partitionUuid + " " + sequence + " " + key);
        }

        @Override
        public void ticked(int intervalMillis) {
            said.add(map + " tick " + intervalMillis);
        }

        @Override
        public void reached(int partition, UUID partitionUuid, long sequence) {
            said.add(map + " reached " + partition + " " + partitionUuid + " " + sequence);
        }

        @Override
        public void cleared() {
            said.add(map + " cleared");
        }

        @Override
        public void ended() {
            said.add(map + " ended");
        }
    }
}
