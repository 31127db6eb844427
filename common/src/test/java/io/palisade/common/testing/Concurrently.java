package io.palisade.common.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;

/**
 * Fires {@code count} calls at once, one thread each, for tests of counters, limits and single-use tokens:
 * the bound under test only holds if it holds when every request arrives before any has been counted.
 */
public final class Concurrently {

    private Concurrently() {
    }

    /** The results of {@code call(0)} to {@code call(count - 1)}, run in parallel, in index order. */
    public static <T> List<T> run(int count, IntFunction<T> call) {
        ExecutorService threads = Executors.newFixedThreadPool(count);
        try {
            List<Callable<T>> calls = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                int index = i;
                calls.add(() -> call.apply(index));
            }
            List<T> results = new ArrayList<>();
            for (Future<T> future : threads.invokeAll(calls)) {
                results.add(future.get());
            }
            return results;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("a concurrent call failed", e.getCause());
        } finally {
            threads.shutdownNow();
        }
    }
}
