package discordcache.cli;

import discordcache.client.DiscordCache;
import discordcache.ingest.GatewayIngester;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code replay FILE|DIR}: applies recorded gateway payloads to the cache, in order. */
@Command(name = "replay", description = {
        "Applies recorded gateway payloads ({\"op\",\"d\",\"s\",\"t\"} envelopes) to the cache, in order.",
        "FILE is JSON Lines: one payload per line, blank lines skipped. DIR holds one payload per .json file "
                + "(subfolders included), applied in sorted path order.",
        "A refused payload is counted and reported, and the replay goes on; the exit code is then 1."})
final class ReplayCommand implements Callable<Integer> {
    @ParentCommand
    private CacheCli cli;

    @Spec
    private CommandSpec spec;

    @Parameters(paramLabel = "FILE|DIR", description = "A JSON Lines file, or a folder of .json files.")
    private Path input;

    @Option(names = "--shard", paramLabel = "N", defaultValue = "0",
            description = "The shard that received the payloads (default: ${DEFAULT-VALUE}).")
    private int shardId;

    @Option(names = "--shards", paramLabel = "M", defaultValue = "1",
            description = "How many shards the bot runs (default: ${DEFAULT-VALUE}).")
    private int shardCount;

    @Option(names = "--progress",
            description = "Draw the progress bar on standard error even when it is not a terminal.")
    private boolean progress;

    @Override
    public Integer call() throws IOException {
        if (!Files.isReadable(input)) {
            throw usage("cannot read '" + input + "': no such file or folder, or no permission");
        }
        if (shardCount < 1 || shardId < 0 || shardId >= shardCount) {
            throw usage("shard " + shardId + " of " + shardCount + " does not exist; give --shard N and --shards M "
                    + "with 0 <= N < M, e.g. --shard 3 --shards 16");
        }
        ReplaySummary summary;
        try (PayloadSource source = PayloadSource.open(input); DiscordCache cache = cli.connect()) {
            GatewayIngester ingester = GatewayIngester.create(cache);
            Replay.Progress bar = progress || ProgressBar.stderrIsTerminal()
                    ? new ProgressBar(spec.commandLine().getErr()) : Replay.Progress.NONE;
            summary = new Replay(ingester::ingest, shardId, shardCount, bar).run(source);
        }
        print(summary, spec.commandLine().getOut());
        if (summary.failure() != null) {
            Failures.logIfUnexpected(summary.failure());
            return Failures.exitCode(summary.failure());
        }
        return summary.refused() > 0 ? Failures.FAILED : 0;
    }

    private CommandLine.ParameterException usage(String message) {
        return new CommandLine.ParameterException(spec.commandLine(), message);
    }

    private void print(ReplaySummary summary, PrintWriter out) {
        if (cli.json()) {
            Json.print(out, summary);
            return;
        }
        out.printf(Locale.ROOT, "Replayed %,d payloads in %.1f s (%,.0f events/s): %,d applied, %,d ignored, "
                        + "%,d refused.%n", summary.payloads(), summary.seconds(), summary.eventsPerSecond(),
                summary.applied(), summary.ignored(), summary.refused());
        if (!summary.events().isEmpty()) {
            Table events = Table.of("EVENT", "APPLIED", "IGNORED");
            summary.events().forEach((event, counts) -> events.row(event, counts.applied(), counts.ignored()));
            out.print("\n" + events.render());
        }
        if (!summary.refusals().isEmpty()) {
            Table refusals = Table.of("REFUSED", "COUNT", "FIRST_EXAMPLE");
            summary.refusals().forEach((kind, refused) -> refusals.row(kind, refused.count(), refused.firstExample()));
            out.print("\n" + refusals.render());
        }
        if (summary.stoppedAt() != null) {
            out.println("\nStopped at " + summary.stoppedAt() + ", before the end; the payloads before it were "
                    + "applied. " + summary.stopReason());
        }
        out.flush();
    }
}
