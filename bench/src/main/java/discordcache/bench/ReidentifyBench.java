package discordcache.bench;

import discordcache.client.DiscordCache;
import discordcache.ingest.GatewayIngester;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A re-identify: a storm of GUILD_CREATEs of a realistic size mix, then the same storm again, as a gateway that cannot
 * RESUME receives every guild again. For each: members per second from the raw JSON to acknowledged by the cluster,
 * and the rows PostgreSQL wrote (its own statistics, once write-behind has stored everything). The node runs in a JVM
 * of its own.
 *
 * <pre>bench/run.sh ReidentifyBench [rounds] [guilds per storm] [gateway threads]</pre>
 */
public final class ReidentifyBench {
    /** CPU time of the bench JVM and of the node since it was made. */
    private static final class Cpu {
        private final long node;
        private final long nodeBefore;
        private final long benchBefore;

        Cpu(long node) {
            this.node = node;
            this.nodeBefore = Bench.cpuNanos(node);
            this.benchBefore = Bench.cpuNanos(ProcessHandle.current().pid());
        }

        String perMember(long members) {
            return String.format("CPU per member %.1f µs gateway + %.1f µs node",
                    (Bench.cpuNanos(ProcessHandle.current().pid()) - benchBefore) / 1e3 / members,
                    (Bench.cpuNanos(node) - nodeBefore) / 1e3 / members);
        }
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        int guilds = args.length > 1 ? Integer.parseInt(args[1]) : 2_000;
        int threads = args.length > 2 ? Integer.parseInt(args[2]) : 4;
        int port = NodeProcess.freePort();
        Map<String, String> env = BenchEnvironment.singleNode("reidentify", port);
        List<String> lines = new ArrayList<>();
        try (NodeProcess node = NodeProcess.start("reidentify-node", env, "4g");
             DiscordCache cache = DiscordCache.connect(Bench.gateway(env.get("DCACHE_CLUSTER_NAME"), port))) {
            GatewayIngester ingester = GatewayIngester.create(cache);
            GuildPayloads payloads = new GuildPayloads(11, 1, 200_000, 20_000);
            // Warm-up (JIT of both JVMs, connections, schemas): three storms of their own, each sent twice.
            for (int warmUp = 0; warmUp < 3; warmUp++) {
                List<GuildPayloads.Guild> storm = new ArrayList<>();
                for (int g = 0; g < 1_000; g++) {
                    storm.add(payloads.next());
                }
                Bench.timed(storm, threads, guild -> ingester.ingest(guild.payload(), 0, 1));
                Bench.awaitWriteBehind(cache);
                Bench.timed(storm, threads, guild -> ingester.ingest(guild.payload(), 0, 1));
            }
            String jdbcUrl = env.get("DCACHE_JDBC_URL");
            for (int round = 1; round <= rounds; round++) {
                List<GuildPayloads.Guild> storm = new ArrayList<>();
                for (int g = 0; g < guilds; g++) {
                    storm.add(payloads.next());
                }
                long members = storm.stream().mapToLong(GuildPayloads.Guild::members).sum();
                long rowsBefore = Bench.rowsWrittenOnceStored(cache, jdbcUrl);
                Cpu firstCpu = new Cpu(node.pid());
                double first = Bench.timed(storm, threads, guild -> ingester.ingest(guild.payload(), 0, 1));
                String firstCost = firstCpu.perMember(members);
                long rowsFirst = Bench.rowsWrittenOnceStored(cache, jdbcUrl) - rowsBefore;
                Cpu secondCpu = new Cpu(node.pid());
                double second = Bench.timed(storm, threads, guild -> ingester.ingest(guild.payload(), 0, 1));
                String secondCost = secondCpu.perMember(members);
                long rowsSecond = Bench.rowsWrittenOnceStored(cache, jdbcUrl) - rowsBefore - rowsFirst;
                String line = String.format("round %d, %,d guilds, %,d members, %d threads: first storm %,.0f "
                                + "members/s (%s), %,d rows written; again %,.0f members/s (%s), %,d rows written; "
                                + "rows %.4f of the first, speed %.2fx", round, guilds, members, threads,
                        members / first, firstCost, rowsFirst, members / second, secondCost, rowsSecond,
                        rowsSecond / (double) rowsFirst, first / second);
                System.out.println(line);
                lines.add(line);
            }
        }
        Bench.printResultsAndExit(lines);
    }
}
