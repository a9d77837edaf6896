package discordcache.ingest;

import discordcache.client.DiscordCache;
import discordcache.client.DiscordCacheConfig;
import discordcache.node.CacheNode;
import discordcache.testing.TestNodes;
import discordcache.testing.TestPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Every gateway dispatch captured or sampled by other Discord libraries (the shared fixtures beside the project,
 * never copied into it) is applied, ignored, or refused with a typed {@link IngestException}: no other exception
 * escapes. Skipped when the fixtures are absent.
 */
class FixtureConformanceTest {
    @TempDir
    Path temp;

    static Path fixtures() {
        Path moduleDir = Path.of("").toAbsolutePath();
        Path root = Files.exists(moduleDir.resolve("cache-node")) ? moduleDir : moduleDir.getParent();
        return root.getParent().resolve("shared").resolve("fixtures");
    }

    static List<Path> gatewayPayloads(Path fixtures) throws IOException {
        try (Stream<Path> files = Files.walk(fixtures)) {
            return files.filter(file -> file.toString().endsWith(".json"))
                    .filter(file -> {
                        String path = file.toString().replace('\\', '/');
                        return path.contains("/Gateway/Events/")
                                || (path.contains("/resources/gateway/") && !path.contains("/outbound/"));
                    })
                    .sorted().toList();
        }
    }

    @Test
    void everyFixturePayloadIsAppliedIgnoredOrRefusedWithATypedError() throws Exception {
        Path fixtures = fixtures();
        assumeTrue(Files.isDirectory(fixtures), "no shared fixtures at " + fixtures);
        List<Path> payloads = gatewayPayloads(fixtures);
        assumeTrue(!payloads.isEmpty(), "no gateway payloads under " + fixtures);
        TestNodes nodes = new TestNodes(TestPostgres.get().createDatabase());
        Map<String, Integer> outcomes = new TreeMap<>();
        List<String> unexpected = new ArrayList<>();
        List<String> refusals = new ArrayList<>();
        try (CacheNode node = CacheNode.start(nodes.settings(temp));
             DiscordCache cache = DiscordCache.connect(DiscordCacheConfig.builder()
                     .clusterName(node.settings().clusterName())
                     .addresses(node.settings().members().toArray(String[]::new)).build())) {
            GatewayIngester ingester = GatewayIngester.create(cache);
            for (Path payload : payloads) {
                String text = Files.readString(payload, StandardCharsets.UTF_8);
                try {
                    IngestResult result = ingester.ingest(text, 0, 1);
                    outcomes.merge(result.ignored() ? "ignored" : "applied", 1, Integer::sum);
                } catch (IngestException e) {
                    outcomes.merge("refused " + e.kind(), 1, Integer::sum);
                    refusals.add(fixtures.relativize(payload).getFileName() + ": " + e.getMessage());
                } catch (RuntimeException e) {
                    unexpected.add(fixtures.relativize(payload) + ": " + e);
                }
            }
        }
        System.out.println("Fixture outcomes over " + payloads.size() + " payloads: " + outcomes);
        refusals.forEach(refusal -> System.out.println("  refused " + refusal));
        assertTrue(unexpected.isEmpty(), unexpected.size() + " payloads threw something else than an "
                + "IngestException:\n" + String.join("\n", unexpected));
        assertTrue(outcomes.getOrDefault("applied", 0) > 0, "some fixtures apply: " + outcomes);
    }
}
