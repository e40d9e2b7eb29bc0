package com.mvsync.functions;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.mvsync.mapping.MappingRow;
import com.mvsync.mapping.MappingStore;
import com.mvsync.mapping.RecordType;
import com.mvsync.testing.moto.MotoDynamoDbResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The console's mapping tools through the admin function (AdminFunctionTest's application: no Vtiger, no Magento):
 * validation without saving, the sync preview of a pasted payload, a fetch refused with the reason, and
 * the public console files.
 */
@QuarkusTest
@TestProfile(AdminFunctionTest.AdminProfile.class)
@QuarkusTestResource(MotoDynamoDbResource.class)
class ConsoleMappingToolsFunctionTest {

    record Answer(int status, Map<String, String> headers, JsonPath body, String raw) {
        String message() {
            return body.getString("message");
        }
    }

    @Inject
    MappingStore store;
    @Inject
    ObjectMapper json;

    @BeforeEach
    void emptyMapping() {
        store.all().forEach(r -> store.delete(r.type(), r.vtigerField()));
    }

    @Test
    void validatesAPathAsTypedWithTheSaveMessageAndSavesNothing() {
        Answer bad = call("POST", "/admin/mappings/validate",
                "{\"type\":\"Contact\",\"vtigerField\":\"title\",\"magentoField\":\"'VIP ' +\"}");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.body().getString("error")).isEqualTo("invalid_mapping");
        Answer save = call("POST", "/admin/mappings",
                "{\"type\":\"Contact\",\"vtigerField\":\"title\",\"magentoField\":\"'VIP ' +\"}");
        assertThat(bad.message()).isNotBlank().isEqualTo(save.message());

