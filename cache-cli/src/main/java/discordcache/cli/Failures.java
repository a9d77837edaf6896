package discordcache.cli;

import discordcache.client.CacheUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;

import java.io.IOException;
import java.io.UncheckedIOException;

/** Turns what a command threw into a message on standard error and an exit code. */
final class Failures implements CommandLine.IExecutionExceptionHandler {
    /** A refused payload, or a failure nobody planned for. */
    static final int FAILED = 1;
    /** Bad usage, unreadable input, or no cluster to talk to. */
    static final int USAGE_OR_CONNECTION = 2;

    private static final Logger LOG = LoggerFactory.getLogger(Failures.class);

    @Override
    public int handleExecutionException(Exception failure, CommandLine commandLine,
                                        CommandLine.ParseResult parseResult) {
        logIfUnexpected(failure);
        commandLine.getErr().println("cache-cli: " + describe(failure));
        return exitCode(failure);
    }

    /** Logs a failure nobody planned for with its stack trace, for a bug report. */
    static void logIfUnexpected(Throwable failure) {
        if (exitCode(failure) == FAILED) {
            LOG.error("Unexpected failure", failure);
        }
    }

    /** The exit code for a command that ended with {@code failure}. */
    static int exitCode(Throwable failure) {
        return isConnection(failure) || isInput(failure) ? USAGE_OR_CONNECTION : FAILED;
    }

    /** One line saying what went wrong and, where there is something to do, what to do. */
    static String describe(Throwable failure) {
        if (isConnection(failure)) {
            return failure.getMessage() + ". Pass --cluster and --address, or set " + CacheCli.CLUSTER_NAME_ENV
                    + " and " + CacheCli.MEMBERS_ENV + ", as the nodes have them.";
        }
        if (isInput(failure)) {
            Throwable cause = failure instanceof UncheckedIOException unchecked ? unchecked.getCause() : failure;
            return "cannot read the input: " + cause;
        }
        return "unexpected failure: " + failure + " (details in the log)";
    }

    private static boolean isConnection(Throwable failure) {
        return failure instanceof CacheUnavailableException;
    }

    private static boolean isInput(Throwable failure) {
        return failure instanceof IOException || failure instanceof UncheckedIOException;
    }
}
