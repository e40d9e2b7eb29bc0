package com.mvsync.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.mvsync.http.Route;
import com.mvsync.functions.Routes;
import com.mvsync.testing.lambda.FunctionProfiles;
import com.mvsync.testing.lambda.HttpApiRequests;
import com.mvsync.testing.lambda.Samples;
import com.mvsync.testing.moto.MotoDynamoDbResource;
import com.mvsync.testing.vtiger.FakeVtigerResource;
import com.mvsync.testing.vtiger.FakeVtigerServer;
import com.mvsync.http.HttpApiEvent;
import com.mvsync.http.HttpApiResponse;
import com.mvsync.webhook.auth.HmacSignature;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * A corpus of bad requests sent to every webhook route (through the route table, to the function each route's
 * Lambda runs): broken, oversized, mistyped, incomplete, unsigned, replayed, foreign and undecodable bodies. Each is
 * answered 4xx with a message that says what is wrong, and none reaches Vtiger or leaves anything in DynamoDB: no
 * event record, no link, no queue item, no sync log line.
 */
@QuarkusTest
@TestProfile(FunctionProfiles.Webhook.class)
@QuarkusTestResource(MotoDynamoDbResource.class)
@QuarkusTestResource(FakeVtigerResource.class)
class BadInputCorpusTest {

    static final Map<String, String> EVENTS = Map.of("customer", "customer_save_commit_after",
            "product", "catalog_product_save_commit_after", "order", "sales_order_save_commit_after",
            "invoice", "sales_order_invoice_save_commit_after",
            "creditmemo", "sales_order_creditmemo_save_commit_after",
            "shipment", "sales_order_shipment_save_commit_after");
    static final List<String> PREFIXES = List.of("EVENT#", "LINK#", "QUEUE#", "LOG#");

    @Inject
    Routes routes;
    @Inject
    DynamoDbClient dynamo;

    FakeVtigerServer vtiger = FakeVtigerResource.server();

    /** One bad request: how to build it for a route, and what the answer must say. */
    record Case(String name, Function<String, HttpApiEvent> request, int status, String error, String... says) {
    }

    /** A webhook route and a valid body of its entity type (REST shape), as JSON to spoil. */
    record Hook(String path, String entity, ObjectNode valid) {
    }

    long id = System.currentTimeMillis() % 1_000_000 * 1000 + 700_000_000L;

    @Test
    void everyBadRequestIsA4xxSayingWhyAndTouchesNothing() throws Exception {
        List<Hook> hooks = List.of(
                new Hook("/webhooks/customers/created", "customer",
                        json(Samples.customer("rest/customer_get_42.json", id, "bad" + id + "@example.com"))),
                new Hook("/webhooks/customers/updated", "customer",
                        json(Samples.customer("rest/customer_get_42.json", id + 1, "bad" + (id + 1) + "@example.com"))),
                new Hook("/webhooks/products/saved", "product",
                        json(Samples.product("rest/product_get_MB-TRAVEL-01.json", "BAD-" + id))),
                new Hook("/webhooks/orders/placed", "order",
                        json(Samples.sales("rest/order_get_3005.json", id + 2, id + 3, "bad" + id + "@example.com"))),
                new Hook("/webhooks/invoices/created", "invoice",
                        json(Samples.sales("rest/invoice_get_2001.json", id + 4, id + 5, "bad" + id + "@example.com"))),
                new Hook("/webhooks/creditmemos/created", "creditmemo",
                        json(Samples.sales("rest/creditmemo_get_5001.json", id + 6, id + 7, "bad" + id + "@example.com"))),
                new Hook("/webhooks/shipments/created", "shipment",
                        json(Samples.sales("rest/shipment_get_6001.json", id + 8, id + 9, "bad" + id + "@example.com"))),
                new Hook("/webhooks/customers/deleted", "customer",
                        json(Samples.customer("rest/customer_get_42.json", id + 10, "bad" + (id + 10) + "@example.com"))),
                new Hook("/webhooks/products/deleted", "product",
                        json(Samples.product("rest/product_get_MB-TRAVEL-01.json", "BAD-D-" + id))));
        assertThat(hooks.stream().map(Hook::path).toList()).as("every webhook route of the route table")
                .containsExactlyInAnyOrderElementsOf(routes.all().stream().map(Route::path)
                        .filter(p -> p.startsWith("/webhooks/")).toList());

        Map<String, Long> before = counts();
        vtiger.clearFaults();
        vtiger.resetCounts();
        List<String> failures = new ArrayList<>();
        int sent = 0;
        for (Hook hook : hooks) {
            Route route = routes.find("POST", hook.path()).orElseThrow().route();
            for (Case c : corpus(hook)) {
                HttpApiResponse response = route.function().apply(c.request().apply(hook.path()));
                sent++;
                JsonNode body = Deliveries.body(response);
                String message = body.path("message").asText("");
                String label = hook.path() + " / " + c.name() + ": " + response.statusCode() + " " + response.body();
                if (response.statusCode() != c.status() || !c.error().equals(body.path("error").asText())
                        || !Arrays.stream(c.says()).allMatch(message::contains)) {
                    failures.add(label.substring(0, Math.min(label.length(), 600)) + "\n  expected " + c.status()
                            + " " + c.error() + " saying " + Arrays.toString(c.says()));
                }
            }
        }
        assertThat(failures).as("answers that are not the expected 4xx with a clear message").isEmpty();
        assertThat(sent).isEqualTo(hooks.size() * corpus(hooks.get(0)).size());
        assertThat(vtiger.totalCalls()).as("no Vtiger call: %s", vtiger.callCounts()).isZero();
        assertThat(counts()).as("nothing stored in DynamoDB").isEqualTo(before);
    }

