package com.mvsync.timing;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Time spent waiting on each dependency during the current invocation. An invocation starts on one thread and may run
 * parallel branches on others ({@link #carry}); a thread-local account, shared with those branches, attributes every
 * call to the invocation that made it without threading a context object through every layer.
 *
 * <p>Calls are counted one by one; time is wall time: while calls overlap (parallel branches), the time is counted
 * once, so that the invocation's duration minus its waiting is still its own work.
 */
public final class DependencyTimer {

    public enum Dependency {
        VTIGER, DYNAMODB, MAGENTO
    }

    /**
     * Calls and nanoseconds per dependency, and the wall time waited on any of them.
     *
     * @param byDependency per dependency {calls, wall nanoseconds with at least one of its calls in flight}
     */
    public record Totals(Map<Dependency, long[]> byDependency, long totalNanos) {
        public Totals(Map<Dependency, long[]> byDependency) {
            this(byDependency, byDependency.values().stream().mapToLong(v -> v[1]).sum());
        }

        public long calls(Dependency d) {
            long[] v = byDependency.get(d);
            return v == null ? 0 : v[0];
        }

        public long nanos(Dependency d) {
            long[] v = byDependency.get(d);
            return v == null ? 0 : v[1];
        }
    }

    /** One invocation's calls: when each ended and how long it took. Shared by the branches of the invocation. */
    private static final class Account {
        private final List<long[]> calls = new ArrayList<>();
        private final List<Dependency> dependencies = new ArrayList<>();

        synchronized void add(Dependency dependency, long endNanos, long nanos) {
            dependencies.add(dependency);
            calls.add(new long[] {endNanos - nanos, endNanos});
        }

        synchronized void clear() {
            calls.clear();
            dependencies.clear();
        }

        synchronized Totals totals() {
            Map<Dependency, long[]> byDependency = new EnumMap<>(Dependency.class);
            Map<Dependency, List<long[]>> spans = new EnumMap<>(Dependency.class);
            for (int i = 0; i < calls.size(); i++) {
                Dependency d = dependencies.get(i);
                byDependency.computeIfAbsent(d, k -> new long[2])[0]++;
                spans.computeIfAbsent(d, k -> new ArrayList<>()).add(calls.get(i));
            }
            spans.forEach((d, list) -> byDependency.get(d)[1] = union(list));
            return new Totals(byDependency, union(calls));
        }

        /** The length of the union of the spans: overlapping calls count once. */
        private static long union(List<long[]> spans) {
            List<long[]> sorted = new ArrayList<>(spans);
            sorted.sort(Comparator.comparingLong(s -> s[0]));
            long total = 0;
            long start = Long.MIN_VALUE;
            long end = Long.MIN_VALUE;
            for (long[] s : sorted) {
                if (start == Long.MIN_VALUE || s[0] > end) {
                    total += end - start;
                    start = s[0];
                    end = s[1];
                } else if (s[1] > end) {
                    end = s[1];
                }
            }
            return start == Long.MIN_VALUE ? 0 : total + end - start;
        }
    }

    private static final ThreadLocal<Account> CURRENT = ThreadLocal.withInitial(Account::new);

    private DependencyTimer() {
    }

    /** Starts a fresh account for the invocation on this thread. */
    public static void reset() {
        CURRENT.get().clear();
    }

    /** A call of {@code nanos} that has just ended. */
    public static void record(Dependency dependency, long nanos) {
        CURRENT.get().add(dependency, System.nanoTime(), nanos);
    }

    public static Totals totals() {
        return CURRENT.get().totals();
    }

    /**
     * The task, made to count its calls into the account of the thread calling this (the invocation), whichever
     * thread runs it.
     */
    public static <T> Supplier<T> carry(Supplier<T> task) {
        Account invocation = CURRENT.get();
        return () -> {
            Account previous = CURRENT.get();
            CURRENT.set(invocation);
            try {
                return task.get();
            } finally {
                CURRENT.set(previous);
            }
        };
    }
}
