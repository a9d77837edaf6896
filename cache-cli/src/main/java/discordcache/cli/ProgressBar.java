package discordcache.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** A one-line text progress bar on standard error, redrawn in place with {@code \r} at most ten times a second. */
final class ProgressBar implements Replay.Progress {
    private static final long REDRAW_NANOS = 100_000_000L;
    private static final int WIDTH = 30;

    private final PrintWriter err;
    private final long startNanos = System.nanoTime();
    private long lastDrawNanos;
    private int lastLength;

    ProgressBar(PrintWriter err) {
        this.err = err;
    }

    /** Whether standard error is a terminal, where redrawing a line in place works. */
    static boolean stderrIsTerminal() {
        try {
            String target = Files.readSymbolicLink(Path.of("/proc/self/fd/2")).toString();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return System.console() != null; // no /proc: a console means both ends are terminals
        }
    }

    @Override
    public void update(long position, long size, long payloads) {
        long now = System.nanoTime();
        if (now - lastDrawNanos >= REDRAW_NANOS) {
            lastDrawNanos = now;
            draw(position, size, payloads, now);
        }
    }

    @Override
    public void finish(long position, long size, long payloads) {
        draw(position, size, payloads, System.nanoTime());
        err.println();
        err.flush();
    }

    private void draw(long position, long size, long payloads, long now) {
        String line = line(position, size, payloads, (now - startNanos) / 1e9);
        // Blank out what is left of a longer previous line.
        err.print("\r" + line + " ".repeat(Math.max(0, lastLength - line.length())));
        err.flush();
        lastLength = line.length();
    }

    /** The bar: {@code [#######.......]  45%  12,345 events  3,210 events/s}. */
    static String line(long position, long size, long payloads, double seconds) {
        double done = size > 0 ? Math.min(1.0, (double) position / size) : 1.0;
        int filled = (int) Math.round(done * WIDTH);
        long rate = seconds > 0 ? Math.round(payloads / seconds) : 0;
        return String.format(Locale.ROOT, "[%s%s] %3d%%  %,d events  %,d events/s", "#".repeat(filled),
                ".".repeat(WIDTH - filled), Math.round(done * 100), payloads, rate);
    }
}
