package discordcache.client;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What a partition's sequences decide: which losses drop it, and which arrivals out of order do not. */
class PartitionSequencesTest {
    private static final long GRACE = TimeUnit.MILLISECONDS.toNanos(250);
    private static final UUID OWNER = UUID.randomUUID();
    private static final UUID OTHER_MEMBER = UUID.randomUUID();
    private static final UUID PARTITION_UUID = UUID.randomUUID();

    private final List<String> decisions = new ArrayList<>();
    private long now;
    private final PartitionSequences sequences = new PartitionSequences(4, GRACE, new PartitionSequences.Partitions() {
        @Override
        public void drop(int partition) {
            decisions.add("drop " + partition);
        }

        @Override
        public void forget(int partition) {
            decisions.add("forget " + partition);
        }

        @Override
        public void know(int partition) {
            decisions.add("know " + partition);
        }
    }, () -> now);

    @Test
    void inOrder_dropsNothing() {
        for (long sequence = 1; sequence <= 5; sequence++) {
            sequences.changed(2, PARTITION_UUID, sequence, OWNER);
        }
        sequences.reached(2, PARTITION_UUID, 5, OWNER);
        now += 10 * GRACE;
        assertEquals(0, sequences.dropOverdue());
        assertEquals(List.of("know 2"), decisions);
    }

    @Test
    void aLostChange_dropsItsPartitionOnceTheGraceIsOver() {
        sequences.changed(1, PARTITION_UUID, 1, OWNER);
        sequences.changed(1, PARTITION_UUID, 3, OWNER); // 2 is lost
        now += GRACE - 1;
        assertEquals(0, sequences.dropOverdue(), "it may still arrive");
        now += 1;
        assertEquals(1, sequences.dropOverdue());
        assertEquals(List.of("know 1", "drop 1"), decisions);
        now += 10 * GRACE;
        assertEquals(0, sequences.dropOverdue(), "dropped once");
    }

    @Test
    void aLateChangeWithinTheGrace_dropsNothing() {
        sequences.changed(0, PARTITION_UUID, 1, OWNER);
        sequences.changed(0, PARTITION_UUID, 4, OTHER_MEMBER); // the new owner's first change; 2 and 3 are late
        sequences.changed(0, PARTITION_UUID, 3, OWNER);
        sequences.changed(0, PARTITION_UUID, 2, OWNER);
        assertFalse(sequences.waiting());
        now += 10 * GRACE;
        assertEquals(0, sequences.dropOverdue());
    }

    @Test
    void aDuplicate_dropsNothing() {
        sequences.changed(3, PARTITION_UUID, 1, OWNER);
        sequences.changed(3, PARTITION_UUID, 2, OWNER);
        sequences.changed(3, PARTITION_UUID, 1, OWNER);
        sequences.changed(3, PARTITION_UUID, 2, OWNER);
        sequences.reached(3, PARTITION_UUID, 2, OWNER);
        sequences.reached(3, PARTITION_UUID, 2, OWNER);
        now += 10 * GRACE;
        assertEquals(0, sequences.dropOverdue());
        assertEquals(List.of("know 3"), decisions);
    }

    @Test
    void aLostLastChange_isFoundByTheTick() {
        sequences.reached(1, PARTITION_UUID, 7, OWNER);
        sequences.changed(1, PARTITION_UUID, 8, OWNER);
        sequences.reached(1, PARTITION_UUID, 9, OWNER); // 9 was lost, and nothing follows it
        assertTrue(sequences.waiting());
        now += GRACE;
        assertEquals(1, sequences.dropOverdue());
        assertEquals(List.of("know 1", "drop 1"), decisions);
    }

    @Test
    void aTickAheadOfItsChange_waitsForIt() {
        sequences.reached(1, PARTITION_UUID, 7, OWNER);
        sequences.reached(1, PARTITION_UUID, 9, OWNER); // 8 and 9 are still on their way
        sequences.changed(1, PARTITION_UUID, 8, OWNER);
        sequences.changed(1, PARTITION_UUID, 9, OWNER);
        now += 10 * GRACE;
        assertEquals(0, sequences.dropOverdue());
    }