    private List<Case> corpus(Hook hook) {
        String valid = hook.valid().toString();
        byte[] validBytes = Deliveries.utf8(valid);
        String idField = hook.entity().equals("customer") || hook.entity().equals("product") ? "id" : "entity_id";
        String textField = Map.of("customer", "email", "product", "sku", "order", "customer_email", "invoice",
                "increment_id", "creditmemo", "increment_id", "shipment", "increment_id").get(hook.entity());
        List<String> required = Map.of("customer", List.of("email"), "product", List.of("sku"),
                "order", List.of("entity_id", "increment_id"), "invoice", List.of("order_id"),
                "creditmemo", List.of("order_id"), "shipment", List.of("order_id")).get(hook.entity());
        List<Case> cases = new ArrayList<>(List.of(
                new Case("truncated body", p -> Deliveries.signed(p, valid.substring(0, valid.length() / 2)), 400,
                        "invalid_payload", "malformed JSON", "expected a JSON object"),
                new Case("2 MB body", p -> Deliveries.signed(p, oversized(hook.valid())), 413, "body_too_large",
                        "at most 1048576"),
                new Case(idField + " as an array", p -> Deliveries.signed(p, with(hook.valid(), idField,
                        hook.valid().arrayNode().add(1).add(2)).toString()), 400, "invalid_payload",
                        "field '" + idField + "' must be an integer; got an array"),
                new Case("no known shape", p -> Deliveries.signed(p, "{\"" + idField + "\": 5, \"note\": \"x\"}"),
                        400, "invalid_payload", "unrecognised " + hook.entity() + " payload", "Expected one of"),
                new Case("bare REST entity missing " + required, p -> Deliveries.signed(p,
                        without(hook.valid(), required)), 400, "invalid_payload",
                        "unrecognised " + hook.entity() + " payload", "a Magento REST " + hook.entity()),
                new Case("I/O event missing " + required, p -> Deliveries.signed(p, "{\"specversion\":\"1.0\","
                        + "\"id\":\"m-" + id + "\",\"source\":\"urn:x\",\"type\":\"com.adobe.commerce.observer."
                        + EVENTS.get(hook.entity()) + "\",\"data\":{\"value\":" + without(hook.valid(), required)
                        + "}}"), 400, "invalid_payload", hook.entity() + " payload has "
                        + (required.size() > 1 ? "neither '" : "no '") + required.get(0) + "'"),
                new Case("wrong signature", p -> Deliveries.post(p, validBytes, Map.of("x-mvsync-signature",
                        "t=" + Instant.now().getEpochSecond() + ",v1=" + "0".repeat(64))), 401, "unauthorized",
                        "signature does not match"),
                new Case("no credentials", p -> Deliveries.post(p, validBytes, Map.of()), 401, "unauthorized",
                        "no webhook credentials presented", "X-Mvsync-Signature"),
                new Case("replayed signature (6 minutes old)", p -> Deliveries.post(p, validBytes,
                        Map.of("x-mvsync-signature", HmacSignature.header(HttpApiRequests.HMAC_SECRET,
                                Instant.now().getEpochSecond() - 360, validBytes))), 401, "unauthorized",
                        "older than the 300 s tolerance", "replay"),
                new Case("wrong shared secret", p -> Deliveries.post(p, validBytes,
                        Map.of("x-webhook-secret", "not-the-secret")), 401, "unauthorized", "X-Webhook-Secret"),
                new Case("unknown I/O event customer_login", p -> Deliveries.signed(p,
                        "{\"specversion\":\"1.0\",\"id\":\"e-" + id + "\",\"source\":\"urn:x\","
                                + "\"type\":\"com.adobe.commerce.observer.customer_login\","
                                + "\"data\":{\"value\":" + valid + "}}"), 400, "invalid_payload",
                        "customer_login"),
                new Case("unknown Mageplaza event new_order_comment", p -> Deliveries.signed(p,
                        with(hook.valid(), "event", hook.valid().textNode("new_order_comment")).toString()), 400,
                        "invalid_payload", "new_order_comment"),
                new Case("non-UTF-8 bytes", p -> Deliveries.signed(p, valid.replaceFirst("\\}$", ",\"note\":\"M\u00fcller\"}").getBytes(StandardCharsets.ISO_8859_1)),
                        400, "invalid_payload", "not valid UTF-8"),
                new Case("empty body", p -> Deliveries.signed(p, new byte[0]), 400, "invalid_payload", "empty body"),
                new Case("JSON array", p -> Deliveries.signed(p, "[" + valid + "]"), 400, "invalid_payload",
                        "body is a JSON array", "expected a JSON object"),
                new Case("JSON null", p -> Deliveries.signed(p, "null"), 400, "invalid_payload",
                        "body is a JSON null"),
                new Case("JSON string", p -> Deliveries.signed(p, "\"" + hook.entity() + "\""), 400,
                        "invalid_payload", "body is a JSON string"),
                new Case("base64-flagged garbage", p -> base64Flagged(p, "%%%not*base64==x"), 400,
                        "invalid_body", "flagged base64")));
        cases.add(new Case(textField + " as an object", p -> Deliveries.signed(p, with(hook.valid(), textField,
                hook.valid().objectNode().put("address", "x@example.com")).toString()), 400, "invalid_payload",
                "field '" + textField + "' must be a string; got an object"));
        return cases;
    }

    private Map<String, Long> counts() {
        Map<String, Long> counts = new LinkedHashMap<>();
        PREFIXES.forEach(p -> counts.put(p, Deliveries.count(dynamo, p)));
        return counts;
    }

    private static HttpApiEvent base64Flagged(String path, String body) {
        ObjectNode event = (ObjectNode) json(HttpApiRequests.signedPost(path, "{}"));
        event.put("body", body).put("isBase64Encoded", true);
        return Deliveries.event(event.toString());
    }

    private static String oversized(ObjectNode valid) {
        ObjectNode copy = valid.deepCopy();
        copy.put("padding", "x".repeat(2 * 1024 * 1024));
        return copy.toString();
    }

    private static String without(ObjectNode valid, List<String> fields) {
        ObjectNode copy = valid.deepCopy();
        copy.remove(fields);
        return copy.toString();
    }

    private static ObjectNode with(ObjectNode valid, String field, JsonNode value) {
        ObjectNode copy = valid.deepCopy();
        copy.set(field, value);
        return copy;
    }

    private static ObjectNode json(String text) {
        try {
            return (ObjectNode) Deliveries.JSON.readTree(text);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }
}
