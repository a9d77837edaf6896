package discordcache.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A cache node in a JVM of its own ({@code CacheNodeMain start}), so that a benchmark that compares it with another
 * process (Redis) gives each its own process; its output goes to {@code bench/target/<name>.log}. Extra JVM options
 * of the node: DCACHE_BENCH_NODE_JVM_OPTS (added after the heap given here).
 */
final class NodeProcess implements AutoCloseable {
    /** The flags of bench/run.sh (and the parent pom's hazelcast.jvm.flags). */
    private static final List<String> JVM_FLAGS = List.of("--add-modules", "java.se",
            "--add-exports", "java.base/jdk.internal.ref=ALL-UNNAMED",
            "--add-opens", "java.base/java.lang=ALL-UNNAMED",
            "--add-opens", "java.base/java.nio=ALL-UNNAMED",
            "--add-opens", "java.base/sun.nio.ch=ALL-UNNAMED",
            "--add-opens", "java.management/sun.management=ALL-UNNAMED",
            "--add-opens", "jdk.management/com.sun.management.internal=ALL-UNNAMED");
    private static final Pattern HEAP_USED = Pattern.compile("used (\\d+)K");

    private final Process process;
    private final Path log;
    private final List<String> options;

    private NodeProcess(Process process, Path log, List<String> options) {
        this.process = process;
        this.log = log;
        this.options = options;
    }

    /** A free port, so that runs beside other benches on the same machine do not collide. */
    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Starts a node with these settings and heap, and returns once it logged that it is ready. */
    static NodeProcess start(String name, Map<String, String> env, String heap) throws IOException,
            InterruptedException {
        List<String> options = new ArrayList<>(List.of("-Xmx" + heap, "-XX:+UseG1GC",
                "-Dhazelcast.phone.home.enabled=false"));
        String extra = System.getenv().getOrDefault("DCACHE_BENCH_NODE_JVM_OPTS", "").strip();
        if (!extra.isEmpty()) {
            options.addAll(Arrays.asList(extra.split("\\s+")));
        }
        List<String> command = javaCommand(options, "discordcache.node.CacheNodeMain", "start");
        Path target = Files.isDirectory(Path.of("bench", "target")) ? Path.of("bench", "target") : Path.of("target");
        Path log = target.resolve(name + ".log");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.to(log.toFile()));
        builder.environment().keySet().removeIf(variable -> variable.startsWith("DCACHE_"));
        builder.environment().putAll(env);
        Process node = builder.start();
        // Whatever ends the bench JVM, the node goes too.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            if (node.isAlive()) {
                node.destroyForcibly();
            }
        }));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(300);
        while (!Files.readString(log, StandardCharsets.UTF_8).contains(" is ready in ")) {
            if (!node.isAlive()) {
                List<String> output = Files.readAllLines(log, StandardCharsets.UTF_8);
                output.subList(0, Math.max(0, output.size() - 30)).clear();
                throw new IllegalStateException("The cache node exited with " + node.exitValue() + "; the end of "
                        + log + ":" + System.lineSeparator() + String.join(System.lineSeparator(), output));
            }
            if (System.nanoTime() > deadline) {
                node.destroyForcibly();
                throw new IllegalStateException("The cache node was not ready within 300 s; see " + log);
            }
            Thread.sleep(100);
        }
        System.out.println("cache node pid " + node.pid() + " is ready (output in " + log + ")");
        return new NodeProcess(node, log, options);
    }

    /** The command that runs {@code mainClass} in a JVM of its own, on this JVM's class path. */
    static List<String> javaCommand(List<String> options, String mainClass, String... args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(JVM_FLAGS);
        command.addAll(options);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(mainClass);
        command.addAll(List.of(args));
        return command;
    }

    long pid() {
        return process.pid();
    }

    /** The node JVM's options besides the module flags. */
    List<String> options() {
        return options;
    }

    /** The node's used heap after a full collection, in bytes (through jcmd). */
    long usedHeapAfterGc() throws IOException, InterruptedException {
        jcmd("GC.run");
        jcmd("GC.run");
        Matcher used = HEAP_USED.matcher(jcmd("GC.heap_info"));
        if (!used.find()) {
            throw new IllegalStateException("jcmd GC.heap_info of " + pid() + " gave no used size");
        }
        return Long.parseLong(used.group(1)) * 1024;
    }

    private String jcmd(String command) throws IOException, InterruptedException {
        Process jcmd = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                Long.toString(pid()), command).redirectErrorStream(true).start();
        String output = new String(jcmd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        jcmd.waitFor();
        return output;
    }

    /** SIGTERM, then wait for the node's graceful stop (flush to PostgreSQL). */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(300, TimeUnit.SECONDS)) {
            System.err.println("The cache node did not stop within 300 s of SIGTERM; killing it (see " + log + ")");
            process.destroyForcibly().waitFor();
        }
        System.out.println("cache node stopped with exit code " + process.exitValue());
    }
}
