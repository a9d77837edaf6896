package discordcache.client;

import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.function.Supplier;

/**
 * Waits for asynchronous results on behalf of the synchronous API, and gives every failure the form callers see:
 * Hazelcast's connection failures as {@link CacheUnavailableException}, without completion wrappers.
 */
final class Completions {
    private Completions() {
    }

    /** The stage's result; its failure is rethrown as {@link CacheUnavailableException#translate} has it. */
    static <T> T join(CompletionStage<T> stage) {
        try {
            return stage.toCompletableFuture().join();
        } catch (CompletionException | CancellationException e) {
            throw unchecked(e);
        }
    }

    /** The future's result, for the few Hazelcast calls that answer a plain {@link Future}. */
    static <T> T get(Future<T> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CompletionException(e);
        } catch (ExecutionException e) {
            throw unchecked(e);
        }
    }

    /** {@code call}'s result, its failure translated. */
    static <T> T call(Supplier<T> call) {
        try {
            return call.get();
        } catch (RuntimeException e) {
            throw unchecked(e);
        }
    }

    /**
     * The stage {@code start} returns, with its failure translated; a failure thrown by {@code start} itself (a
     * client that is offline fails at once) completes the stage instead of escaping.
     */
    static <T> CompletionStage<T> translated(Supplier<? extends CompletionStage<T>> start) {
        CompletionStage<T> stage;
        try {
            stage = start.get();
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(unchecked(e));
        }
        CompletableFuture<T> result = new CompletableFuture<>();
        stage.whenComplete((value, failure) -> {
            if (failure == null) {
                result.complete(value);
            } else {
                result.completeExceptionally(CacheUnavailableException.translate(failure));
            }
        });
        return result;
    }

    static RuntimeException unchecked(Exception failure) {
        Throwable cause = CacheUnavailableException.translate(failure);
        if (cause instanceof RuntimeException runtime) {
            return runtime;
        }
        if (cause instanceof Error error) {
            throw error;
        }
        return failure instanceof RuntimeException runtime ? runtime : new CompletionException(cause);
    }
}
