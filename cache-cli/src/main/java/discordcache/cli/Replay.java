package discordcache.cli;

import discordcache.ingest.IngestException;
import discordcache.ingest.IngestResult;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;

/**
 * Applies the payloads of a source in order. A refused payload is counted and the replay goes on; a failure
 * of anything else (the cluster, the disk) stops it. Payloads are UTF-8 JSON; a byte order mark is skipped,
 * and blank payloads (empty lines) are skipped.
 */
final class Replay {
    /** What applies one payload: {@code GatewayIngester::ingest}. */
    @FunctionalInterface
    interface Ingester {
        /** @throws IngestException when the payload is refused */
        IngestResult ingest(String payload, int shardId, int shardCount);
    }

    /** Hears how far the replay is. */
    interface Progress {
        Progress NONE = new Progress() {
            @Override
            public void update(long position, long size, long payloads) {
            }

            @Override
            public void finish(long position, long size, long payloads) {
            }
        };

        /** Called after each payload; {@code position} and {@code size} are in the source's units. */
        void update(long position, long size, long payloads);

        /** Called once, at the end. */
        void finish(long position, long size, long payloads);
    }

    private static final char BYTE_ORDER_MARK = '\uFEFF';

    private final Ingester ingester;
    private final int shardId;
    private final int shardCount;
    private final Progress progress;

    Replay(Ingester ingester, int shardId, int shardCount, Progress progress) {
        this.ingester = ingester;
        this.shardId = shardId;
        this.shardCount = shardCount;
        this.progress = progress;
    }

    /** Replays every payload of the source, or those before a failure that is not the payload's fault. */
    ReplaySummary run(PayloadSource source) {
        ReplaySummary.Tally tally = new ReplaySummary.Tally();
        try {
            for (PayloadSource.Payload payload = source.next(); payload != null; payload = source.next()) {
                apply(payload, tally);
                progress.update(source.position(), source.size(), tally.payloads());
            }
        } catch (IOException | RuntimeException e) {
            tally.stopped(source.location(), e);
        }
        progress.finish(source.position(), source.size(), tally.payloads());
        return tally.summary();
    }

    private void apply(PayloadSource.Payload payload, ReplaySummary.Tally tally) {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(payload.bytes())).toString();
        } catch (CharacterCodingException e) {
            tally.refused(payload.location(), new IngestException(IngestException.Kind.MALFORMED_JSON, null, null,
                    "not UTF-8 text"));
            return;
        }
        if (!text.isEmpty() && text.charAt(0) == BYTE_ORDER_MARK) {
            text = text.substring(1);
        }
        if (text.isBlank()) {
            return;
        }
        try {
            tally.applied(ingester.ingest(text, shardId, shardCount));
        } catch (IngestException e) {
            tally.refused(payload.location(), e);
        }
    }
}
