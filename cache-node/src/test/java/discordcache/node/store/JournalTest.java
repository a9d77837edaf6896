package discordcache.node.store;

import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JournalTest {
    @TempDir
    Path temp;

    @Test
    void batches_roundTripWithEveryValueKind() throws Exception {
        Object[] row = {1L, 2, true, "text \u00e9 " + "x".repeat(70_000), new long[] {3, 4}, new String[] {"a", "b\"c"},
                null};
        try (Journal journal = new Journal(temp)) {
            journal.append(WriteOp.UPSERT, "users", List.of(row, row));
            journal.append(WriteOp.DELETE, "members", List.<Object[]>of(new Object[] {5L, 6L}));
        }
        List<Path> files = Journal.files(temp);
        assertEquals(1, files.size());
        List<Journal.Batch> batches = Journal.read(files.get(0));
        assertEquals(2, batches.size());
        assertEquals(WriteOp.UPSERT, batches.get(0).op());
        assertEquals("users", batches.get(0).table());
        assertEquals(2, batches.get(0).rows().size());
        Object[] read = batches.get(0).rows().get(1);
        assertEquals(row[0], read[0]);
        assertEquals(row[1], read[1]);
        assertEquals(row[2], read[2]);
        assertEquals(row[3], read[3]);
        assertArrayEquals((long[]) row[4], (long[]) read[4]);
        assertArrayEquals((String[]) row[5], (String[]) read[5]);
        assertEquals(null, read[6]);
        assertEquals(WriteOp.DELETE, batches.get(1).op());
        assertArrayEquals(new Object[] {5L, 6L}, batches.get(1).rows().get(0));
    }

    @Test
    void batchCutShortByACrash_isDroppedAndTheCompleteOnesAreKept() throws Exception {
        try (Journal journal = new Journal(temp)) {
            journal.append(WriteOp.UPSERT, "users", List.<Object[]>of(new Object[] {1L, "a"}));
            journal.append(WriteOp.UPSERT, "users", List.<Object[]>of(new Object[] {2L, "b"}));
        }
        Path file = Journal.files(temp).get(0);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.truncate(channel.size() - 3);
        }
        List<Journal.Batch> batches = Journal.read(file);
        assertEquals(1, batches.size());
        assertEquals(1L, batches.get(0).rows().get(0)[0]);
    }

    @Test
    void zerosLeftAfterTheLastBatchByACrash_areNotABatch() throws Exception {
        try (Journal journal = new Journal(temp)) {
            journal.append(WriteOp.UPSERT, "users", List.<Object[]>of(new Object[] {1L, "a"}));
        }
        Path file = Journal.files(temp).get(0);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
            channel.write(ByteBuffer.allocate(4096));
        }
        List<Journal.Batch> batches = Journal.read(file);
        assertEquals(1, batches.size());
        assertEquals(1L, batches.get(0).rows().get(0)[0]);
    }

    @Test
    void eachReopenAfterAFailureTakesANewFile_neverTruncatingOne() throws Exception {
        Journal journal = new Journal(temp);
        for (int i = 0; i < 5; i++) {
            journal.append(WriteOp.UPSERT, "users", List.<Object[]>of(new Object[] {(long) i, "a"}));
            journal.close(); // as after a failed append: the next append opens a file of its own
        }
        List<Path> files = Journal.files(temp);
        assertEquals(5, files.size(), "one file per open, even within one millisecond");
        for (int i = 0; i < 5; i++) {
            assertEquals((long) i, Journal.read(files.get(i)).get(0).rows().get(0)[0], "files replay in order");
        }
    }

    @Test
    void aJournalWhoseRowsDoNotFitTheTables_isRefusedAtReplayWithoutTouchingTheDatabase() throws Exception {
        try (Journal journal = new Journal(temp)) {
            // A users row as an older schema might have had it: two columns.
            journal.append(WriteOp.UPSERT, "users", List.<Object[]>of(new Object[] {1L, "a"}));
        }
        // The data source points nowhere: the check comes before any write.
        Persistence persistence = new Persistence(nowhere(), temp, Duration.ofSeconds(1),
                Duration.ofSeconds(1), 2, 0);
        IOException refused = assertThrows(IOException.class, persistence::replayJournal);
        assertTrue(refused.getMessage().contains("another version of the cache node"), refused.getMessage());
        assertEquals(1, Journal.files(temp).size(), "the journal is kept");
    }

    @Test
    void zerosInsideABatchWhoseHeaderReachedTheDisk_endTheFile() throws Exception {
        try (Journal journal = new Journal(temp)) {
            journal.append(WriteOp.UPSERT, "users", List.<Object[]>of(new Object[] {1L, "a"}));
        }
        Path file = Journal.files(temp).get(0);
        ByteBuffer header = ByteBuffer.allocate(64);
        header.put((byte) WriteOp.UPSERT.ordinal()).putShort((short) 5).put("users".getBytes()).putInt(3);
        header.flip();
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
            channel.write(header);
            channel.write(ByteBuffer.allocate(4096));
        }
        List<Journal.Batch> batches = Journal.read(file);
        assertEquals(1, batches.size());
    }

    @Test
    void aJournalIsCheckedWholeBeforeAnyOfItIsWritten() throws Exception {
        Object[] fitting = new Object[new UsersTable().rowLength(WriteOp.UPSERT)];
        try (Journal journal = new Journal(temp)) {
            journal.append(WriteOp.UPSERT, "users", List.<Object[]>of(fitting));
            journal.append(WriteOp.UPSERT, "users", List.<Object[]>of(new Object[] {1L, "a"}));
        }
        // Writing the first batch would wait for a database that is not there: the refusal must come first.
        Persistence persistence = new Persistence(nowhere(), temp, Duration.ofSeconds(1),
                Duration.ofSeconds(1), 2, 0);
        assertTimeoutPreemptively(Duration.ofSeconds(20),
                () -> assertThrows(IOException.class, persistence::replayJournal));
    }

    /** A data source whose port nothing listens on. */
    private static PGSimpleDataSource nowhere() {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setServerNames(new String[] {"127.0.0.1"});
        dataSource.setPortNumbers(new int[] {1});
        return dataSource;
    }
}
