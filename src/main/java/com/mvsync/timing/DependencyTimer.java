package com.mvsync.timing;

import java.util.EnumMap;
import java.util.Map;

/**
 * Time spent waiting on each dependency during the current invocation. A function invocation runs on one thread from
 * start to answer, so a thread-local accumulator attributes every call to the invocation that made it without
 * threading a context object through every layer.
 */
public final class DependencyTimer {

    public enum Dependency {
        VTIGER, DYNAMODB, MAGENTO
    }

    /** Calls and nanoseconds per dependency. */
    public record Totals(Map<Dependency, long[]> byDependency) {
        public long calls(Dependency d) {
            long[] v = byDependency.get(d);
            return v == null ? 0 : v[0];
        }

        public long nanos(Dependency d) {
            long[] v = byDependency.get(d);
            return v == null ? 0 : v[1];
        }

        public long totalNanos() {
            return byDependency.values().stream().mapToLong(v -> v[1]).sum();
        }
    }

    private static final ThreadLocal<Map<Dependency, long[]>> CURRENT =
            ThreadLocal.withInitial(() -> new EnumMap<>(Dependency.class));

    private DependencyTimer() {
    }

    /** Starts a fresh account for the invocation on this thread. */
    public static void reset() {
        CURRENT.get().clear();
    }

    public static void record(Dependency dependency, long nanos) {
        long[] v = CURRENT.get().computeIfAbsent(dependency, d -> new long[2]);
        v[0]++;
        v[1] += nanos;
    }

    public static Totals totals() {
        Map<Dependency, long[]> copy = new EnumMap<>(Dependency.class);
        CURRENT.get().forEach((k, v) -> copy.put(k, v.clone()));
        return new Totals(copy);
    }
}
