package discordcache.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/** A folder of {@code .json} files, each one payload, read in sorted path order (subfolders included). */
final class JsonFiles implements PayloadSource {
    private final List<Path> files;
    private int next;

    private JsonFiles(List<Path> files) {
        this.files = files;
    }

    static JsonFiles open(Path folder) throws IOException {
        try (Stream<Path> paths = Files.walk(folder)) {
            return new JsonFiles(paths
                    .filter(path -> path.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".json"))
                    .filter(Files::isRegularFile)
                    .sorted()
                    .toList());
        }
    }

    @Override
    public Payload next() throws IOException {
        if (next == files.size()) {
            return null;
        }
        Path file = files.get(next);
        byte[] bytes = Files.readAllBytes(file);
        next++;
        return new Payload(file.toString(), bytes);
    }

    @Override
    public String location() {
        return next < files.size() ? files.get(next).toString() : "the end of the folder";
    }

    @Override
    public long position() {
        return next;
    }

    @Override
    public long size() {
        return files.size();
    }

    @Override
    public void close() {
        // Each file is closed as soon as it was read.
    }
}
