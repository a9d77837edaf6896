package discordcache.client;

import java.util.UUID;
import java.util.function.LongSupplier;

/**
 * What a near cache knows of each partition's invalidation stream, and what it must drop when some of it is
 * missing. Per partition: the UUID the member gave it, the highest sequence seen, the member that last reported
 * it, and the sequences not seen yet.
 *
 * <p>A sequence may arrive late for a moment without anything being lost: when a partition moves, its old owner's
 * last changes can arrive after the new owner's first ones, and a TICK can report a change whose message is still
 * on its way. So a missing sequence is given {@code grace} to arrive; when it does not, the partition's entries are
 * dropped (whatever changed there may be cached). A new UUID drops them at once: the partition's data moved without
 * its history. Thread-safe.
 */
final class PartitionSequences {
    /** Where the decisions go: the near cache's partitions. */
    interface Partitions {
        /** Entries of the partition may be stale: drop them; the partition stays usable. */
        void drop(int partition);

        /** Drop the partition's entries and cache nothing of it until it is {@link #know known} again. */
        void forget(int partition);

        /** The partition's stream is followed (again): its entries may be cached. */
        void know(int partition);
    }

    /** Ranges of missing sequences one partition holds before it gives up waiting and drops. */
    private static final int MAX_GAPS = 8;

    /** The missing sequences of one partition, as ranges with the time each may still arrive until. */
    private static final class Gaps {
        private final long[] from = new long[MAX_GAPS];
        private final long[] to = new long[MAX_GAPS];
        private final long[] deadline = new long[MAX_GAPS];
        private int count;
    }

    // Per partition, in arrays (a message touches partitions at random); guarded by this object's monitor, which the
    // stream's event thread takes once per section.
    private final UUID[] uuids;
    private final long[] highest;
    private final UUID[] sources;
    private final Gaps[] gaps;
    /** How many partitions wait for a missing sequence, so that the checker skips the scan when none does. */
    private int waitingPartitions;
    private final Partitions partitions;
    private final long graceNanos;
    private final LongSupplier nanoClock;

    PartitionSequences(int partitionCount, long graceNanos, Partitions partitions, LongSupplier nanoClock) {
        this.uuids = new UUID[partitionCount];
        this.highest = new long[partitionCount];
        this.sources = new UUID[partitionCount];
        this.gaps = new Gaps[partitionCount];
        this.partitions = partitions;
        this.graceNanos = graceNanos;
        this.nanoClock = nanoClock;
    }

    int partitionCount() {
        return uuids.length;
    }

    /** A change of the partition took {@code sequence}, as {@code source} reports. */
    void changed(int partition, UUID uuid, long sequence, UUID source) {
        changed(partition, uuid, sequence, sequence, source);
    }

    /** Changes of the partition took the sequences {@code first} to {@code last}, as {@code source} reports. */
    synchronized void changed(int partition, UUID uuid, long first, long last, UUID source) {
        if (restart(partition, uuid, last, source, false)) {
            return;
        }
        if (first > highest[partition] + 1) {
            gap(partition, highest[partition] + 1, first - 1);
        } else if (first <= highest[partition] && gaps[partition] != null) {
            arrived(partition, first, Math.min(last, highest[partition])); // late, or again
        }
        highest[partition] = Math.max(highest[partition], last);
    }

    /**
     * Runs of changes of one message section, as {@code source} reports: run {@code i} is the changes of partition
     * {@code runPartitions[i]} that took {@code firsts[i]} to {@code lasts[i]}.
     */
    synchronized void changed(int runs, int[] runPartitions, UUID[] runUuids, long[] firsts, long[] lasts,
                              UUID source) {
        for (int i = 0; i < runs; i++) {
            changed(runPartitions[i], runUuids[i], firsts[i], lasts[i], source);
        }
    }

    /** The partition's changes got as far as {@code sequence}, as {@code source} reports in a TICK. */
    synchronized void reached(int partition, UUID uuid, long sequence, UUID source) {
        if (restart(partition, uuid, sequence, source, true)) {
            return;
        }
        // The TICK's sequence is the partition's last change, not seen yet if it is ahead.
        if (sequence > highest[partition]) {
            gap(partition, highest[partition] + 1, sequence);
            highest[partition] = sequence;
        }
    }

