package com.mvsync.bench;

import com.fasterxml.jackson.databind.JsonNode;

/** One admin call's measurements over the rounds: time, and what the store and the answer did in it. */
final class Samples {

    private final long[] nanos;
    private final long[] storeNanos;
    private long storeCalls;
    private long itemsRead;
    private int items;
    private long bytes;

    Samples(int rounds) {
        nanos = new long[rounds];
        storeNanos = new long[rounds];
    }

    void add(int round, long callNanos, long dynamoCalls, long dynamoNanos, long read, int answered,
            long answerBytes) {
        itemsRead = read;
        nanos[round] = callNanos;
        storeNanos[round] = dynamoNanos;
        // The same call reads the same data every round: the last round's counts stand for all.
        storeCalls = dynamoCalls;
        items = answered;
        bytes = answerBytes;
    }

    long p50() {
        return p(50);
    }

    long p(double percent) {
        return BenchReport.percentile(ConsoleDataBenchTest.sorted(nanos), percent);
    }

    long max() {
        return ConsoleDataBenchTest.sorted(nanos)[nanos.length - 1];
    }

    long storeP50() {
        return BenchReport.percentile(ConsoleDataBenchTest.sorted(storeNanos), 50);
    }

    long storeCalls() {
        return storeCalls;
    }

    long itemsRead() {
        return itemsRead;
    }

    int items() {
        return items;
    }

    long bytes() {
        return bytes;
    }

    /** The rows an answer carries: its entries, items or days; for the counts, the statuses counted. */
    static int items(JsonNode body) {
        for (String list : new String[] {"entries", "items", "days"}) {
            if (body.has(list)) {
                return body.get(list).size();
            }
        }
        int nonZero = 0;
        for (JsonNode n : body) {
            nonZero += n.asLong() > 0 ? 1 : 0;
        }
        return nonZero;
    }
}
