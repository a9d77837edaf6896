package discordcache.wire.onnode;

import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The versions this process stamps on what it writes: microseconds since the epoch, strictly increasing within
 * the process even when the wall clock stands still or steps back. A value deleted and written again gets a
 * version above the one PostgreSQL may still hold for it, as long as the writers' clocks agree to within the time
 * between the two writes. Thread-safe.
 */
public final class VersionClock {
    private final Clock clock;
    private final AtomicLong last = new AtomicLong();

    public VersionClock() {
        this(Clock.systemUTC());
    }

    VersionClock(Clock clock) {
        this.clock = clock;
    }

    /** A version above every one this clock returned before. */
    public long next() {
        Instant now = clock.instant();
        long micros = Math.addExact(Math.multiplyExact(now.getEpochSecond(), 1_000_000L), now.getNano() / 1_000);
        return last.updateAndGet(previous -> Math.max(micros, previous + 1));
    }
}
