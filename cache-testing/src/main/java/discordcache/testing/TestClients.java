package discordcache.testing;

import com.hazelcast.client.HazelcastClient;
import com.hazelcast.client.config.ClientConfig;
import com.hazelcast.core.HazelcastInstance;
import discordcache.wire.CacheSerialization;
import discordcache.client.DiscordCacheConfig;
import discordcache.node.CacheNode;

/** Clients of a test node's cluster. */
public final class TestClients {
    private TestClients() {
    }

    /** A plain Hazelcast client of the node's cluster, with the cache's serializers. */
    public static HazelcastInstance hazelcastClient(CacheNode node) {
        ClientConfig config = new ClientConfig();
        config.setClusterName(node.settings().clusterName());
        config.getNetworkConfig().addAddress(node.settings().members().toArray(String[]::new));
        CacheSerialization.register(config.getSerializationConfig());
        return HazelcastClient.newHazelcastClient(config);
    }

    /** A DiscordCache configuration for the node's cluster, with the defaults otherwise. */
    public static DiscordCacheConfig config(CacheNode node) {
        return DiscordCacheConfig.builder()
                .clusterName(node.settings().clusterName())
                .addresses(node.settings().members().toArray(String[]::new))
                .build();
    }
}
