package com.mvsync.timing;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Time spent waiting on each dependency during the current invocation. An invocation starts on one thread and may run
 * parallel branches on others ({@link #carry}); a thread-local account, shared with those branches, attributes every
 * call to the invocation that made it without threading a context object through every layer.
 *
 * <p>Per dependency, calls and their summed time are counted one by one (what {@code VtigerCalls} and
 * {@code VtigerLatency} report), and also the wall time during which at least one of its calls was in flight. While
 * calls overlap (parallel branches) the sum exceeds the wall time; {@link Totals#totalNanos()} is wall time over all
 * dependencies, so that the invocation's duration minus it is still its own work.
 */
public final class DependencyTimer {

    public enum Dependency {
        VTIGER, DYNAMODB, MAGENTO
    }

    /**
     * Calls and nanoseconds per dependency, and the wall time waited on any of them.
     *
     * @param byDependency per dependency {calls, summed nanoseconds of its calls, wall nanoseconds with at least one
     *        of its calls in flight}
     * @param totalNanos wall nanoseconds with at least one call of any dependency in flight
     */
    public record Totals(Map<Dependency, long[]> byDependency, long totalNanos) {
        /** Sequential calls only: wall time = summed time. */
        public Totals(Map<Dependency, long[]> byDependency) {
            this(byDependency, byDependency.values().stream().mapToLong(v -> v[1]).sum());
        }

        public long calls(Dependency d) {
            long[] v = byDependency.get(d);
            return v == null ? 0 : v[0];
        }

        /** The summed time of the dependency's calls (more than the wall time while they overlap). */
        public long nanos(Dependency d) {
            long[] v = byDependency.get(d);
            return v == null ? 0 : v[1];
        }

        /** The wall time during which at least one call of the dependency was in flight. */
        public long wallNanos(Dependency d) {
            long[] v = byDependency.get(d);
            return v == null ? 0 : v.length > 2 ? v[2] : v[1];
        }
    }

    /**
     * Busy time as disjoint spans, sorted by start: a call overlapping others adds only the time none of them covers.
     * Bounded: a thread that is never reset (outside an invocation) folds its oldest spans into a closed total.
     */
    private static final class Spans {
        private static final int MAX_OPEN = 64;
        private final List<long[]> open = new ArrayList<>();
        private long closed;
        private long calls;
        private long summed;

        void add(long start, long end) {
            calls++;
            summed += end - start;
            long s = start;
            long e = end;
            int i = 0;
            while (i < open.size() && open.get(i)[1] < s) {
                i++;
            }
            while (i < open.size() && open.get(i)[0] <= e) {
                s = Math.min(s, open.get(i)[0]);
                e = Math.max(e, open.get(i)[1]);
                open.remove(i);
            }
            open.add(i, new long[] {s, e});
            if (open.size() > MAX_OPEN) {
                for (int k = 0; k < MAX_OPEN / 2; k++) {
                    long[] oldest = open.remove(0);
                    closed += oldest[1] - oldest[0];
                }
            }
        }

        long nanos() {
            long total = closed;
            for (long[] span : open) {
                total += span[1] - span[0];
            }
            return total;
        }
    }

    /** One invocation's calls, per dependency and all together. Shared by the branches of the invocation. */
    private static final class Account {
        private final Map<Dependency, Spans> byDependency = new EnumMap<>(Dependency.class);
        private Spans all = new Spans();

        synchronized void add(Dependency dependency, long endNanos, long nanos) {
            byDependency.computeIfAbsent(dependency, d -> new Spans()).add(endNanos - nanos, endNanos);
            all.add(endNanos - nanos, endNanos);
        }

        synchronized void clear() {
            byDependency.clear();
            all = new Spans();
        }

        synchronized Totals totals() {
            Map<Dependency, long[]> copy = new EnumMap<>(Dependency.class);
            byDependency.forEach((d, spans) -> copy.put(d, new long[] {spans.calls, spans.summed, spans.nanos()}));
            return new Totals(copy, all.nanos());
        }
    }

    private static final ThreadLocal<Account> CURRENT = ThreadLocal.withInitial(Account::new);

    /** Calls per dependency since the container started, whatever invocation made them (a drain's branches too). */
    private static final Map<Dependency, AtomicLong> PROCESS_CALLS = processCounters();

    private static Map<Dependency, AtomicLong> processCounters() {
        Map<Dependency, AtomicLong> counters = new EnumMap<>(Dependency.class);
        for (Dependency d : Dependency.values()) {
            counters.put(d, new AtomicLong());
        }
        return java.util.Collections.unmodifiableMap(counters);
    }

    private DependencyTimer() {
    }

    /** Starts a fresh account for the invocation on this thread. */
    public static void reset() {
        CURRENT.get().clear();
    }

    /** A call of {@code nanos} that has just ended. */
    public static void record(Dependency dependency, long nanos) {
        PROCESS_CALLS.get(dependency).incrementAndGet();
        CURRENT.get().add(dependency, System.nanoTime(), nanos);
    }

    /** The dependency's calls since the container started: a benchmark's count over work spread across threads. */
    public static long processCalls(Dependency dependency) {
        return PROCESS_CALLS.get(dependency).get();
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
