package discordcache.node;

import discordcache.node.config.InvalidSettingException;
import discordcache.node.config.NodeSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import sun.misc.Signal;

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

    private static final String COMMON_POOL_PARALLELISM = "java.util.concurrent.ForkJoinPool.common.parallelism";

    public static void main(String[] args) throws InterruptedException {
        // Hazelcast completes many of its futures on the common fork-join pool, which has cores - 1 threads; on a
        // 2-core machine that is 1, and the JDK then starts a new thread for every completion instead.
        if (System.getProperty(COMMON_POOL_PARALLELISM) == null) {
            System.setProperty(COMMON_POOL_PARALLELISM,
                    Integer.toString(Math.max(4, Runtime.getRuntime().availableProcessors())));
        }
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
        Runnable stop = () -> {
            node.close();
            stopped.countDown();
        };
        // The embedded PostgreSQL stops in a JVM shutdown hook of its own, and shutdown hooks run in no fixed
        // order. Handling SIGTERM and SIGINT directly lets the node write its pending changes first; the hook
        // below only covers other ways of ending the JVM.
        for (String name : new String[] {"TERM", "INT"}) {
            Signal.handle(new Signal(name), signal -> {
                LOG.info("SIG{} received: stopping", name);
                new Thread(stop, "cache-node-stop").start();
            });
        }
        Runtime.getRuntime().addShutdownHook(new Thread(stop, "cache-node-shutdown-hook"));
        stopped.await();
        System.exit(0);
    }
}
