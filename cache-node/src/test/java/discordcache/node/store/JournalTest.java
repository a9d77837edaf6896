package discordcache.node.store;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

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
}
