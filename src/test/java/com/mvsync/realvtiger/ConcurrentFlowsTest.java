package com.mvsync.realvtiger;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.mvsync.functions.WebhookFunctions;
import com.mvsync.http.HttpApiEvent;
import com.mvsync.http.HttpApiResponse;
import com.mvsync.queue.QueueStatus;
import com.mvsync.queue.QueueStore;
import com.mvsync.testing.lambda.FunctionEvents;
import com.mvsync.testing.lambda.Samples;
import com.mvsync.testing.realvtiger.RealVtigerProfile;
import com.mvsync.testing.realvtiger.RealVtigerRecords;
import com.mvsync.testing.realvtiger.RealVtigerTier;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Deliveries at the same moment through the product's own functions into a real Vtiger 8.2.0: colleagues of one
 * company registering together, and one event delivered many times at once. Every delivery runs on a thread of its
 * own, released together, as concurrent Lambda invocations are.
 */
@RealVtigerTier
@QuarkusTest
@TestProfile(RealVtigerProfile.class)
class ConcurrentFlowsTest {

    static final int COLLEAGUES = 10;
    static final int COPIES = 10;

    @Inject
    WebhookFunctions webhooks;
    @Inject
    QueueStore queue;

    RealVtigerRecords vtiger;

    @BeforeEach
    void run() {
        vtiger = new RealVtigerRecords();
    }

    @AfterEach
    void leaveTheServerAsFound() {
        assertThat(vtiger.deleteAll()).as("records of the run still live in Vtiger").isEmpty();
    }

    @Test
    void tenColleaguesRegisteringAtOnceShareOneOrganizationAndEachGetsTheirContact() throws Exception {
        String company = "Keller Design " + vtiger.nextId();
        List<Long> ids = new ArrayList<>();
        List<String> emails = new ArrayList<>();
        List<Callable<HttpApiResponse>> deliveries = new ArrayList<>();
        for (int i = 0; i < COLLEAGUES; i++) {
            long id = vtiger.nextId();
            String email = vtiger.email("rv-colleague", id);
            ids.add(id);
            emails.add(email);
            String body = Samples.customer("rest/customer_get_42.json", id, email)
                    .replace("Keller Design " + id, company);
            deliveries.add(() -> send(webhooks::webhook, "/webhooks/customers/created", body));
        }

        List<HttpApiResponse> answers = atOnce(deliveries);

        // Before the fix on main (the lead's): all ten look the company up, find none and create it; Vtiger's
        // Duplicate Prevention refuses all but the first ("Duplicate(s) detected!") and each refusal was a dead letter.
        assertThat(answers).extracting(r -> r.statusCode() + " " + FunctionEvents.body(r).path("status").asText())
                .as("every registration synced: %s", answers).containsOnly("200 synced");
        List<JsonNode> organizations = vtiger.query("Accounts", "accountname = '" + company + "'");
        assertThat(organizations).as("one Organization of the company").hasSize(1);
        String organization = organizations.get(0).path("id").asText();
        for (String email : emails) {
            assertThat(vtiger.query("Contacts", "email = '" + email + "'")).as("Contacts of " + email)
                    .singleElement().satisfies(c -> assertThat(c.path("account_id").asText()).isEqualTo(organization));
            assertThat(vtiger.query("Leads", "email = '" + email + "'")).as("Leads of " + email).hasSize(1);
        }
        assertThat(answers).extracting(r -> FunctionEvents.body(r).path("vtiger").path("Accounts").asText())
                .containsOnly(organization);
        assertThat(queue.list(QueueStatus.DEAD, 1000)).extracting(q -> q.entityKey())
                .doesNotContainAnyElementsOf(ids.stream().map(id -> "customer#" + id).toList());
    }

