package com.mvsync.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.mvsync.drain.DrainRequest;
import com.mvsync.drain.Drainer;
import com.mvsync.functions.WebhookFunctions;
import com.mvsync.http.HttpApiEvent;
import com.mvsync.http.HttpApiResponse;
import com.mvsync.magento.EntityType;
import com.mvsync.testing.lambda.HttpApiRequests;
import com.mvsync.testing.lambda.Samples;
import com.mvsync.testing.magento.FakeMagentoResource;
import com.mvsync.testing.moto.MotoDynamoDbResource;
import com.mvsync.testing.vtiger.FakeVtigerResource;
import com.mvsync.testing.vtiger.FakeVtigerServer;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Orders synced at the same moment that share a new buyer and a new product (records made on the side of each order,
 * under no order's own lock) still make each record once: the side records are made under their own entity lock.
 */
@QuarkusTest
@QuarkusTestResource(MotoDynamoDbResource.class)
@QuarkusTestResource(FakeVtigerResource.class)
@QuarkusTestResource(FakeMagentoResource.class)
class ConcurrentOrdersTest {

    static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    WebhookFunctions webhooks;
    @Inject
    Drainer drainer;

    FakeVtigerServer vtiger = FakeVtigerResource.server();

    @AfterEach
    void fast() {
        vtiger.setLatency(Duration.ZERO);
    }

    @Test
    void sixOrdersOfOneNewBuyerWithOneNewProductMakeEachRecordOnce() throws Exception {
        long base = System.currentTimeMillis() % 1_000_000 * 1000 + 600_000_000L;
        long customerId = base;
        String email = "together" + base + "@example.com";
        String sku = "TOGETHER-" + base;
        List<String> events = new ArrayList<>();
        for (int i = 1; i <= 6; i++) {
            String order = Samples.sales("rest/order_get_3005.json", base + i, customerId, email)
                    .replace("MB-TRAVEL-01", sku);
            events.add(HttpApiRequests.signedPost("/webhooks/orders/placed", order));
        }
        vtiger.setLatency(Duration.ofMillis(30)); // widens the window in which the orders overlap

        ExecutorService pool = Executors.newFixedThreadPool(6);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<HttpApiResponse>> answers = new ArrayList<>();
        try {
            for (String event : events) {
                HttpApiEvent request = JSON.readValue(event, HttpApiEvent.class);
                answers.add(pool.submit(() -> {
                    start.await();
                    return webhooks.webhook(request);
                }));
            }
            start.countDown();
            for (Future<HttpApiResponse> answer : answers) {
                assertThat(answer.get().statusCode()).as(answer.get().body()).isIn(200, 202);
            }
        } finally {
            pool.shutdown();
        }
        // Orders locked out of the buyer or product were queued: the drain completes them.
        drainer.drain(new DrainRequest(Duration.ofSeconds(60), 4, Set.of(EntityType.values()), Instant.now().plusSeconds(5)));

        assertThat(vtiger.records("Contacts").stream().filter(c -> email.equals(c.get("email")))).hasSize(1);
        assertThat(vtiger.records("Leads").stream().filter(c -> email.equals(c.get("email")))).hasSize(1);
        assertThat(vtiger.records("Products").stream().filter(p -> sku.equals(p.get("productcode")))).hasSize(1);
        for (int i = 1; i <= 6; i++) {
            String subject = "Magento order #9" + (base + i);
            assertThat(vtiger.records("SalesOrder").stream().filter(o -> subject.equals(o.get("subject"))))
                    .as(subject).hasSize(1);
        }
    }
}