        Answer pathOnly = call("POST", "/admin/mappings/validate", "{\"type\":\"Contact\",\"magentoField\":\"email\"}");
        assertThat(pathOnly.status()).isEqualTo(200);
        assertThat(pathOnly.body().getString("checked")).isEqualTo("path");
        Answer row = call("POST", "/admin/mappings/validate",
                "{\"type\":\"Contact\",\"vtigerField\":\"title\",\"magentoField\":\"'VIP ' + lastname\"}");
        assertThat(row.status()).isEqualTo(200);
        assertThat(row.body().getString("checked")).isEqualTo("row");
        assertThat(store.get(RecordType.CONTACT, "title")).isEmpty();
        assertThat(call("GET", "/admin/mappings/validate", null).status()).isEqualTo(405);
    }

    @Test
    void aPathNamingAFieldNoMagentoCustomerHasIsRefusedAndACustomAttributeAccepted() {
        String unknown = "{\"type\":\"Contact\",\"vtigerField\":\"title\",\"magentoField\":\"nonexistent_field\"}";
        for (String route : List.of("/admin/mappings/validate", "/admin/mappings")) {
            Answer refused = call("POST", route, unknown);
            assertThat(refused.status()).as(route).isEqualTo(400);
            assertThat(refused.message()).startsWith("'nonexistent_field' is not a field of a Magento customer");
        }
        Answer pathOnly = call("POST", "/admin/mappings/validate",
                "{\"type\":\"Contact\",\"magentoField\":\"nonexistent_field\"}");
        assertThat(pathOnly.status()).isEqualTo(400);
        assertThat(store.get(RecordType.CONTACT, "title")).isEmpty();

        Answer custom = call("POST", "/admin/mappings/validate",
                "{\"type\":\"Contact\",\"vtigerField\":\"title\",\"magentoField\":\"custom_attributes.loyalty_tier\"}");
        assertThat(custom.status()).as(custom.raw()).isEqualTo(200);
        assertThat(custom.body().getBoolean("valid")).isTrue();
    }

    @Test
    void previewsAPastedCustomerByTheSyncsOwnMapping() throws Exception {
        store.put(new MappingRow(RecordType.CONTACT, "title", "'VIP ' + lastname", true, null));
        ObjectNode body = json.createObjectNode().put("entity", "customer");
        try (InputStream in = getClass().getResourceAsStream("/magento/rest/customer_get_42.json")) {
            body.set("payload", json.readTree(in));
        }
        String lastname = body.path("payload").path("lastname").asText();

        Answer preview = call("POST", "/admin/preview", body.toString());
        assertThat(preview.status()).as(preview.raw()).isEqualTo(200);
        assertThat(preview.body().getString("source")).isEqualTo("payload");
        assertThat(preview.body().getList("records.module")).containsExactly("Leads", "Accounts", "Contacts");
        Map<String, String> contact = preview.body().getMap("records.find { it.module == 'Contacts' }.fields");
        assertThat(contact).containsEntry("title", "VIP " + lastname).containsEntry("lastname", lastname)
                .containsKey("account_id");
    }

    @Test
    void aLabelMagentoCannotNameIsLeftOutOfThePreviewWithTheReason() throws Exception {
        store.put(MappingRow.of(RecordType.LEAD, "industry", "label(custom_attributes.loyalty_tier)", null));
        ObjectNode body = json.createObjectNode().put("entity", "customer");
        try (InputStream in = getClass().getResourceAsStream("/magento/rest/customer_get_42.json")) {
            body.set("payload", json.readTree(in));
        }

        Answer preview = call("POST", "/admin/preview", body.toString());

        assertThat(preview.status()).as(preview.raw()).isEqualTo(200);
        assertThat(preview.body().getMap("records.find { it.module == 'Leads' }.fields", String.class, String.class))
                .doesNotContainKey("industry").doesNotContainValue("gold");
        assertThat(preview.body().getList("records.find { it.module == 'Leads' }.notes", String.class))
                .anySatisfy(note -> assertThat(note).startsWith("Leads.industry left out: the labels of attribute"
                        + " loyalty_tier are unknown: "));
    }

    @Test
    void thePreviewShowsValuesAsVtigerWillHoldThemWithTheNotes() throws Exception {
        ObjectNode body = json.createObjectNode().put("entity", "customer");
        try (InputStream in = getClass().getResourceAsStream("/magento/rest/customer_get_42.json")) {
            body.set("payload", json.readTree(in));
        }
        ((ObjectNode) body.path("payload")).put("firstname", "Zoë 🎉");
        ((ObjectNode) body.path("payload").path("addresses").get(0)).putArray("street").add("s".repeat(255));

        Answer preview = call("POST", "/admin/preview", body.toString());

        assertThat(preview.status()).as(preview.raw()).isEqualTo(200);
        Map<String, String> contact = preview.body().getMap("records.find { it.module == 'Contacts' }.fields");
        assertThat(contact).containsEntry("firstname", "Zoë \uFFFD").containsEntry("mailingstreet", "s".repeat(250));
        assertThat(preview.body().getList("records.find { it.module == 'Contacts' }.notes", String.class)).contains(
                "Contacts.mailingstreet cut from 255 to 250 characters (Vtiger's column holds 250)",
                "Contacts.firstname: 1 character Vtiger cannot store (emoji or another 4-byte character) replaced");
    }

    @Test
    void previewsAnOrderWithItsLines() throws Exception {
        ObjectNode body = json.createObjectNode().put("entity", "order");
        try (InputStream in = getClass().getResourceAsStream("/magento/rest/order_get_3005.json")) {
            body.set("payload", json.readTree(in));
        }
        Answer preview = call("POST", "/admin/preview", body.toString());
        assertThat(preview.status()).as(preview.raw()).isEqualTo(200);
        assertThat(preview.body().getList("records.module")).containsExactly("SalesOrder");
        assertThat(preview.body().getList("records[0].lines")).isNotEmpty();
        assertThat(preview.body().getString("records[0].lines[0].productid")).isEqualTo("(linked by the sync)");
    }

    @Test
    void refusesWhatItCannotDoWithTheReason() {
        Answer byId = call("POST", "/admin/preview", "{\"entity\":\"customer\",\"id\":\"42\"}");
        // This application's Magento (application.properties %test) has no such customer to give.
        assertThat(byId.status()).as(byId.raw()).isEqualTo(502);
        assertThat(byId.message()).startsWith("Magento could not supply customer 42: ");
        assertThat(call("POST", "/admin/preview", "{\"entity\":\"cart\",\"id\":\"1\"}").message())
                .isEqualTo("entity must be customer, product, order, invoice, creditmemo or shipment, not 'cart'");
        assertThat(call("POST", "/admin/preview", "{\"entity\":\"order\"}").message())
                .isEqualTo("give the order's id (fetched from Magento) or paste its payload");
        // describe itself is covered against the Vtiger double by ConsoleBrowserTest (the field picker).
        Answer unknown = call("GET", "/admin/describe/Cart", null);
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.message()).startsWith("unknown type 'Cart'");
    }

    @Test
    void servesTheConsoleFilesWithStrictHeaders() {
        Answer shell = call("GET", "/console/index.html", null);
        assertThat(shell.status()).isEqualTo(200);
        assertThat(shell.raw()).contains("<script type=\"module\" src=\"app.js\">").doesNotContain("<script>");
        assertThat(shell.headers()).containsEntry("content-type", "text/html; charset=utf-8")
                .containsEntry("x-content-type-options", "nosniff").containsEntry("cache-control", "no-cache");
        assertThat(shell.headers().get("content-security-policy")).startsWith("default-src 'self'; connect-src 'self';");
        assertThat(call("GET", "/console/style.css", null).headers()).containsEntry("content-type",
                "text/css; charset=utf-8").containsEntry("cache-control", "public, max-age=300");
        assertThat(call("GET", "/console", null).headers()).containsEntry("location", "/console/index.html");
        assertThat(call("GET", "/console/nothing.js", null).status()).isEqualTo(404);
        assertThat(call("GET", "/console/App.JS", null).status()).isEqualTo(404);
        assertThat(call("POST", "/console/index.html", null).status()).isEqualTo(405);
        assertThat(call("GET", "/console/config.json", null).raw()).isEqualTo("{\"auth\":\"token\"}");
    }

    private Answer call(String method, String path, String body) {
        ObjectNode event = json.createObjectNode();
        event.put("version", "2.0").put("routeKey", "$default").put("rawPath", path).put("rawQueryString", "");
        event.putObject("headers").put("content-type", "application/json");
        ObjectNode context = event.putObject("requestContext");
        context.put("requestId", "test-request");
        context.putObject("http").put("method", method).put("path", path).put("sourceIp", "127.0.0.1");
        if (body != null) {
            event.put("body", body);
        }
        event.put("isBase64Encoded", false);
        JsonPath response = given().contentType("application/json").body(event.toString())
                .when().post()
                .then().statusCode(200).extract().jsonPath();
        String responseBody = response.getString("body");
        return new Answer(response.getInt("statusCode"), response.getMap("headers"),
                responseBody == null || !responseBody.startsWith("{") ? new JsonPath("{}") : new JsonPath(responseBody),
                responseBody);
    }
}
