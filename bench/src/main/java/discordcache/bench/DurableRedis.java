package discordcache.bench;

import redis.clients.jedis.JedisPooled;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A redis-server of the benchmark's own, as durable as a Redis-backed cache would run it: append-only file, fsync
 * every second, in a temporary directory, on a free port; stopped (and its files deleted) on close.
 */
final class DurableRedis implements AutoCloseable {
    private final Process server;
    private final Path directory;
    private final int port;

    private DurableRedis(Process server, Path directory, int port) {
        this.server = server;
        this.directory = directory;
        this.port = port;
    }

    static DurableRedis start() throws IOException, InterruptedException {
        int port = NodeProcess.freePort();
        Path directory = Files.createTempDirectory("dcache-bench-redis");
        Process server = new ProcessBuilder("redis-server", "--port", Integer.toString(port), "--bind", "127.0.0.1",
                "--save", "", "--appendonly", "yes", "--appendfsync", "everysec", "--dir", directory.toString())
                .redirectErrorStream(true).redirectOutput(directory.resolve("redis.log").toFile()).start();
        Runtime.getRuntime().addShutdownHook(new Thread(server::destroyForcibly));
        DurableRedis redis = new DurableRedis(server, directory, port);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (true) {
            try (JedisPooled client = redis.client()) {
                client.ping();
                return redis;
            } catch (RuntimeException e) {
                if (System.nanoTime() > deadline || !server.isAlive()) {
                    throw new IllegalStateException("redis-server did not start on port " + port + "; see "
                            + directory.resolve("redis.log"), e);
                }
                Thread.sleep(100);
            }
        }
    }

    JedisPooled client() {
        return new JedisPooled("127.0.0.1", port);
    }

    @Override
    public void close() throws IOException, InterruptedException {
        server.destroy();
        server.waitFor(30, TimeUnit.SECONDS);
        try (var files = Files.walk(directory)) {
            files.sorted((a, b) -> b.compareTo(a)).forEach(file -> file.toFile().delete());
        }
    }
}
