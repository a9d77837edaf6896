package discordcache.cli;

import discordcache.client.ClusterStats;
import discordcache.client.DiscordCache;
import discordcache.model.CacheMap;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code stats}: entries and pending writes per map, and the dead letters. */
@Command(name = "stats", description = {"Prints, per map, the entries in the cluster's memory and the changes "
        + "waiting for write-behind, and the rows PostgreSQL refused (dead letters).",
        "Counted by the cluster, not this client's near cache. Bounded or lazily loaded maps (messages) may have "
                + "more entries in PostgreSQL than in memory."})
final class StatsCommand implements Callable<Integer> {
    /**
     * What {@code --json} prints.
     *
     * @param entriesInMemory       entries per map, in the cluster's memory
     * @param pendingWrites         changes per map waiting for write-behind to store them in PostgreSQL
     * @param writeBehindQueueDepth all the pending writes
     * @param deadLetters           rows PostgreSQL refused, kept in the dead_letters table; -1 when no node could
     *                              count them
     */
    record Stats(Map<String, Long> entriesInMemory, Map<String, Long> pendingWrites, long writeBehindQueueDepth,
                 long deadLetters) {
    }

    @ParentCommand
    private CacheCli cli;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        ClusterStats cluster;
        try (DiscordCache cache = cli.connect()) {
            cluster = cache.admin().clusterStats();
        }
        Map<String, Long> entries = new LinkedHashMap<>();
        Map<String, Long> pending = new LinkedHashMap<>();
        for (CacheMap<?, ?> map : CacheMap.all()) {
            entries.put(map.name(), cluster.map(map).entries());
            pending.put(map.name(), cluster.map(map).pendingWrites());
        }
        long depth = pending.values().stream().mapToLong(Long::longValue).sum();
        print(new Stats(entries, pending, depth, cluster.deadLetters()), spec.commandLine().getOut());
        return 0;
    }

    private void print(Stats stats, PrintWriter out) {
        if (cli.json()) {
            Json.print(out, stats);
            return;
        }
        Table table = Table.of("MAP", "ENTRIES_IN_MEMORY", "PENDING_WRITES");
        stats.entriesInMemory().forEach((map, entries) -> table.row(map, entries, stats.pendingWrites().get(map)));
        out.print(table.render());
        out.println();
        out.println("write-behind queue depth: " + stats.writeBehindQueueDepth());
        out.println("dead letters: " + (stats.deadLetters() < 0 ? "unknown (no node could count them)"
                : stats.deadLetters() + " (see the dead_letters table in PostgreSQL)"));
        out.flush();
    }
}
