package discordcache.cli;

import discordcache.model.ClientStatus;
import discordcache.model.Snowflakes;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Aligned plain-text tables: padded columns, numbers to the right, one line per row whatever the values. */
class TableTest {
    @Test
    void columnsAreAlignedAndNumbersRightAligned() {
        String table = Table.of("ID", "NAME", "POSITION")
                .row(1L, "general", 0)
                .row(123456L, "a", 12)
                .render();
        assertEquals("""
                    ID  NAME     POSITION
                     1  general         0
                123456  a              12
                """, table);
    }

    @Test
    void aColumnWithANonNumberIsLeftAlignedAndNoLineEndsInSpaces() {
        String table = Table.of("PARENT_ID", "NICK")
                .row(5L, null)
                .row(null, "x")
                .render();
        assertEquals("""
                PARENT_ID  NICK
                5          -
                -          x
                """, table);
    }

    @Test
    void anEmptyTableIsItsHeader() {
        assertEquals("MAP  ENTRIES\n", Table.of("MAP", "ENTRIES").render());
    }

    @Test
    void cellsStayOnOneLine() {
        assertEquals("line one\\nline two\\ttab\\u0007", Cells.text("line one\nline two\ttab\u0007"));
        assertEquals("1,2,3", Cells.text(Snowflakes.of(1, 2, 3)));
        assertEquals("", Cells.text(Snowflakes.empty()));
        assertEquals("2026-01-02T03:04:05Z", Cells.text(Instant.parse("2026-01-02T03:04:05Z")));
        assertEquals("a,b", Cells.text(List.of("a", "b")));
        assertEquals("desktop=online mobile=- web=-", Cells.text(new ClientStatus("online", null, null)));
        assertEquals("2 entries (--json shows them)",
                Cells.text(List.of(new ClientStatus(null, null, null), new ClientStatus(null, null, null))));
    }

    @Test
    void widthsCountCharactersNotUtf16Units() {
        assertEquals("""
                NAME  N
                😀     1
                ab    2
                """, Table.of("NAME", "N").row("😀", 1).row("ab", 2).render());
    }

    @Test
    void longTextIsCutWithAnEllipsis() {
        assertEquals("abc", Cells.truncate("abc", 3));
        assertEquals("ab…", Cells.truncate("abcd", 3));
        assertEquals("a\\…", Cells.truncate("a\nbcd", 3));
    }

    @Test
    void rowsNeedOneCellPerColumn() {
        assertThrows(IllegalArgumentException.class, () -> Table.of("A", "B").row("only one"));
    }
}