    /**
     * Follows the partition from {@code sequence} on when it was not followed or its UUID changed (its data moved
     * without its history: whatever is cached of it may be stale); answers whether it did.
     */
    private boolean restart(int partition, UUID uuid, long sequence, UUID source, boolean tick) {
        UUID known = uuids[partition];
        if (known != null && known.equals(uuid)) {
            if (tick ? sequence >= highest[partition] : sequence > highest[partition]) {
                // The member that reports the partition as far as it got holds what may not have been sent yet; a
                // late change from the partition's former owner does not take that over.
                sources[partition] = source;
            }
            return false;
        }
        sources[partition] = source;
        if (known == null) {
            partitions.know(partition);
        } else {
            partitions.drop(partition);
        }
        uuids[partition] = uuid;
        highest[partition] = sequence;
        clearGaps(partition);
        return true;
    }

    private void gap(int partition, long from, long to) {
        Gaps missing = gaps[partition];
        if (missing == null) {
            missing = new Gaps();
            gaps[partition] = missing;
            waitingPartitions++;
        } else if (missing.count == MAX_GAPS) {
            partitions.drop(partition);
            clearGaps(partition);
            return;
        }
        missing.from[missing.count] = from;
        missing.to[missing.count] = to;
        missing.deadline[missing.count] = nanoClock.getAsLong() + graceNanos;
        missing.count++;
    }

    private void clearGaps(int partition) {
        if (gaps[partition] != null) {
            gaps[partition] = null;
            waitingPartitions--;
        }
    }

    /** Late sequences close (parts of) the gaps they fall in. */
    private void arrived(int partition, long from, long to) {
        Gaps missing = gaps[partition];
        int i = 0;
        while (i < missing.count) {
            long gapFrom = missing.from[i];
            long gapTo = missing.to[i];
            if (to < gapFrom || from > gapTo) {
                i++;
            } else if (from <= gapFrom && to >= gapTo) {
                int last = missing.count - 1; // the last gap moves to i: look at it next
                missing.from[i] = missing.from[last];
                missing.to[i] = missing.to[last];
                missing.deadline[i] = missing.deadline[last];
                missing.count = last;
            } else if (from <= gapFrom) {
                missing.from[i] = to + 1;
                i++;
            } else if (to >= gapTo) {
                missing.to[i] = from - 1;
                i++;
            } else {
                if (missing.count < MAX_GAPS) {
                    // Split the range around what arrived; both halves keep the deadline.
                    missing.from[missing.count] = to + 1;
                    missing.to[missing.count] = gapTo;
                    missing.deadline[missing.count] = missing.deadline[i];
                    missing.count++;
                    missing.to[i] = from - 1;
                }
                // without room to split, the range stays whole and drops at its deadline, which is safe
                i++;
            }
        }
        if (missing.count == 0) {
            clearGaps(partition);
        }
    }

    /** Drops each partition whose missing sequences did not arrive within the grace; answers how many. */
    synchronized int dropOverdue() {
        if (waitingPartitions == 0) {
            return 0;
        }
        long now = nanoClock.getAsLong();
        int dropped = 0;
        for (int partition = 0; partition < gaps.length; partition++) {
            Gaps missing = gaps[partition];
            for (int i = 0; missing != null && i < missing.count; i++) {
                if (now - missing.deadline[i] >= 0) {
                    partitions.drop(partition);
                    clearGaps(partition);
                    dropped++;
                    break;
                }
            }
        }
        return dropped;
    }

    /**
     * The member left or crashed: what it had not sent yet is lost, so each partition it reported last is dropped
     * and forgotten until another member reports it. Answers how many.
     */
    synchronized int forgetReportedBy(UUID member) {
        int forgotten = 0;
        for (int partition = 0; partition < sources.length; partition++) {
            if (member.equals(sources[partition])) {
                forget(partition);
                forgotten++;
            }
        }
        return forgotten;
    }

    /** Forgets every partition: nothing may be cached until each is reported again. */
    synchronized void forgetAll() {
        for (int partition = 0; partition < uuids.length; partition++) {
            forget(partition);
        }
    }

    private void forget(int partition) {
        partitions.forget(partition);
        uuids[partition] = null;
        sources[partition] = null;
        clearGaps(partition);
    }

    /** Whether some partition waits for a missing sequence. */
    synchronized boolean waiting() {
        return waitingPartitions > 0;
    }
}
