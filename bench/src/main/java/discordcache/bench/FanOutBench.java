package discordcache.bench;

import discordcache.client.DiscordCache;
import discordcache.ingest.GatewayIngester;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * GUILD_CREATE ingestion (1,000 new guilds of 100 members, 4 gateway threads) while bots with near caches are
 * connected from another JVM, against the rate with none right before and right after. Each count of bots is run twice: with
 * the invalidation streams (DiscordCache clients), and with one entry listener per map and bot, what near caches
 * registered before the streams; and 16 bots without near caches (idle: what their JVM costs by being there). The
 * node, the gateway and the bots each run in a JVM of their own on the same cores, so the bots' own CPU counts
 * against the rate too. Before each measurement, four times as many guilds warm the bots' JVM up (in a short-lived
 * JVM, the JIT compiler took over a third of the bots' CPU).
 *
 * <pre>bench/run.sh FanOutBench [rounds] [bots,bots,...] [modes]</pre> (default: 2 rounds of 4 and 16 bots, every
 * mode; modes: streams, listeners, idle)
 * Extra JVM options of the bots (a profiler agent, say): DCACHE_BENCH_BOTS_JVM_OPTS.
 */
public final class FanOutBench {
    private static final int GUILDS = 1_000;
    private static final int MEMBERS = 100;
    private static final int THREADS = 4;
    private static final int WARM_UP_ROUNDS = 5;
    /** Rounds of as many guilds as measured that warm a bots' JVM up before it is measured. */
    private static final int BOTS_WARM_UP_ROUNDS = 4;

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 2;
        int[] botCounts = args.length > 1 ? Arrays.stream(args[1].split(",")).mapToInt(Integer::parseInt).toArray()
                : new int[] {4, 16};
        List<String> onlyModes = args.length > 2 ? List.of(args[2].split(",")) : List.of();
        int port = NodeProcess.freePort();
        Map<String, String> env = BenchEnvironment.singleNode("fan-out", port);
        String cluster = env.get("DCACHE_CLUSTER_NAME");
        List<String> lines = new ArrayList<>();
        try (NodeProcess node = NodeProcess.start("fan-out-node", env, "6g");
             DiscordCache cache = DiscordCache.connect(Bench.gateway(cluster, port))) {
            GatewayIngester ingester = GatewayIngester.create(cache);
            GuildPayloads payloads = new GuildPayloads(31, 1, 10_000_000, MEMBERS);
            for (int warmUp = 0; warmUp < WARM_UP_ROUNDS; warmUp++) {
                ingest(ingester, payloads, 300);
                Bench.awaitWriteBehind(cache);
            }
            for (int round = 1; round <= rounds; round++) {
                for (int bots : botCounts) {
                    for (String mode : modes(bots, botCounts)) {
                        if (!onlyModes.isEmpty() && !onlyModes.contains(mode)) {
                            continue;
                        }
                        // The machine's speed drifts by half within minutes: each run with bots is compared with
                        // runs without any, right before and right after it.
                        double before = GUILDS * MEMBERS / ingest(ingester, payloads, GUILDS);
                        Bench.awaitWriteBehind(cache);
                        double rate;
                        double nodeCpuPerMember;
                        double botsCpuPerMember;
                        try (Bots running = Bots.start(cluster, port, bots, mode)) {
                            for (int warmUp = 0; warmUp < BOTS_WARM_UP_ROUNDS; warmUp++) {
                                ingest(ingester, payloads, GUILDS); // the bots' JIT, as in a bot that runs for long
                                Bench.awaitWriteBehind(cache);
                            }
                            long nodeCpu = Bench.cpuNanos(node.pid());
                            long botsCpu = Bench.cpuNanos(running.pid());
                            rate = GUILDS * MEMBERS / ingest(ingester, payloads, GUILDS);
                            nodeCpuPerMember = (Bench.cpuNanos(node.pid()) - nodeCpu) / 1_000.0 / (GUILDS * MEMBERS);
                            botsCpuPerMember = (Bench.cpuNanos(running.pid()) - botsCpu) / 1_000.0
                                    / (GUILDS * MEMBERS);
                        }
                        Bench.awaitWriteBehind(cache);
                        double after = GUILDS * MEMBERS / ingest(ingester, payloads, GUILDS);
                        Bench.awaitWriteBehind(cache);
                        String line = String.format("round %d, %2d bots (%s): %,.0f members/s; without bots before "
                                        + "and after: %,.0f and %,.0f; ratio %.2f; CPU per member: node %.1f µs, bots "
                                        + "%.1f µs", round, bots, mode, rate, before, after, rate / ((before + after) / 2),
                                nodeCpuPerMember, botsCpuPerMember);
                        System.out.println(line);
                        lines.add(line);
                    }
                }
            }
        }
        Bench.printResultsAndExit(lines);
    }

    /** What each count of bots runs: streams and listeners, and idle for the largest count. */
    private static List<String> modes(int bots, int[] botCounts) {
        return bots == Arrays.stream(botCounts).max().orElse(0) ? List.of("idle", "streams", "listeners")
                : List.of("streams", "listeners");
    }

    /** Ingests {@code count} new guilds; answers the seconds it took. */
    private static double ingest(GatewayIngester ingester, GuildPayloads payloads, int count) throws Exception {
        List<GuildPayloads.Guild> guilds = new ArrayList<>(count);
        for (int g = 0; g < count; g++) {
            guilds.add(payloads.next(MEMBERS));
        }
        return Bench.timed(guilds, THREADS, guild -> ingester.ingest(guild.payload(), 0, 1));
    }

    /** The bots' JVM ({@link FanOutBots}); closing its standard input ends it. */
    private record Bots(Process process) implements AutoCloseable {
        static Bots start(String cluster, int port, int count, String mode) throws IOException,
                InterruptedException {
            Path target = Files.isDirectory(Path.of("bench", "target")) ? Path.of("bench", "target") : Path.of("target");
            Path log = target.resolve("bots-" + count + "-" + mode + ".log");
            List<String> options = new ArrayList<>(List.of("-Xmx2g", "-XX:+UseG1GC",
                    "-Dhazelcast.phone.home.enabled=false"));
            String extra = System.getenv().getOrDefault("DCACHE_BENCH_BOTS_JVM_OPTS", "").strip();
            if (!extra.isEmpty()) {
                options.addAll(Arrays.asList(extra.split("\\s+")));
            }
            Process process = new ProcessBuilder(NodeProcess.javaCommand(options, FanOutBots.class.getName(), cluster,
                    "127.0.0.1:" + port, Integer.toString(count), mode))
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly));
            while (!Files.readString(log, StandardCharsets.UTF_8).contains("READY")) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("The bots exited with " + process.exitValue() + "; see " + log);
                }
                Thread.sleep(100);
            }
            // The bots' near caches are trusted once every member reported (a TICK a second) and the grace passed.
            Thread.sleep(3_000);
            return new Bots(process);
        }

        long pid() {
            return process.pid();
        }

        @Override
        public void close() throws IOException, InterruptedException {
            process.getOutputStream().close();
            process.waitFor();
        }
    }
}
