package discordcache.model;

import java.time.Instant;
import java.util.concurrent.TimeUnit;

/** Instants on the wire: nullable int64 microseconds since the epoch, the precision of Discord and PostgreSQL. */
final class EpochMicros {
    private EpochMicros() {
    }

    static Long of(Instant instant) {
        return instant == null ? null
                : Math.addExact(TimeUnit.SECONDS.toMicros(instant.getEpochSecond()), instant.getNano() / 1_000);
    }

    static Instant toInstant(Long micros) {
        return micros == null ? null
                : Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1_000L);
    }
}
