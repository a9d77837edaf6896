package discordcache.cli;

import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.util.List;

/** Prints what a list command found: JSON, or the table and a count. */
final class Listing {
    private Listing() {
    }

    /**
     * @param noun what one item is called in the count line ({@code member})
     */
    static void print(CacheCli cli, CommandSpec spec, List<?> items, Table table, String noun) {
        PrintWriter out = spec.commandLine().getOut();
        if (cli.json()) {
            Json.print(out, items);
            return;
        }
        if (!items.isEmpty()) {
            out.print(table.render());
        }
        out.println(items.size() + " " + noun + (items.size() == 1 ? "" : "s"));
        out.flush();
    }
}
