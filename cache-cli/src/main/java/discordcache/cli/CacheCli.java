package discordcache.cli;

import discordcache.client.DiscordCache;
import discordcache.client.DiscordCacheConfig;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The {@code cache-cli} command: replays gateway events into the cache and reads what it holds.
 *
 * <pre>{@code
 * java -jar cache-cli.jar --address 10.0.0.5:5701 replay events.jsonl
 * java -jar cache-cli.jar --json get member 81384788765712384:80351110224678912
 * }</pre>
 *
 * <p>Exit codes: 0 when everything went as asked, 1 when a replay refused a payload or a command failed
 * unexpectedly, 2 on bad usage or when the cluster could not be reached.
 */
@Command(name = "cache-cli", scope = ScopeType.INHERIT, mixinStandardHelpOptions = true,
        versionProvider = CacheCli.Version.class, sortOptions = false, usageHelpAutoWidth = true,
        description = "Replays Discord gateway events into the cache and reads what the cache holds.",
        subcommands = {ReplayCommand.class, GetCommand.class, MembersCommand.class, ChannelsCommand.class,
                MessagesCommand.class, StatsCommand.class, CommandLine.HelpCommand.class},
        footer = {"", "Exit codes: 0 done, 1 payloads refused or an unexpected failure, 2 bad usage or no cluster."})
public final class CacheCli {
    /** The environment variable naming the cluster, as the nodes read it. */
    static final String CLUSTER_NAME_ENV = "DCACHE_CLUSTER_NAME";
    /** The environment variable listing member addresses, comma-separated, as the nodes read it. */
    static final String MEMBERS_ENV = "DCACHE_MEMBERS";

    @Spec
    private CommandSpec spec;

    @Option(names = "--cluster", paramLabel = "NAME", scope = ScopeType.INHERIT,
            description = "Cluster name of the cache nodes (default: $" + CLUSTER_NAME_ENV + ", else discord-cache).")
    private String clusterName;

    @Option(names = "--address", paramLabel = "HOST:PORT", split = ",", converter = Addresses.class,
            scope = ScopeType.INHERIT,
            description = "A cache node to connect to; repeat it or separate with commas "
                    + "(default: $" + MEMBERS_ENV + ", else 127.0.0.1:5701).")
    private List<String> addresses;

    @Option(names = "--connect-timeout", paramLabel = "SECONDS", scope = ScopeType.INHERIT,
            description = "How long to try to reach the cluster before giving up (default: 10).")
    private Integer connectTimeoutSeconds;

    @Option(names = "--json", scope = ScopeType.INHERIT, description = "Print JSON instead of tables.")
    private boolean json;

    private final Map<String, String> env;

    /** @param env the environment to read connection defaults from (normally {@link System#getenv()}) */
    public CacheCli(Map<String, String> env) {
        this.env = Map.copyOf(env);
    }

    /** Runs the command line and exits with its exit code. */
    public static void main(String[] args) {
        System.exit(commandLine(System.getenv()).execute(args));
    }

    /** The command line, ready to {@link CommandLine#execute execute}, reading defaults from {@code env}. */
    public static CommandLine commandLine(Map<String, String> env) {
        return new CommandLine(new CacheCli(env))
                .setExecutionExceptionHandler(new Failures());
    }

    /** Whether to print JSON rather than tables. */
    boolean json() {
        return json;
    }

    /**
     * The connection settings: the options when given, else the environment, else the client's defaults.
     *
     * @throws CommandLine.ParameterException when a setting is invalid
     */
    DiscordCacheConfig config() {
        // A command reads each entity once and may write many: near caches would only follow every invalidation.
        DiscordCacheConfig.Builder builder = DiscordCacheConfig.builder().withoutNearCaches();
        String cluster = clusterName != null ? clusterName : env.get(CLUSTER_NAME_ENV);
        if (cluster != null && !cluster.isBlank()) {
            builder.clusterName(cluster.strip());
        }
        List<String> members = addresses != null && !addresses.isEmpty() ? addresses : membersFromEnv();
        if (!members.isEmpty()) {
            builder.addresses(members.toArray(String[]::new));
        }
        if (connectTimeoutSeconds != null) {
            if (connectTimeoutSeconds < 1) {
                throw new CommandLine.ParameterException(spec.commandLine(),
                        "--connect-timeout must be at least 1 second, was " + connectTimeoutSeconds);
            }
            builder.connectTimeout(Duration.ofSeconds(connectTimeoutSeconds));
        }
        return builder.build();
    }

    private List<String> membersFromEnv() {
        String members = env.get(MEMBERS_ENV);
        if (members == null || members.isBlank()) {
            return List.of();
        }
        return Arrays.stream(members.split(",")).map(String::strip).filter(member -> !member.isEmpty())
                .map(member -> {
                    try {
                        return Addresses.check(member);
                    } catch (IllegalArgumentException e) {
                        throw new CommandLine.ParameterException(spec.commandLine(),
                                MEMBERS_ENV + ": " + e.getMessage());
                    }
                })
                .toList();
    }

    /**
     * Connects to the cluster.
     *
     * @throws discordcache.client.CacheUnavailableException when no node answers within the connect timeout
     */
    DiscordCache connect() {
        return DiscordCache.connect(config());
    }

    /** The version of the running jar, from its manifest. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = CacheCli.class.getPackage().getImplementationVersion();
            return new String[] {"cache-cli " + (version == null ? "(development build)" : version)};
        }
    }
}
