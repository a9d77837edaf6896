package discordcache.cli;

import discordcache.client.DiscordCacheConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Bad arguments end with exit code 2 and a message saying what to type instead, before anything connects. */
class ArgumentsTest {
    @TempDir
    Path temp;

    @Test
    void helpListsTheCommandsAndExitsWithZero() {
        Run run = Run.of("--help");
        assertEquals(0, run.exitCode(), run.err());
        for (String command : List.of("replay", "get", "members", "channels", "messages", "stats")) {
            assertTrue(run.out().contains(command), command + " in\n" + run.out());
        }
    }

    @Test
    void aMissingCommandIsAUsageError() {
        assertUsageError(Run.of(), "Missing required subcommand");
    }

    @Test
    void anUnknownCommandIsAUsageErrorWithASuggestion() {
        Run run = Run.of("replya", "events.jsonl");
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("Did you mean: cache-cli replay?"), run.err());
    }

    @Test
    void anUnknownEntityListsTheKnownOnes() {
        assertUsageError(Run.of("get", "role", "1"),
                "unknown entity 'role'; use one of user, guild, channel, thread, member, message, presence");
    }

    @Test
    void aMemberKeyNeedsBothIds() {
        assertUsageError(Run.of("get", "member", "81384788765712384"),
                "member key: expected GUILD_ID:USER_ID, got '81384788765712384'");
        assertUsageError(Run.of("get", "message", "1:x"), "MESSAGE_ID of '1:x': 'x' is not a Discord id");
    }

    @Test
    void getNeedsAKey() {
        assertUsageError(Run.of("get", "user"), "Missing required parameter: 'KEY'");
    }

    @Test
    void idsMustBeSnowflakes() {
        assertUsageError(Run.of("members", "abc"), "'abc' is not a Discord id");
        assertUsageError(Run.of("channels", "-5"), "'-5' is not a Discord id");
    }

    @Test
    void theMessageLimitIsBounded() {
        assertUsageError(Run.of("messages", "1", "--limit", "0"), "--limit must be between 1 and 1000, was 0");
        assertUsageError(Run.of("messages", "1", "--limit", "1001"), "--limit must be between 1 and 1000");
    }

    @Test
    void replayNeedsAnExistingInput() {
        assertUsageError(Run.of("replay", temp.resolve("missing.jsonl").toString()),
                "cannot read '" + temp.resolve("missing.jsonl") + "'");
    }

    @Test
    void replayNeedsAShardThatExists() throws IOException {
        Path file = Files.writeString(temp.resolve("events.jsonl"), "");
        assertUsageError(Run.of("replay", file.toString(), "--shard", "3"),
                "shard 3 of 1 does not exist; give --shard N and --shards M with 0 <= N < M");
        assertUsageError(Run.of("replay", file.toString(), "--shard", "0", "--shards", "0"), "shard 0 of 0");
    }

    @Test
    void addressesMustBeHostAndPort() {
        assertUsageError(Run.of("--address", "127.0.0.1:57o1", "stats"),
                "'127.0.0.1:57o1' is not a cache node address; use HOST or HOST:PORT");
        assertUsageError(Run.of(Map.of(CacheCli.MEMBERS_ENV, "10.0.0.5:99999"), "stats"),
                "DCACHE_MEMBERS: '10.0.0.5:99999' is not a cache node address");
    }

    @Test
    void theConnectTimeoutMustBePositive() {
        assertUsageError(Run.of("--connect-timeout", "0", "stats"), "--connect-timeout must be at least 1 second");
    }

    @Test
    void connectionSettingsComeFromOptionsThenTheEnvironmentThenTheClientDefaults() {
        DiscordCacheConfig defaults = config(Map.of(), "stats");
        assertEquals(DiscordCacheConfig.builder().build().clusterName(), defaults.clusterName());
        assertEquals(DiscordCacheConfig.builder().build().addresses(), defaults.addresses());
        assertEquals(DiscordCacheConfig.builder().build().connectTimeout(), defaults.connectTimeout());

        Map<String, String> env = Map.of(CacheCli.CLUSTER_NAME_ENV, "prod", CacheCli.MEMBERS_ENV, "10.0.0.5, 10.0.0.6:5702");
        DiscordCacheConfig fromEnv = config(env, "stats");
        assertEquals("prod", fromEnv.clusterName());
        assertEquals(List.of("10.0.0.5", "10.0.0.6:5702"), fromEnv.addresses());

        DiscordCacheConfig fromOptions = config(env, "--cluster", "staging", "--address", "a:1,b:2", "--address",
                "[::1]:5701", "--connect-timeout", "3", "stats");
        assertEquals("staging", fromOptions.clusterName());
        assertEquals(List.of("a:1", "b:2", "[::1]:5701"), fromOptions.addresses());
        assertEquals(Duration.ofSeconds(3), fromOptions.connectTimeout());
    }

    @Test
    void globalOptionsMayFollowTheCommand() {
        CacheCli cli = new CacheCli(Map.of());
        new CommandLine(cli).parseArgs("get", "user", "1", "--json", "--cluster", "after");
        assertTrue(cli.json());
        assertEquals("after", cli.config().clusterName());
    }

    @Test
    void anUnreachableClusterIsAConnectionErrorNamingWhatToCheck() {
        Run run = Run.of("--cluster", "nobody-here", "--address", "127.0.0.1:1", "--connect-timeout", "1", "stats");
        assertEquals(2, run.exitCode(), run.err());
        assertTrue(run.err().contains("Cannot reach the cache cluster 'nobody-here' at [127.0.0.1:1]"), run.err());
        assertTrue(run.err().contains("Pass --cluster and --address, or set DCACHE_CLUSTER_NAME and DCACHE_MEMBERS"),
                run.err());
    }

    private static DiscordCacheConfig config(Map<String, String> env, String... args) {
        CacheCli cli = new CacheCli(env);
        new CommandLine(cli).parseArgs(args);
        return cli.config();
    }

    private static void assertUsageError(Run run, String message) {
        assertEquals(2, run.exitCode(), run.err());
        assertTrue(run.err().contains(message), "'" + message + "' in\n" + run.err());
        assertTrue(run.err().contains("Usage: cache-cli"), "usage help in\n" + run.err());
        assertEquals("", run.out());
    }
}