    @Test
    void aLateChangeInsideAGap_keepsTheRestOfTheGapWaiting() {
        sequences.changed(0, PARTITION_UUID, 1, OWNER);
        sequences.changed(0, PARTITION_UUID, 6, OWNER); // 2..5 missing
        sequences.changed(0, PARTITION_UUID, 3, OWNER);
        sequences.changed(0, PARTITION_UUID, 2, OWNER);
        sequences.changed(0, PARTITION_UUID, 5, OWNER);
        assertTrue(sequences.waiting(), "4 is still missing");
        sequences.changed(0, PARTITION_UUID, 4, OWNER);
        assertFalse(sequences.waiting());
    }

    @Test
    void runsOfSequences_openAndCloseGapsLikeSingleOnes() {
        sequences.changed(0, PARTITION_UUID, 1, 3, OWNER);
        sequences.changed(0, PARTITION_UUID, 10, 12, OWNER); // 4..9 missing
        sequences.changed(0, PARTITION_UUID, 4, 5, OWNER);
        sequences.changed(0, PARTITION_UUID, 8, 9, OWNER);
        assertTrue(sequences.waiting(), "6 and 7 are still missing");
        sequences.changed(0, PARTITION_UUID, 1, 12, OWNER); // everything again, the missing ones with it
        assertFalse(sequences.waiting());
        sequences.changed(0, PARTITION_UUID, 13, 20, OWNER);
        now += 10 * GRACE;
        assertEquals(0, sequences.dropOverdue());
        assertEquals(List.of("know 0"), decisions);
    }

    @Test
    void aNewPartitionUuid_dropsAtOnce() {
        sequences.changed(2, PARTITION_UUID, 10, OWNER);
        sequences.changed(2, UUID.randomUUID(), 1, OTHER_MEMBER); // a backup promoted after a crash
        assertEquals(List.of("know 2", "drop 2"), decisions);
        sequences.changed(2, PARTITION_UUID, 11, OWNER); // the old owner's last word, late: its UUID again
        assertEquals(List.of("know 2", "drop 2", "drop 2"), decisions);
    }

    @Test
    void aMemberLeaving_forgetsWhatItReportedLast_untilAnotherReportsIt() {
        sequences.reached(0, PARTITION_UUID, 1, OWNER);
        sequences.reached(1, PARTITION_UUID, 1, OWNER);
        sequences.reached(1, PARTITION_UUID, 1, OTHER_MEMBER); // partition 1 moved to the other member
        assertEquals(1, sequences.forgetReportedBy(OWNER));
        assertEquals(List.of("know 0", "know 1", "forget 0"), decisions);
        sequences.reached(0, PARTITION_UUID, 5, OTHER_MEMBER);
        assertEquals(List.of("know 0", "know 1", "forget 0", "know 0"), decisions);
        now += 10 * GRACE;
        assertEquals(0, sequences.dropOverdue(), "a forgotten partition starts again from what is reported");
    }

    @Test
    void aLateMessageOfAFormerOwner_doesNotMakeItTheReporter() {
        sequences.changed(0, PARTITION_UUID, 5, OWNER);
        sequences.reached(0, PARTITION_UUID, 6, OTHER_MEMBER); // the partition moved; 6 is on its way from the owner
        sequences.changed(0, PARTITION_UUID, 6, OWNER);
        sequences.reached(0, PARTITION_UUID, 4, OWNER); // an old TICK of the former owner, late
        assertEquals(0, sequences.forgetReportedBy(OWNER), "the former owner left: nothing it reported last");
        assertEquals(1, sequences.forgetReportedBy(OTHER_MEMBER));
    }

    @Test
    void tooManyGaps_dropAtOnce() {
        sequences.changed(0, PARTITION_UUID, 1, OWNER);
        for (long sequence = 3; sequence <= 19; sequence += 2) {
            sequences.changed(0, PARTITION_UUID, sequence, OWNER); // 2, 4, ... each missing
        }
        assertEquals(List.of("know 0", "drop 0"), decisions);
    }
}
