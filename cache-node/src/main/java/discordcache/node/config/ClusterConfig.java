package discordcache.node.config;

import discordcache.wire.CacheSerialization;
import com.hazelcast.config.Config;
import com.hazelcast.config.EvictionConfig;
import com.hazelcast.config.EvictionPolicy;
import com.hazelcast.config.InMemoryFormat;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.MapConfig;
import com.hazelcast.config.MapStoreConfig;
import com.hazelcast.config.MaxSizePolicy;
import com.hazelcast.config.NetworkConfig;
import discordcache.model.CacheMap;
import discordcache.node.store.Persistence;
import discordcache.wire.onnode.ChannelIndex;
import discordcache.wire.onnode.GuildIndex;
import discordcache.wire.onnode.PersistedIds;

import java.io.FileNotFoundException;
import java.nio.file.Path;

/** Builds a member's Hazelcast configuration from the node settings. */
public final class ClusterConfig {
    private ClusterConfig() {
    }

    /**
     * The member configuration: the optional YAML file first, then what the settings decide on top of it
     * (cluster, network, entity maps, write-behind, bounds).
     */
    public static Config build(NodeSettings settings, Persistence persistence) {
        Config config = settings.hazelcastConfigFile().map(ClusterConfig::load).orElseGet(Config::new);
        config.setClusterName(settings.clusterName());
        config.setProperty("hazelcast.logging.type", "slf4j");
        config.setProperty("hazelcast.phone.home.enabled", "false");
        // A backup drops its copy of a queued write this long after the write was due, whether or not the
        // primary managed to store it; it must outlast a database outage, or a member crash during the outage
        // loses the write (hazelcast/hazelcast#5757).
        config.setProperty("hazelcast.map.replica.scheduled.task.delay.seconds",
                Long.toString(settings.backupQueueRetention().toSeconds()));
        config.setProperty("hazelcast.initial.min.cluster.size", Integer.toString(settings.initialMinClusterSize()));
        config.setProperty("hazelcast.partition.count", Integer.toString(settings.partitionCount()));
        // Stopping is graceful, and the node's own hook does it (CacheNode.close): flush or hand over, spill what
        // PostgreSQL does not take in time, then a graceful Hazelcast shutdown. Hazelcast's own hook would race it.
        config.setProperty("hazelcast.shutdownhook.enabled", "false");
        config.setProperty("hazelcast.graceful.shutdown.max.wait", "240");
        CacheSerialization.register(config.getSerializationConfig());
        config.getUserContext().put(PersistedIds.USER_CONTEXT_KEY, persistence.persistedIds());
        config.getUserContext().put(ChannelIndex.BOUND_USER_CONTEXT_KEY, settings.messagesPerChannel());
        network(config.getNetworkConfig(), settings);
        for (CacheMap<?, ?> map : CacheMap.all()) {
            entityMap(config.getMapConfig(map.name()), map, settings, persistence);
        }
        // The indexes are derived from the tables, and the guild index is rebuilt from them after a full restart
        // (CacheNode); no loader, so that an update of an index never waits for PostgreSQL on a partition thread.
        // Kept as objects: an update of a guild of a million members copies the pages it changes, where a binary
        // value would be read and written whole.
        for (String index : new String[] {GuildIndex.MAP_NAME, ChannelIndex.MAP_NAME}) {
            config.getMapConfig(index)
                    .setBackupCount(settings.backupCount())
                    .setInMemoryFormat(InMemoryFormat.OBJECT)
                    .setPerEntryStatsEnabled(false);
        }
        return config;
    }

    private static Config load(Path file) {
        try {
            return Config.loadFromFile(file.toFile());
        } catch (FileNotFoundException e) {
            throw new InvalidSettingException(NodeSettings.PREFIX + "HAZELCAST_CONFIG names " + file
                    + ", which does not exist");
        }
    }

    private static void network(NetworkConfig network, NodeSettings settings) {
        network.setPort(settings.port()).setPortAutoIncrement(true);
        JoinConfig join = network.getJoin();
        join.getMulticastConfig().setEnabled(false);
        join.getAutoDetectionConfig().setEnabled(false);
        join.getTcpIpConfig().setEnabled(true).setMembers(settings.members());
        if (!settings.bindInterface().isEmpty()) {
            network.getInterfaces().setEnabled(true).addInterface(settings.bindInterface());
        }
    }

    private static void entityMap(MapConfig mapConfig, CacheMap<?, ?> map, NodeSettings settings,
                                  Persistence persistence) {
        boolean messages = map == CacheMap.MESSAGES;
        mapConfig.setBackupCount(settings.backupCount())
                .setInMemoryFormat(InMemoryFormat.BINARY)
                .setPerEntryStatsEnabled(false);
        if (messages && !settings.messageTtl().isZero()) {
            mapConfig.setTimeToLiveSeconds((int) settings.messageTtl().toSeconds());
        }
        NodeSettings.MapBounds bounds = settings.bounds(map);
        if (bounds.bounded()) {
            boolean byEntries = bounds.maxEntriesPerNode() > 0;
            mapConfig.setEvictionConfig(new EvictionConfig()
                    .setEvictionPolicy(settings.evictionPolicy())
                    .setMaxSizePolicy(byEntries ? MaxSizePolicy.PER_NODE : MaxSizePolicy.USED_HEAP_PERCENTAGE)
                    .setSize(byEntries ? bounds.maxEntriesPerNode() : bounds.maxHeapPercent()));
        }
        if (!messages || settings.persistMessages()) {
            // Messages are read by key and by channel through the loader, and dominate volume; every other map is
            // loaded whole at start.
            MapStoreConfig.InitialLoadMode loadMode = messages ? MapStoreConfig.InitialLoadMode.LAZY
                    : MapStoreConfig.InitialLoadMode.EAGER;
            // A map loaded whole that never drops an entry (the YAML file may add an expiry) holds in memory all
            // that PostgreSQL does: its loader then answers a key missing from memory without asking PostgreSQL.
            boolean memoryHoldsAll = loadMode == MapStoreConfig.InitialLoadMode.EAGER
                    && mapConfig.getEvictionConfig().getEvictionPolicy() == EvictionPolicy.NONE
                    && mapConfig.getTimeToLiveSeconds() == 0 && mapConfig.getMaxIdleSeconds() == 0;
            mapConfig.setMapStoreConfig(new MapStoreConfig()
                    .setEnabled(true)
                    .setImplementation(persistence.mapStore(map, memoryHoldsAll))
                    .setWriteDelaySeconds((int) settings.writeDelay().toSeconds())
                    .setWriteBatchSize(settings.writeBatchSize())
                    .setWriteCoalescing(true)
                    .setInitialLoadMode(loadMode));
        }
    }
}
