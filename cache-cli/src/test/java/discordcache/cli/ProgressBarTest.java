package discordcache.cli;

import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The progress line: share done, events so far and their rate, redrawn in place. */
class ProgressBarTest {
    @Test
    void theLineShowsTheShareDoneAndTheRate() {
        assertEquals("[###############...............]  50%  12,345 events  6,173 events/s",
                ProgressBar.line(500, 1000, 12_345, 2.0));
        assertEquals("[..............................]   0%  0 events  0 events/s", ProgressBar.line(0, 10, 0, 0));
        assertEquals("[##############################] 100%  3 events  3 events/s", ProgressBar.line(0, 0, 3, 1.0));
    }

    @Test
    void finishingRedrawsInPlaceAndEndsTheLine() {
        StringWriter err = new StringWriter();
        ProgressBar bar = new ProgressBar(new PrintWriter(err));
        bar.finish(10, 10, 10);
        assertTrue(err.toString().startsWith("\r[##############################] 100%  10 events"), err.toString());
        assertTrue(err.toString().endsWith(System.lineSeparator()), err.toString());
    }
}
