package discordcache.node.store;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The local file that pending writes are spilled to when a node must stop while PostgreSQL is unreachable,
 * and that the next start replays into PostgreSQL before the node serves.
 *
 * <p>A journal file holds batches in the order they were spilled: the operation, the table, and the rows as
 * plain column values. Replaying them through the same version-guarded statements is safe even when some of
 * them reached PostgreSQL by another way meanwhile, with one exception: deletes carry no version, so replaying
 * one removes a row that was written again since the stop. Every batch is forced to disk before the store
 * reports it stored, and a file is deleted only after every batch in it was written to PostgreSQL.
 */
final class Journal implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Journal.class);
    private static final int MAGIC = 0x44434a31; // "DCJ1"
    private static final String SUFFIX = ".journal";

    record Batch(WriteOp op, String table, List<Object[]> rows) {
    }

    private final Path directory;
    private int filesOpened;
    private FileChannel file;
    private DataOutputStream out;
    private Path path;
    private long rowsWritten;

    Journal(Path directory) {
        this.directory = directory;
    }

    /**
     * Appends one batch and forces it to disk before returning, since the caller then counts it as stored. The
     * first append creates the file. A batch that cannot be written whole leaves the file as it was before it:
     * the file is closed and the next append starts a new one.
     */
    synchronized void append(WriteOp op, String table, List<Object[]> rows) {
        byte[] batch = encode(op, table, rows);
        try {
            if (out == null) {
                open();
            }
            out.write(batch);
            out.flush();
            file.force(true);
            rowsWritten += rows.size();
        } catch (IOException e) {
            closeAfterFailure();
            throw new UncheckedIOException("Cannot write the journal " + path
                    + ": pending writes cannot be saved; free disk space or fix permissions of " + directory, e);
        }
    }

    private void open() throws IOException {
        Files.createDirectories(directory);
        // CREATE_NEW: a name already taken (two opens in one millisecond, a clock set back, a container's pid 1
        // again) must never truncate a file of batches already reported stored.
        while (true) {
            path = directory.resolve(String.format("spill-%d-%d-%03d%s", System.currentTimeMillis(),
                    ProcessHandle.current().pid(), filesOpened++, SUFFIX));
            try {
                file = FileChannel.open(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                break;
            } catch (FileAlreadyExistsException taken) {
                LOG.warn("Journal file {} exists already; taking another name", path);
            }
        }
        out = new DataOutputStream(new BufferedOutputStream(Channels.newOutputStream(file), 1 << 16));
        out.writeInt(MAGIC);
        out.flush();
        file.force(true);
        // The new file's name must survive a crash too.
        try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ)) {
            dir.force(true);
        }
        LOG.warn("Spilling pending writes to the journal {}", path);
    }

    private void closeAfterFailure() {
        try {
            if (file != null) {
                file.close();
            }
        } catch (IOException ignored) {
            // the file is given up; what it holds up to the last complete batch is still replayed
        }
        out = null;
        file = null;
    }

    private static byte[] encode(WriteOp op, String table, List<Object[]> rows) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 + rows.size() * 128);
        try (DataOutputStream batch = new DataOutputStream(bytes)) {
            batch.writeByte(op.ordinal());
            batch.writeUTF(table);
            batch.writeInt(rows.size());
            for (Object[] row : rows) {
                batch.writeInt(row.length);
                for (Object value : row) {
                    writeValue(batch, value);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** Rows appended since this journal was opened. */
    synchronized long rowsWritten() {
        return rowsWritten;
    }

    /** Forces the file to disk and closes it. */
    @Override
    public synchronized void close() throws IOException {
        if (out != null) {
            try (DataOutputStream closing = out) {
                closing.flush();
                file.force(true);
            } finally {
                out = null;
            }
            LOG.warn("Journal {} closed with {} rows; the next start replays it", path, rowsWritten);
        }
    }

    /** The journal files in {@code directory}, oldest first. */
    static List<Path> files(Path directory) throws IOException {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (Stream<Path> paths = Files.list(directory)) {
            return paths.filter(p -> p.getFileName().toString().endsWith(SUFFIX)).sorted().toList();
        }
    }

    /**
     * The batches of one journal file. A batch cut short by a crash while spilling ends the list with a warning:
     * everything before it is complete.
     */
    static List<Batch> read(Path journal) throws IOException {
        List<Batch> batches = new ArrayList<>();
        try (InputStream stream = Files.newInputStream(journal);
             DataInputStream in = new DataInputStream(new BufferedInputStream(stream, 1 << 16))) {
            if (in.readInt() != MAGIC) {
                throw new IOException(journal + " is not a cache-node journal file");
            }
            while (true) {
                int op = in.read();
                if (op < 0) {
                    return batches;
                }
                if (op >= WriteOp.values().length) {
                    throw new IOException(journal + " holds an unknown operation " + op + "; it is damaged or was"
                            + " written by another version of the cache node");
                }
                try {
                    String table = in.readUTF();
                    if (table.isEmpty()) {
                        // No batch names no table: this is a tail the file system zero-filled after a crash, past
                        // the last batch that was forced to disk.
                        return tornTail(journal, "zeros", batches);
                    }
                    int count = in.readInt();
                    List<Object[]> rows = new ArrayList<>(count);
                    for (int r = 0; r < count; r++) {
                        int length = in.readInt();
                        if (length <= 0) {
                            // No row is empty: zeros again, inside a batch whose header reached the disk.
                            return tornTail(journal, "a batch whose rows are zeros", batches);
                        }
                        Object[] row = new Object[length];
                        for (int c = 0; c < row.length; c++) {
                            row[c] = readValue(in);
                        }
                        rows.add(row);
                    }
                    batches.add(new Batch(WriteOp.values()[op], table, rows));
                } catch (EOFException cutShort) {
                    return tornTail(journal, "a batch cut short", batches);
                }
            }
        }
    }

    /** The batches before a tail that a crash while spilling left incomplete; everything before it is whole. */
    private static List<Batch> tornTail(Path journal, String tail, List<Batch> batches) {
        LOG.warn("Journal {} ends in {} (the node died while spilling); replaying the {} complete batches before it",
                journal, tail, batches.size());
        return batches;
    }

    private static void writeValue(DataOutputStream out, Object value) throws IOException {
        if (value == null) {
            out.writeByte(0);
        } else if (value instanceof Long l) {
            out.writeByte(1);
            out.writeLong(l);
        } else if (value instanceof Integer i) {
            out.writeByte(2);
            out.writeInt(i);
        } else if (value instanceof Boolean b) {
            out.writeByte(3);
            out.writeBoolean(b);
        } else if (value instanceof String s) {
            out.writeByte(4);
            writeString(out, s);
        } else if (value instanceof long[] longs) {
            out.writeByte(5);
            out.writeInt(longs.length);
            for (long l : longs) {
                out.writeLong(l);
            }
        } else if (value instanceof String[] strings) {
            out.writeByte(6);
            out.writeInt(strings.length);
            for (String s : strings) {
                writeString(out, s);
            }
        } else {
            throw new IllegalArgumentException("A row holds a " + value.getClass() + ", which rows never hold");
        }
    }

    private static Object readValue(DataInputStream in) throws IOException {
        int tag = in.readByte();
        return switch (tag) {
            case 0 -> null;
            case 1 -> in.readLong();
            case 2 -> in.readInt();
            case 3 -> in.readBoolean();
            case 4 -> readString(in);
            case 5 -> {
                long[] longs = new long[in.readInt()];
                for (int i = 0; i < longs.length; i++) {
                    longs[i] = in.readLong();
                }
                yield longs;
            }
            case 6 -> {
                String[] strings = new String[in.readInt()];
                for (int i = 0; i < strings.length; i++) {
                    strings[i] = readString(in);
                }
                yield strings;
            }
            default -> throw new IOException("Unknown value tag " + tag + " in a journal file");
        };
    }

    // writeUTF stops at 64 KiB; message content and embeds can be longer.
    private static void writeString(DataOutputStream out, String s) throws IOException {
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    private static String readString(DataInputStream in) throws IOException {
        byte[] bytes = new byte[in.readInt()];
        in.readFully(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
