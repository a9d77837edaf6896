package discordcache.bench;

import com.hazelcast.client.HazelcastClient;
import com.hazelcast.client.config.ClientConfig;
import com.hazelcast.core.EntryEvent;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.listener.EntryAddedListener;
import com.hazelcast.map.listener.EntryEvictedListener;
import com.hazelcast.map.listener.EntryLoadedListener;
import com.hazelcast.map.listener.EntryRemovedListener;
import com.hazelcast.map.listener.EntryUpdatedListener;
import discordcache.wire.CacheSerialization;
import discordcache.client.DiscordCache;
import discordcache.client.DiscordCacheConfig;
import discordcache.model.CacheMap;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;

/**
 * The bots of {@link FanOutBench}, in a JVM of their own: {@code count} clients that hold near caches, connected
 * until standard input closes. Mode {@code streams}: DiscordCache clients (the invalidation streams). Mode
 * {@code listeners}: plain Hazelcast clients with one entry listener per near-cached map, which is what each near
 * cache registered before the invalidation streams. Mode {@code idle}: DiscordCache clients without near caches,
 * which subscribe to nothing (what the bots' JVM costs the shared cores by merely being there).
 *
 * <pre>FanOutBots clusterName host:port count streams|listeners|idle</pre>
 */
public final class FanOutBots {
    private FanOutBots() {
    }

    public static void main(String[] args) throws IOException {
        String clusterName = args[0];
        String address = args[1];
        int count = Integer.parseInt(args[2]);
        String mode = args[3];
        List<AutoCloseable> bots = new ArrayList<>();
        LongAdder events = new LongAdder();
        for (int i = 0; i < count; i++) {
            if (!mode.equals("listeners")) {
                DiscordCacheConfig.Builder config = DiscordCacheConfig.builder().clusterName(clusterName)
                        .addresses(address);
                bots.add(DiscordCache.connect(mode.equals("idle") ? config.withoutNearCaches().build()
                        : config.build()));
            } else {
                HazelcastInstance client = HazelcastClient.newHazelcastClient(config(clusterName, address));
                for (CacheMap<?, ?> map : CacheMap.nearCacheable()) {
                    client.getMap(map.name()).addEntryListener(new Counting(events), false);
                }
                bots.add(client::shutdown);
            }
        }
        System.out.println("READY");
        System.out.flush();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
            while (in.readLine() != null) {
                // the bench closes standard input to end the bots
            }
        }
        for (AutoCloseable bot : bots) {
            try {
                bot.close();
            } catch (Exception e) {
                // ending anyway
            }
        }
        System.out.println("entry events received: " + events.sum());
        System.exit(0);
    }

    private static ClientConfig config(String clusterName, String address) {
        ClientConfig config = new ClientConfig();
        config.setClusterName(clusterName);
        config.setProperty("hazelcast.logging.type", "slf4j");
        config.getNetworkConfig().addAddress(address);
        CacheSerialization.register(config.getSerializationConfig());
        return config;
    }

    /** What a near cache's listener did with an event: note the key, nothing more. */
    private record Counting(LongAdder events) implements EntryAddedListener<Object, Object>,
            EntryUpdatedListener<Object, Object>, EntryRemovedListener<Object, Object>,
            EntryEvictedListener<Object, Object>, EntryLoadedListener<Object, Object> {
        @Override
        public void entryAdded(EntryEvent<Object, Object> event) {
            events.increment();
        }

        @Override
        public void entryUpdated(EntryEvent<Object, Object> event) {
            events.increment();
        }

        @Override
        public void entryRemoved(EntryEvent<Object, Object> event) {
            events.increment();
        }

        @Override
        public void entryEvicted(EntryEvent<Object, Object> event) {
            events.increment();
        }

        @Override
        public void entryLoaded(EntryEvent<Object, Object> event) {
            events.increment();
        }
    }
}