    @Test
    void aRegistrationAndAnOrderEachDeliveredTenTimesAtOnceMakeOneRecordSet() throws Exception {
        long customerId = vtiger.nextId();
        String email = vtiger.email("rv-storm", customerId);
        // Adobe I/O Events: every copy carries the same event id.
        String registration = Samples.customer("adobe-io-events/01_customer_save_commit_after_created.json",
                customerId, email);

        storm(webhooks::webhook, "/webhooks/customers/created", registration);

        for (String module : List.of("Leads", "Contacts")) {
            assertThat(vtiger.query(module, "email = '" + email + "'")).as(module + " of " + email).hasSize(1);
        }
        // The I/O event names no company: the Organization is the person's.
        assertThat(vtiger.query("Accounts", "email1 = '" + email + "'")).as("Organizations of " + email).hasSize(1);

        // A REST order (no event id: the copies are recognised by the body) of another, new buyer with new products.
        long orderId = vtiger.nextId();
        vtiger.nextId();
        long buyerId = vtiger.nextId();
        String buyer = vtiger.email("rv-storm", buyerId);
        String backpack = vtiger.sku("BACKPACK");
        String bottle = vtiger.sku("BOTTLE");
        String order = Samples.sales("rest/order_get_3005.json", orderId, buyerId, buyer)
                .replace("MB-TRAVEL-01", backpack).replace("WB-STEEL-750", bottle);

        storm(webhooks::webhook, "/webhooks/orders/placed", order);

        assertThat(vtiger.query("SalesOrder", "subject = 'Magento order #9" + orderId + "'")).singleElement()
                .satisfies(so -> assertThat(new BigDecimal(so.path("hdnGrandTotal").asText()))
                        .isEqualByComparingTo("148"));
        for (String module : List.of("Leads", "Contacts")) {
            assertThat(vtiger.query(module, "email = '" + buyer + "'")).as(module + " of " + buyer).hasSize(1);
        }
        assertThat(vtiger.query("Accounts", "accountname = 'Keller Design " + buyerId + "'")).hasSize(1);
        for (String sku : List.of(backpack, bottle)) {
            assertThat(vtiger.query("Products", "productcode = '" + sku + "'")).as("Products " + sku).hasSize(1);
        }
    }

    /**
     * Delivers {@code body} {@link #COPIES} times at once: each copy is answered 200 (synced, or replayed from the
     * first) or 409 while another copy holds the entity; the sender's retry of a 409 is answered from the record.
     */
    private void storm(Function<HttpApiEvent, HttpApiResponse> function, String path, String body) throws Exception {
        List<HttpApiResponse> answers = atOnce(Collections.nCopies(COPIES, () -> send(function, path, body)));

        List<String> records = new ArrayList<>();
        for (HttpApiResponse r : answers) {
            JsonNode answer = FunctionEvents.body(r);
            if (r.statusCode() == 409) {
                assertThat(answer.path("error").asText()).isEqualTo("in_progress");
                HttpApiResponse again = send(function, path, body);
                assertThat(again.statusCode()).as(again.body()).isEqualTo(200);
                answer = FunctionEvents.body(again);
                assertThat(answer.path("replayed").asBoolean()).as("a 409 re-sent is answered from the record")
                        .isTrue();
            } else {
                assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
                assertThat(answer.path("status").asText()).isEqualTo("synced");
            }
            records.add(answer.path("vtiger").toString());
        }
        assertThat(records).as("every copy answers the same records").containsOnly(records.get(0));
    }

    private HttpApiResponse send(Function<HttpApiEvent, HttpApiResponse> function, String path, String body) {
        return vtiger.deliver(function, path, body);
    }

    /** Runs every delivery on a thread of its own, all released together; answers in the deliveries' order. */
    private static List<HttpApiResponse> atOnce(List<Callable<HttpApiResponse>> deliveries) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(deliveries.size());
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<HttpApiResponse>> futures = new ArrayList<>();
            for (Callable<HttpApiResponse> delivery : deliveries) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return delivery.call();
                }));
            }
            start.countDown();
            List<HttpApiResponse> answers = new ArrayList<>();
            for (Future<HttpApiResponse> f : futures) {
                answers.add(f.get(120, TimeUnit.SECONDS));
            }
            return answers;
        } finally {
            pool.shutdownNow();
        }
    }
}
