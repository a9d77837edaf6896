package discordcache.cli;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Gateway payloads read from a file or a folder, in replay order, as the bytes stored. */
interface PayloadSource extends Closeable {
    /**
     * One stored payload.
     *
     * @param location where it was read, for messages: {@code events.jsonl:12} or {@code dump/0003.json}
     * @param bytes    the payload as stored, without the line break that ended it
     */
    record Payload(String location, byte[] bytes) {
    }

    /** A folder is read as one payload per {@code .json} file; anything else as JSON Lines. */
    static PayloadSource open(Path path) throws IOException {
        return Files.isDirectory(path) ? JsonFiles.open(path) : JsonLines.open(path);
    }

    /** The next payload, or null after the last. */
    Payload next() throws IOException;

    /** Where the source is now, for the message when reading fails. */
    String location();

    /** How much of the source was read, in the units of {@link #size()}. */
    long position();

    /** How big the source is: bytes of a file, or files of a folder. */
    long size();
}
