package discordcache.node.testing;

import discordcache.client.DiscordCacheConfig;
import discordcache.node.CacheNode;

import java.time.Duration;

/** Client settings for tests: the node's cluster and addresses, and a short near-cache trust grace period. */
public final class TestClients {
    private TestClients() {
    }

    public static DiscordCacheConfig config(CacheNode node) {
        return DiscordCacheConfig.builder()
                .clusterName(node.settings().clusterName())
                .addresses(node.settings().members().toArray(String[]::new))
                .trustGracePeriod(Duration.ofMillis(500))
                .build();
    }
}
