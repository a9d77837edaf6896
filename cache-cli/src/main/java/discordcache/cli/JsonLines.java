package discordcache.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/** A JSON Lines file: one payload per line, {@code \n} or {@code \r\n} line breaks. Lines are not decoded here. */
final class JsonLines implements PayloadSource {
    private static final int BUFFER_SIZE = 64 * 1024;

    private final Path path;
    private final InputStream in;
    private final long size;
    private final byte[] buffer = new byte[BUFFER_SIZE];
    private int start;
    private int end;
    private long consumed;
    private long lineNumber;

    private JsonLines(Path path, InputStream in, long size) {
        this.path = path;
        this.in = in;
        this.size = size;
    }

    static JsonLines open(Path path) throws IOException {
        return new JsonLines(path, Files.newInputStream(path), Files.size(path));
    }

    @Override
    public Payload next() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        boolean readAny = false;
        while (true) {
            if (start == end) {
                end = in.read(buffer);
                start = 0;
                if (end <= 0) {
                    end = 0;
                    return readAny ? payload(line) : null;
                }
            }
            readAny = true;
            int newline = indexOfNewline();
            int stop = newline < 0 ? end : newline;
            line.write(buffer, start, stop - start);
            consumed += stop - start;
            start = stop;
            if (newline >= 0) {
                start++;
                consumed++;
                return payload(line);
            }
        }
    }

    private int indexOfNewline() {
        for (int i = start; i < end; i++) {
            if (buffer[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    private Payload payload(ByteArrayOutputStream line) {
        lineNumber++;
        byte[] bytes = line.toByteArray();
        int length = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
        return new Payload(path + ":" + lineNumber, length == bytes.length ? bytes : Arrays.copyOf(bytes, length));
    }

    @Override
    public String location() {
        return path + ":" + (lineNumber + 1);
    }

    @Override
    public long position() {
        return consumed;
    }

    @Override
    public long size() {
        return size;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
