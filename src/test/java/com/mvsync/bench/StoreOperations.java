package com.mvsync.bench;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.LongAdder;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;

/**
 * Counts the application's DynamoDB requests by operation (PutItem, TransactWriteItems, ...) per invocation, by its
 * request id (so the requests of its parallel branches count too), like {@code DynamoDbTestClients.RequestCounter}. Added to {@code quarkus.dynamodb.interceptors}
 * next to the product's own timing interceptor by {@link BenchProfile}; the totals are cross-checked against
 * {@code DependencyTimer}'s DynamoDB call count.
 */
public class StoreOperations implements ExecutionInterceptor {

    /** Per invocation, by its request id: the log context the pipeline sets and its parallel branches carry. */
    private static final Map<String, Map<String, Integer>> BY_REQUEST = new java.util.concurrent.ConcurrentHashMap<>();
    private static final ExecutionAttribute<Long> STARTED = new ExecutionAttribute<>("bench.started");
    /** Across all threads (the drain's workers): requests and the time spent in them. */
    static final LongAdder ALL_CALLS = new LongAdder();
    static final LongAdder ALL_NANOS = new LongAdder();
    /**
     * Across all threads: the items DynamoDB read for the requests (a Query's or Scan's ScannedCount, a GetItem's item,
     * a BatchGetItem's items), what a request costs on DynamoDB whatever moto takes for it.
     */
    static final LongAdder ITEMS_READ = new LongAdder();

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        Object request = org.jboss.logging.MDC.get("requestId");
        BY_REQUEST.computeIfAbsent(request == null ? "thread:" + Thread.currentThread().getName() : request.toString(),
                r -> new java.util.concurrent.ConcurrentSkipListMap<>())
                .merge(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME), 1, Integer::sum);
        attributes.putAttribute(STARTED, System.nanoTime());
        ALL_CALLS.increment();
    }

    @Override
    public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
        done(attributes);
        ITEMS_READ.add(itemsRead(context.response()));
    }

    private static long itemsRead(Object response) {
        if (response instanceof QueryResponse q) {
            return q.scannedCount() == null ? 0 : q.scannedCount();
        }
        if (response instanceof ScanResponse q) {
            return q.scannedCount() == null ? 0 : q.scannedCount();
        }
        if (response instanceof GetItemResponse g) {
            return g.hasItem() && !g.item().isEmpty() ? 1 : 0;
        }
        if (response instanceof BatchGetItemResponse b) {
            return b.responses().values().stream().mapToLong(java.util.List::size).sum();
        }
        return 0;
    }

    @Override
    public void onExecutionFailure(Context.FailedExecution context, ExecutionAttributes attributes) {
        done(attributes);
    }

    private static void done(ExecutionAttributes attributes) {
        Long started = attributes.getAttribute(STARTED);
        if (started != null) {
            ALL_NANOS.add(System.nanoTime() - started);
        }
    }

    static void reset() {
        BY_REQUEST.clear();
    }

    /** The requests of the invocation with this request id, on whichever thread they were made. */
    static Map<String, Integer> snapshot(String requestId) {
        return new TreeMap<>(BY_REQUEST.getOrDefault(requestId, Map.of()));
    }
}
