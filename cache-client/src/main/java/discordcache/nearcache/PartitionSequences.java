package discordcache.nearcache;

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

    private static final class State {
        private UUID uuid;
        private long highest;
        private UUID source;
        private final long[] gapFrom = new long[MAX_GAPS];
        private final long[] gapTo = new long[MAX_GAPS];
        private final long[] gapDeadline = new long[MAX_GAPS];
        private int gaps;
    }

    private final State[] states;
    private final Partitions partitions;
    private final long graceNanos;
    private final LongSupplier nanoClock;

    PartitionSequences(int partitionCount, long graceNanos, Partitions partitions, LongSupplier nanoClock) {
        this.states = new State[partitionCount];
        for (int i = 0; i < partitionCount; i++) {
            states[i] = new State();
        }
        this.partitions = partitions;
        this.graceNanos = graceNanos;
        this.nanoClock = nanoClock;
    }

    int partitionCount() {
        return states.length;
    }

    /** A change of the partition took {@code sequence}, as {@code source} reports. */
    void changed(int partition, UUID uuid, long sequence, UUID source) {
        observe(partition, uuid, sequence, source, false);
    }

    /** The partition's changes got as far as {@code sequence}, as {@code source} reports in a TICK. */
    void reached(int partition, UUID uuid, long sequence, UUID source) {
        observe(partition, uuid, sequence, source, true);
    }

    private void observe(int partition, UUID uuid, long sequence, UUID source, boolean tick) {
        State state = states[partition];
        synchronized (state) {
            if (state.uuid == null || !state.uuid.equals(uuid)) {
                if (state.uuid == null) {
                    partitions.know(partition);
                } else {
                    partitions.drop(partition); // the data moved without its history
                }
                state.uuid = uuid;
                state.highest = sequence;
                state.gaps = 0;
                state.source = source;
                return;
            }
            state.source = source;
            if (sequence > state.highest) {
                // A change's own sequence is seen; a TICK's sequence is the last change, not seen yet.
                long firstMissing = state.highest + 1;
                long lastMissing = tick ? sequence : sequence - 1;
                if (lastMissing >= firstMissing) {
                    gap(partition, state, firstMissing, lastMissing);
                }
                state.highest = sequence;
            } else if (!tick) {
                arrived(state, sequence);
            }
        }
    }

    private void gap(int partition, State state, long from, long to) {
        if (state.gaps == MAX_GAPS) {
            partitions.drop(partition);
            state.gaps = 0;
            return;
        }
        state.gapFrom[state.gaps] = from;
        state.gapTo[state.gaps] = to;
        state.gapDeadline[state.gaps] = nanoClock.getAsLong() + graceNanos;
        state.gaps++;
    }

    /** A late sequence closes (part of) its gap. */
    private static void arrived(State state, long sequence) {
        for (int i = 0; i < state.gaps; i++) {
            if (sequence < state.gapFrom[i] || sequence > state.gapTo[i]) {
                continue;
            }
            if (state.gapFrom[i] == state.gapTo[i]) {
                remove(state, i);
            } else if (sequence == state.gapFrom[i]) {
                state.gapFrom[i]++;
            } else if (sequence == state.gapTo[i]) {
                state.gapTo[i]--;
            } else if (state.gaps < MAX_GAPS) {
                // Split the range around the sequence; both halves keep the deadline.
                state.gapFrom[state.gaps] = sequence + 1;
                state.gapTo[state.gaps] = state.gapTo[i];
                state.gapDeadline[state.gaps] = state.gapDeadline[i];
                state.gaps++;
                state.gapTo[i] = sequence - 1;
            }
            return; // no room to split: the range stays whole and drops at its deadline, which is safe
        }
    }

    private static void remove(State state, int i) {
        int last = state.gaps - 1;
        state.gapFrom[i] = state.gapFrom[last];
        state.gapTo[i] = state.gapTo[last];
        state.gapDeadline[i] = state.gapDeadline[last];
        state.gaps = last;
    }

    /** Drops each partition whose missing sequences did not arrive within the grace; answers how many. */
    int dropOverdue() {
        long now = nanoClock.getAsLong();
        int dropped = 0;
        for (int partition = 0; partition < states.length; partition++) {
            State state = states[partition];
            synchronized (state) {
                for (int i = 0; i < state.gaps; i++) {
                    if (now - state.gapDeadline[i] >= 0) {
                        partitions.drop(partition);
                        state.gaps = 0;
                        dropped++;
                        break;
                    }
                }
            }
        }
        return dropped;
    }

    /**
     * The member left or crashed: what it had not sent yet is lost, so each partition it reported last is dropped
     * and forgotten until another member reports it. Answers how many.
     */
    int forgetReportedBy(UUID member) {
        int forgotten = 0;
        for (int partition = 0; partition < states.length; partition++) {
            State state = states[partition];
            synchronized (state) {
                if (member.equals(state.source)) {
                    forget(partition, state);
                    forgotten++;
                }
            }
        }
        return forgotten;
    }

    /** Forgets every partition: nothing may be cached until each is reported again. */
    void forgetAll() {
        for (int partition = 0; partition < states.length; partition++) {
            State state = states[partition];
            synchronized (state) {
                forget(partition, state);
            }
        }
    }

    private void forget(int partition, State state) {
        partitions.forget(partition);
        state.uuid = null;
        state.source = null;
        state.gaps = 0;
    }

    /** Whether some partition waits for a missing sequence. */
    boolean waiting() {
        for (State state : states) {
            synchronized (state) {
                if (state.gaps > 0) {
                    return true;
                }
            }
        }
        return false;
    }
}
