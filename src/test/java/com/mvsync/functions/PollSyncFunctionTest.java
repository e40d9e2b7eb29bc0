package com.mvsync.functions;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.mvsync.drain.DrainReport;
import com.mvsync.drain.DrainRequest;
import com.mvsync.drain.Drainer;
import com.mvsync.magento.EntityType;
import com.mvsync.poll.PollReport;
import com.mvsync.poll.PollRun;
import com.mvsync.queue.QueueStore;
import com.mvsync.settings.SettingsStore;
import com.mvsync.settings.SettingsUpdate;
import com.mvsync.store.SyncTable;
import com.mvsync.testing.lambda.FunctionProfiles;
import com.mvsync.testing.lambda.Invoke;
import com.mvsync.testing.lambda.Samples;
import com.mvsync.testing.magento.FakeMagentoResource;
import com.mvsync.testing.magento.FakeMagentoServer;
import com.mvsync.testing.moto.MotoDynamoDbResource;
import com.mvsync.testing.vtiger.FakeVtigerResource;
import com.mvsync.testing.vtiger.FakeVtigerServer;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Poll mode end to end (the poll function's bean, the drain, moto, the Magento and Vtiger doubles): a polled REST
 * customer is synced by the drain like a webhook's; a poll that died before saving its cursor reads the entity
 * again, and the drain answers the same event from its record without a second Vtiger write; a webhook of a polled
 * type is left to the poll.
 */
@QuarkusTest
@TestProfile(FunctionProfiles.Webhook.class)
@QuarkusTestResource(MotoDynamoDbResource.class)
@QuarkusTestResource(FakeVtigerResource.class)
@QuarkusTestResource(FakeMagentoResource.class)
class PollSyncFunctionTest {

    static final AtomicLong ids = new AtomicLong(System.currentTimeMillis() % 1_000_000 * 100 + 40_000_000);
    static final ObjectMapper JSON = new ObjectMapper();
    static final DateTimeFormatter MAGENTO = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    @Inject
    PollFunctions poll;
    @Inject
    Drainer drainer;
    @Inject
    QueueStore queue;
    @Inject
    SettingsStore settings;
    @Inject
    DynamoDbClient dynamo;
    @Inject
    SyncTable table;

    FakeVtigerServer vtiger = FakeVtigerResource.server();
    FakeMagentoServer magento = FakeMagentoResource.server();
    long id;
    String email;

    @BeforeEach
    void unique() {
        id = ids.incrementAndGet();
        email = "polled" + id + "@example.com";
        vtiger.clearFaults();
        magento.reset();
        settings.update(SettingsUpdate.parse(json("{\"sources\":{\"customer\":{\"source\":\"poll\",\"startFrom\":\""
                + Instant.now().minus(Duration.ofMinutes(10)) + "\"}}}")));
    }

    @AfterEach
    void webhooksAgain() {
        settings.update(SettingsUpdate.parse(json("{\"sources\":{\"customer\":{\"source\":\"webhooks\"}}}")));
    }

    private void changeInMagento() {
        ObjectNode customer = (ObjectNode) json(Samples.customer("rest/customer_get_42.json", id, email));
        customer.put("updated_at", MAGENTO.format(LocalDateTime.now(ZoneOffset.UTC)));
        magento.putCustomer(customer);
    }

    private DrainReport drain() {
        return drainer.drain(new DrainRequest(Duration.ofSeconds(20), 2, Set.of(EntityType.CUSTOMER),
                Instant.now().plusSeconds(120)));
    }

    @Test
    void aPolledCustomerIsSyncedOnceEvenWhenAPollDiesBeforeItsCursor() {
        changeInMagento();

        PollReport report = poll.magentoPoll();

        PollRun run = report.types().stream().filter(r -> r.type() == EntityType.CUSTOMER).findFirst().orElseThrow();
        assertThat(run.status()).isEqualTo(PollRun.DONE);
        assertThat(queue.get("customer#" + id)).isPresent();
        String eventKey = queue.get("customer#" + id).orElseThrow().eventKey();
        int before = vtiger.calls("create");
        drain();
        assertThat(vtiger.calls("create") - before).as("Lead, Organization, Contact").isEqualTo(3);
        assertThat(vtiger.records("Contacts")).anySatisfy(c -> assertThat(c).containsEntry("email", email)
                .containsEntry("mailingcity", "San Francisco"));
        assertThat(queue.get("customer#" + id)).as("synced, so gone").isEmpty();

        // The poll's invocation died after queueing and before its cursor write: the next run reads it again.
        dynamo.deleteItem(b -> b.tableName(table.name()).key(Map.of(SyncTable.PK, AttributeValue.fromS("POLL"),
                SyncTable.SK, AttributeValue.fromS("customer"))));
        poll.magentoPoll();
        assertThat(queue.get("customer#" + id).orElseThrow().eventKey()).isEqualTo(eventKey);
        vtiger.resetCounts();

        drain();

        assertThat(vtiger.calls("create")).isZero();
        assertThat(vtiger.calls("revise")).isZero();
        assertThat(vtiger.calls("update")).isZero();
        assertThat(queue.get("customer#" + id)).isEmpty();
        assertThat(vtiger.records("Contacts").stream().filter(c -> email.equals(c.get("email")))).hasSize(1);
    }

    @Test
    void aWebhookOfAPolledTypeIsLeftToThePoll() {
        int before = vtiger.totalCalls();

        JsonPath answer = Invoke.signed("/webhooks/customers/created",
                Samples.customer("rest/customer_get_42.json", id, email), 200);

        assertThat(answer.getString("status")).isEqualTo("skipped");
        assertThat(answer.getString("message")).contains("polling");
        assertThat(vtiger.totalCalls()).isEqualTo(before);
        assertThat(queue.get("customer#" + id)).isEmpty();
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
