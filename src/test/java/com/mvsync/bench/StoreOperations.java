package com.mvsync.bench;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.LongAdder;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * Counts the application's DynamoDB requests by operation (PutItem, TransactWriteItems, ...) on the calling thread,
 * like {@code DynamoDbTestClients.RequestCounter} but per invocation. Added to {@code quarkus.dynamodb.interceptors}
 * next to the product's own timing interceptor by {@link BenchProfile}; the totals are cross-checked against
 * {@code DependencyTimer}'s DynamoDB call count.
 */
public class StoreOperations implements ExecutionInterceptor {

    private static final ThreadLocal<Map<String, Integer>> CURRENT = ThreadLocal.withInitial(TreeMap::new);
    private static final ExecutionAttribute<Long> STARTED = new ExecutionAttribute<>("bench.started");
    /** Across all threads (the drain's workers): requests and the time spent in them. */
    static final LongAdder ALL_CALLS = new LongAdder();
    static final LongAdder ALL_NANOS = new LongAdder();

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        CURRENT.get().merge(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME), 1, Integer::sum);
        attributes.putAttribute(STARTED, System.nanoTime());
        ALL_CALLS.increment();
    }

    @Override
    public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
        done(attributes);
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
        CURRENT.get().clear();
    }

    static Map<String, Integer> snapshot() {
        return new TreeMap<>(CURRENT.get());
    }
}
