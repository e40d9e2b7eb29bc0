package com.mvsync.testing.moto;

import java.net.URI;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** DynamoDB clients for plain (non-Quarkus) tests, pointed at the shared moto server, counting requests. */
public final class DynamoDbTestClients {

    private DynamoDbTestClients() {
    }

    /** Counts DynamoDB requests by operation name (PutItem, TransactWriteItems, ...). */
    public static final class RequestCounter implements ExecutionInterceptor {
        private final Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();

        @Override
        public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
            counts.computeIfAbsent(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME),
                    k -> new AtomicInteger()).incrementAndGet();
        }

        public int total() {
            return counts.values().stream().mapToInt(AtomicInteger::get).sum();
        }

        public int of(String operation) {
            AtomicInteger n = counts.get(operation);
            return n == null ? 0 : n.get();
        }

        public void reset() {
            counts.clear();
        }

        @Override
        public String toString() {
            return counts.toString();
        }
    }

    public static DynamoDbClient create(RequestCounter counter) {
        return DynamoDbClient.builder()
                .endpointOverride(URI.create(MotoServer.shared().endpoint()))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(c -> c.addExecutionInterceptor(counter))
                .build();
    }
}
