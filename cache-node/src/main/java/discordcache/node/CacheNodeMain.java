package discordcache.node;

import discordcache.node.config.InvalidSettingException;
import discordcache.node.config.NodeSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.CountDownLatch;

/**
 * The {@code cache-node} command.
 * <pre>
 * java -jar cache-node.jar            start a node (configured by DCACHE_* environment variables)
 * java -jar cache-node.jar migrate    run the schema migrations and exit
 * </pre>
 */
public final class CacheNodeMain {
    private static final Logger LOG = LoggerFactory.getLogger(CacheNodeMain.class);

    private CacheNodeMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        String command = args.length == 0 ? "start" : args[0];
        NodeSettings settings;
        try {
            settings = NodeSettings.fromEnvironment();
        } catch (InvalidSettingException e) {
            System.err.println("cache-node: " + e.getMessage());
            System.exit(2);
            return;
        }
        switch (command) {
            case "start" -> start(settings);
            case "migrate" -> CacheNode.migrate(settings);
            default -> {
                System.err.println("usage: cache-node [start|migrate]   (configuration: DCACHE_* variables, see README)");
                System.exit(2);
            }
        }
    }

    private static void start(NodeSettings settings) throws InterruptedException {
        CacheNode node = CacheNode.start(settings);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            LOG.info("Shutdown requested");
            node.close();
            stopped.countDown();
        }, "cache-node-shutdown"));
        stopped.await();
    }
}
