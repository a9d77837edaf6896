package discordcache.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import discordcache.ingest.IngestException;
import discordcache.ingest.IngestResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

/**
 * Reading recorded payloads without a cluster: JSON Lines with blank lines, a byte order mark, CRLF and a last line
 * without a line break; folders in sorted path order; refused payloads counted by kind with their first example.
 */
class ReplayTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path temp;

    /** Stands in for GatewayIngester: applies dispatches, ignores other opcodes, refuses what is not JSON. */
    private final List<String> ingested = new ArrayList<>();
    private final Replay.Ingester ingester = (payload, shardId, shardCount) -> {
        JsonNode envelope;
        try {
            envelope = JSON.readTree(payload);
        } catch (IOException e) {
            throw new IngestException(IngestException.Kind.MALFORMED_JSON, null, null, "not JSON");
        }
        if (envelope.path("op").asInt() != 0) {
            return new IngestResult("op " + envelope.path("op").asInt(), true, List.of(), Map.of(), Map.of());
        }
        ingested.add(envelope.path("t").asText() + "@" + shardId + "/" + shardCount);
        return new IngestResult(envelope.path("t").asText(), false, List.of(), Map.of(), Map.of());
    };

    @Test
    void jsonLinesSkipBlankLinesAndAByteOrderMarkAndCountAMalformedLineAsRefused() throws IOException {
        Path file = temp.resolve("events.jsonl");
        Files.write(file, ("\uFEFF" + dispatch("GUILD_CREATE") + "\r\n"
                + "\n"
                + "   \n"
                + "{\"op\":11}\n"
                + "{\"op\":0,\"t\":\"MESSAGE_CREATE\",\"d\":{\n"
                + dispatch("MESSAGE_CREATE") + "\n"
                + "not json either\n"
                + dispatch("MESSAGE_DELETE")).getBytes(StandardCharsets.UTF_8));

        ReplaySummary summary = replay(file, 2, 4);

        assertEquals(List.of("GUILD_CREATE@2/4", "MESSAGE_CREATE@2/4", "MESSAGE_DELETE@2/4"), ingested);
        assertEquals(6, summary.payloads());
        assertEquals(3, summary.applied());
        assertEquals(1, summary.ignored());
        assertEquals(2, summary.refused());
        assertEquals(Map.of(IngestException.Kind.MALFORMED_JSON,
                        new ReplaySummary.Refusals(2, file + ":5: gateway payload: not JSON (MALFORMED_JSON)")),
                summary.refusals());
        assertEquals(new ReplaySummary.EventCounts(1, 0), summary.events().get("MESSAGE_CREATE"));
        assertEquals(new ReplaySummary.EventCounts(0, 1), summary.events().get("op 11"));
        assertNull(summary.stoppedAt());
    }

    @Test
    void aLineThatIsNotUtf8IsRefusedAsMalformed() throws IOException {
        Path file = temp.resolve("events.jsonl");
        byte[] bad = {'{', '"', (byte) 0xC3, '"', '}', '\n'};
        Files.write(file, concat(bad, (dispatch("TYPING_START") + "\n").getBytes(StandardCharsets.UTF_8)));

        ReplaySummary summary = replay(file, 0, 1);

        assertEquals(1, summary.applied());
        assertEquals(new ReplaySummary.Refusals(1, file + ":1: gateway payload: not UTF-8 text (MALFORMED_JSON)"),
                summary.refusals().get(IngestException.Kind.MALFORMED_JSON));
    }

    @Test
    void aFolderIsReadInSortedPathOrderOneFilePerPayload() throws IOException {
        Path folder = Files.createDirectories(temp.resolve("dump"));
        Files.writeString(folder.resolve("0002.json"), dispatch("SECOND"));
        Files.writeString(folder.resolve("0001.json"), "\uFEFF" + dispatch("FIRST"));
        Files.writeString(folder.resolve("notes.txt"), "not a payload");
        Files.createDirectories(folder.resolve("0003"));
        Files.writeString(folder.resolve("0003").resolve("a.json"), dispatch("THIRD"));
        Files.writeString(folder.resolve("0004.json"), "{\"op\":0,");

        ReplaySummary summary = replay(folder, 0, 1);

        assertEquals(List.of("FIRST@0/1", "SECOND@0/1", "THIRD@0/1"), ingested);
        assertEquals(new ReplaySummary.Refusals(1, folder.resolve("0004.json")
                        + ": gateway payload: not JSON (MALFORMED_JSON)"),
                summary.refusals().get(IngestException.Kind.MALFORMED_JSON));
    }

    @Test
    void aFailureOtherThanARefusalStopsTheReplayWhereItHappened() throws IOException {
        Path file = temp.resolve("events.jsonl");
        Files.writeString(file, dispatch("A") + "\n" + dispatch("B") + "\n" + dispatch("C") + "\n");
        UncheckedIOException down = new UncheckedIOException(new IOException("disk gone"));
        Replay.Ingester failingOnB = (payload, shardId, shardCount) -> {
            if (payload.contains("\"B\"")) {
                throw down;
            }
            return ingester.ingest(payload, shardId, shardCount);
        };

        ReplaySummary summary;
        try (PayloadSource source = PayloadSource.open(file)) {
            summary = new Replay(failingOnB, 0, 1, Replay.Progress.NONE).run(source);
        }

        assertEquals(List.of("A@0/1"), ingested);
        assertEquals(1, summary.applied());
        assertEquals(file + ":3", summary.stoppedAt(), "the line after the last one read");
        assertSame(down, summary.failure());
        assertEquals(2, Failures.exitCode(summary.failure()));
    }

    @Test
    void theSummaryRendersAsJsonWithoutTheFailureObject() throws IOException {
        Path file = temp.resolve("events.jsonl");
        Files.writeString(file, dispatch("A") + "\nnope\n");
        JsonNode json = JSON.readTree(Json.text(replay(file, 0, 1)));
        assertEquals(1, json.path("applied").asLong());
        assertEquals(1, json.path("refusals").path("MALFORMED_JSON").path("count").asLong());
        assertEquals(file + ":2: gateway payload: not JSON (MALFORMED_JSON)",
                json.path("refusals").path("MALFORMED_JSON").path("firstExample").asText());
        assertEquals(List.of("applied", "events", "eventsPerSecond", "ignored", "payloads", "refusals", "refused",
                "seconds", "stopReason", "stoppedAt"), sortedFieldNames(json));
    }

    private ReplaySummary replay(Path input, int shardId, int shardCount) throws IOException {
        try (PayloadSource source = PayloadSource.open(input)) {
            return new Replay(ingester, shardId, shardCount, Replay.Progress.NONE).run(source);
        }
    }

    private static String dispatch(String event) {
        return "{\"op\":0,\"s\":1,\"t\":\"" + event + "\",\"d\":{}}";
    }

    private static byte[] concat(byte[] first, byte[] second) {
        byte[] both = new byte[first.length + second.length];
        System.arraycopy(first, 0, both, 0, first.length);
        System.arraycopy(second, 0, both, first.length, second.length);
        return both;
    }

    private static List<String> sortedFieldNames(JsonNode json) {
        List<String> names = new ArrayList<>();
        json.fieldNames().forEachRemaining(names::add);
        names.sort(null);
        return names;
    }
}
