package com.mvsync.functions;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.mvsync.mapping.FieldMapper;
import com.mvsync.mapping.MappingStore;
import com.mvsync.mapping.RecordType;
import com.mvsync.testing.moto.MotoDynamoDbResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The admin function end to end: HttpApi events through the Lambda mock event server, rows in moto. */
@QuarkusTest
@TestProfile(AdminFunctionTest.AdminProfile.class)
@QuarkusTestResource(MotoDynamoDbResource.class)
class AdminFunctionTest {

    public static class AdminProfile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.funqy.export", "admin",
                    "mvsync.mapping.cache-ttl", "PT0S",
                    "mvsync.store.table", "admin-function-test",
                    "mvsync.connection.parameter-prefix", "/admin-function-test/");
        }
    }

    /** The function's answer: the HttpApi response it returned, with its body parsed. */
    record Answer(int status, Map<String, String> headers, JsonPath body) {
        String message() {
            return body.getString("message");
        }
    }

    @Inject
    MappingStore store;
    @Inject
    FieldMapper mapper;
    @Inject
    ObjectMapper json;
    @Inject
    Routes routes;

    @BeforeEach
    void emptyMapping() {
        store.all().forEach(r -> store.delete(r.type(), r.vtigerField()));
    }

    @Test
    void listsTheEffectiveRowsOfEveryType() {
        Answer answer = call("GET", "/admin/mappings", null);
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body().getList("types.type")).containsExactly("Lead", "Organization", "Contact", "Product",
                "Sales Order", "Invoice", "Line Item", "Credit Memo", "Credited Invoice", "Shipment", "Deleted Lead",
                "Deleted Organization", "Deleted Contact", "Deleted Product");
        Map<String, Object> lastname = answer.body()
                .getMap("types.find { it.type == 'Contact' }.mappings.find { it.vtigerField == 'lastname' }");
        assertThat(lastname).containsEntry("magentoField", "lastname").containsEntry("status", "active")
                .containsEntry("source", "default").containsEntry("type", "Contact");
    }

    @Test
    void listsOneTypeWhateverItIsCalled() {
        post("/admin/mappings", "{\"type\":\"Contact\",\"vtigerField\":\"title\","
                + "\"magentoField\":\"custom_attributes.loyalty_tier\"}");
        for (String type : new String[] {"Contact", "CONTACT", "Contacts"}) {
            Answer answer = call("GET", "/admin/mappings", "type=" + type, null);
            assertThat(answer.body().getList("types.module")).containsExactly("Contacts");
            assertThat(answer.body().getString("types[0].mappings.find { it.vtigerField == 'title' }.source"))
                    .isEqualTo("configured");
        }
        Answer unknown = call("GET", "/admin/mappings", "type=Customer", null);
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.message()).startsWith("unknown type 'Customer'");
    }

    @Test
    void aCreatedRowIsServedAndUsedByTheNextSync() throws IOException {
        assertThat(mapper.map(RecordType.CONTACT, customer())).doesNotContainKey("title");

        Answer created = post("/admin/mappings", "{\"type\":\"Contact\",\"vtigerField\":\"title\","
                + "\"magentoField\":\"custom_attributes.loyalty_tier\",\"status\":\"active\","
                + "\"description\":\"Loyalty tier\"}");
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.headers()).containsEntry("location", "/admin/mappings/Contacts/title");
        assertThat(created.body().getString("source")).isEqualTo("configured");

        Answer read = call("GET", "/admin/mappings/Contact/title", null);
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.body().getString("description")).isEqualTo("Loyalty tier");
        assertThat(mapper.map(RecordType.CONTACT, customer())).containsEntry("title", "gold");
    }

    @Test
    void postingAnExistingRowIsAConflict() {
        String row = "{\"type\":\"Contact\",\"vtigerField\":\"department\",\"magentoField\":\"email\"}";
        assertThat(post("/admin/mappings", row).status()).isEqualTo(201);
        Answer again = post("/admin/mappings", row);
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.body().getString("error")).isEqualTo("conflict");
        assertThat(again.message()).contains("Contacts.department is already mapped; change it with PUT");

        Answer overDefault = post("/admin/mappings",
                "{\"type\":\"Contact\",\"vtigerField\":\"email\",\"magentoField\":\"email\"}");
        assertThat(overDefault.status()).isEqualTo(409);
        assertThat(overDefault.message()).contains("built-in default");
    }

    @Test
    void putOverridesADefaultAndDeleteRestoresIt() throws IOException {
        Answer put = call("PUT", "/admin/mappings/Contact/leadsource", "{\"magentoField\":\"'Magento Store'\"}");
        assertThat(put.status()).isEqualTo(200);
        assertThat(put.body().getString("source")).isEqualTo("configured");
        assertThat(put.body().getString("description")).as("kept from the default").isEqualTo("Lead source");
        assertThat(mapper.map(RecordType.CONTACT, customer())).containsEntry("leadsource", "Magento Store");

        Answer deleted = call("DELETE", "/admin/mappings/Contact/leadsource", null);
        assertThat(deleted.status()).isEqualTo(204);
        assertThat(call("GET", "/admin/mappings/Contacts/leadsource", null).body().getString("source"))
                .isEqualTo("default");
        assertThat(mapper.map(RecordType.CONTACT, customer())).containsEntry("leadsource", "Web Site");
    }

    @Test
    void aDefaultIsSwitchedOffBySettingItInactive() throws IOException {
        Answer off = call("PUT", "/admin/mappings/CONTACT/birthday", "{\"status\":\"inactive\"}");
        assertThat(off.status()).isEqualTo(200);
        assertThat(off.body().getString("status")).isEqualTo("inactive");
        assertThat(mapper.map(RecordType.CONTACT, customer())).doesNotContainKey("birthday");
    }

    @Test
    void deletingABuiltInDefaultIsRefused() {
        Answer answer = call("DELETE", "/admin/mappings/Contact/email", null);
        assertThat(answer.status()).isEqualTo(404);
        assertThat(answer.message()).isEqualTo("Contacts.email: this is a built-in default; set it inactive instead");
    }

    @Test
    void leavingAMandatoryFieldUnmappedIsRefused() {
        Answer answer = call("PUT", "/admin/mappings/Contact/lastname", "{\"status\":\"inactive\"}");
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.body().getString("error")).isEqualTo("invalid_mapping");
        assertThat(answer.message()).isEqualTo("Contacts.lastname is mandatory in Vtiger and would be left unmapped");

        Answer delete = call("PUT", "/admin/mappings/Sales%20Order/subject", "{\"status\":\"inactive\"}");
        assertThat(delete.status()).isEqualTo(400);
        assertThat(delete.message()).isEqualTo("SalesOrder.subject is mandatory in Vtiger and would be left unmapped");
    }

    @Test
    void aRowsRulesRoundTripThroughTheApiWithTheirDefaults() {
        Answer defaults = call("GET", "/admin/mappings", "type=Organization", null);
        assertThat(defaults.body().getMap("types[0].mappings.find { it.vtigerField == 'email1' }"))
                .as("a member's e-mail is written to a shared company Organization only while it has none")
                .containsEntry("write", "when-empty-if-shared").containsEntry("freeText", false)
                .containsEntry("htmlToText", false);
        assertThat(defaults.body().getString("types[0].mappings.find { it.vtigerField == 'accountname' }.write"))
                .isEqualTo("always");
        assertThat(call("GET", "/admin/mappings/Product/description", null).body().getBoolean("htmlToText"))
                .isTrue();

        Answer created = post("/admin/mappings", "{\"type\":\"Contact\",\"vtigerField\":\"department\","
                + "\"magentoField\":\"custom_attributes.department\",\"write\":\"on-create\",\"freeText\":true,"
                + "\"htmlToText\":true}");
        assertThat(created.status()).isEqualTo(201);
        Answer read = call("GET", "/admin/mappings/Contact/department", null);
        assertThat(read.body().getString("write")).isEqualTo("on-create");
        assertThat(read.body().getBoolean("freeText")).isTrue();
        assertThat(read.body().getBoolean("htmlToText")).isTrue();

        Answer changed = call("PUT", "/admin/mappings/Contact/department", "{\"write\":\"when-empty\"}");
        assertThat(changed.status()).isEqualTo(200);
        Answer after = call("GET", "/admin/mappings/Contact/department", null);
        assertThat(after.body().getString("write")).isEqualTo("when-empty");
        assertThat(after.body().getBoolean("freeText")).as("left out of the PUT: kept").isTrue();
        assertThat(after.body().getString("magentoField")).isEqualTo("custom_attributes.department");
        call("DELETE", "/admin/mappings/Contact/department", null);
    }

    @Test
    void aBadRuleIsA400AndNothingIsStored() {
        Answer rule = post("/admin/mappings", "{\"type\":\"Contact\",\"vtigerField\":\"department\","
                + "\"magentoField\":\"email\",\"write\":\"sometimes\"}");
        assertThat(rule.status()).isEqualTo(400);
        assertThat(rule.message()).isEqualTo("the write rule must be one of always, when-empty, when-empty-if-shared,"
                + " on-create, not 'sometimes'");
        Answer shared = post("/admin/mappings", "{\"type\":\"Contact\",\"vtigerField\":\"department\","
                + "\"magentoField\":\"email\",\"write\":\"when-empty-if-shared\"}");
        assertThat(shared.status()).isEqualTo(400);
        assertThat(shared.message()).startsWith("the write rule when-empty-if-shared is for Organizations");
        Answer flag = call("PUT", "/admin/mappings/Organization/email1", "{\"freeText\":\"yes\"}");
        assertThat(flag.status()).isEqualTo(400);
        assertThat(flag.message()).isEqualTo("freeText must be true or false");
        Answer html = call("PUT", "/admin/mappings/Product/description", "{\"htmlToText\":1}");
        assertThat(html.status()).isEqualTo(400);

        assertThat(call("GET", "/admin/mappings/Contact/department", null).status()).isEqualTo(404);
        assertThat(call("GET", "/admin/mappings/Organization/email1", null).body().getString("source"))
                .isEqualTo("default");
        assertThat(call("GET", "/admin/mappings/Product/description", null).body().getString("source"))
                .isEqualTo("default");
    }

    @Test
    void aRowsDirectionAndConflictRuleRoundTripAndAPathMagentoCannotTakeBackIsA400() {
        // Two-way: a row that flows back needs a path Magento takes back; the 400 names the path.
        Answer back = call("PUT", "/admin/mappings/Product/productname", "{\"direction\":\"vtiger-to-magento\"}");
        assertThat(back.status()).isEqualTo(400);
        assertThat(back.message()).startsWith("'name ?? sku' cannot be written to Magento");
        Answer price = call("PUT", "/admin/mappings/Product/unit_price", "{\"direction\":\"both\","
                + "\"conflict\":\"magento-wins\"}");
        assertThat(price.status()).isEqualTo(200);
        assertThat(price.body().getString("direction")).isEqualTo("both");
        assertThat(price.body().getString("conflict")).isEqualTo("magento-wins");
        assertThat(call("GET", "/admin/mappings/Product/qtyinstock", null).body().getString("direction"))
                .isEqualTo("magento-to-vtiger");
    }

    @Test
    void invalidInputIsA400WithAMessage() {
        Answer badPath = post("/admin/mappings",
                "{\"type\":\"Contact\",\"vtigerField\":\"department\",\"magentoField\":\"first name\"}");
        assertThat(badPath.status()).isEqualTo(400);
        assertThat(badPath.body().getString("error")).isEqualTo("invalid_mapping");
        assertThat(badPath.message()).contains("is not a valid path");

        Answer malformed = post("/admin/mappings", "{\"type\":\"Contact\",");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.body().getString("error")).isEqualTo("invalid_mapping");
        assertThat(malformed.message()).startsWith("the request body is not valid JSON");

        Answer typo = post("/admin/mappings", "{\"type\":\"Contact\",\"vtiger_field\":\"department\"}");
        assertThat(typo.status()).isEqualTo(400);
        assertThat(typo.message()).startsWith("unknown property 'vtiger_field'");

        Answer status = post("/admin/mappings",
                "{\"type\":\"Contact\",\"vtigerField\":\"department\",\"magentoField\":\"email\",\"status\":\"on\"}");
        assertThat(status.message()).isEqualTo("the status must be active or inactive, not 'on'");
    }

    @Test
    void unknownRowsRoutesAndMethods() {
        Answer row = call("GET", "/admin/mappings/Contact/cf_nothing", null);
        assertThat(row.status()).isEqualTo(404);
        assertThat(row.message()).isEqualTo("no mapping for Contacts.cf_nothing");

        Answer put = call("PUT", "/admin/mappings/Contact/cf_nothing", "{\"magentoField\":\"email\"}");
        assertThat(put.status()).isEqualTo(404);
        assertThat(put.message()).contains("create it with POST");

        assertThat(call("DELETE", "/admin/mappings/Contact/cf_nothing", null).status()).isEqualTo(404);
        assertThat(call("GET", "/admin/nothing", null).status()).isEqualTo(404);

        Answer method = call("PATCH", "/admin/mappings/Contact/lastname", "{}");
        assertThat(method.status()).isEqualTo(405);
        assertThat(method.headers()).containsEntry("allow", "GET, PUT, DELETE");
        assertThat(call("DELETE", "/admin/mappings", null).status()).isEqualTo(405);

        Answer type = call("GET", "/admin/mappings/Customer/lastname", null);
        assertThat(type.status()).isEqualTo(400);
        assertThat(type.message()).startsWith("unknown type 'Customer'");
    }

    @Test
    void theLocalRouteTableMatchesPathTemplates() {
        Routes.Match match = routes.find("DELETE", "/admin/mappings/Sales%20Order/subject").orElseThrow();
        assertThat(match.route().export()).isEqualTo("admin");
        assertThat(match.route().routeKey()).isEqualTo("DELETE /admin/mappings/{type}/{vtigerField}");
        assertThat(match.pathParameters()).containsOnly(Map.entry("type", "Sales%20Order"),
                Map.entry("vtigerField", "subject"));
        assertThat(routes.find("GET", "/admin/mappings").orElseThrow().pathParameters()).isEmpty();
        assertThat(routes.find("GET", "/admin/mappings/Contact")).isEmpty();
        assertThat(routes.find("GET", "/admin/mappings/Contact/")).isEmpty();
        assertThat(routes.find("PATCH", "/admin/mappings/Contact/lastname")).isEmpty();
    }

    // ---- helpers ---------------------------------------------------------------------------------------------

    private Answer post(String path, String body) {
        return call("POST", path, body);
    }

    private Answer call(String method, String path, String body) {
        return call(method, path, "", body);
    }

    /** Sends an API Gateway HTTP API (payload 2.0) event, as the admin routes deliver it, to the function. */
    private Answer call(String method, String path, String query, String body) {
        ObjectNode event = json.createObjectNode();
        event.put("version", "2.0").put("routeKey", "$default").put("rawPath", path).put("rawQueryString", query);
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
                responseBody == null ? new JsonPath("{}") : new JsonPath(responseBody));
    }

    private JsonNode customer() throws IOException {
        try (InputStream in = getClass().getResourceAsStream("/magento/rest/customer_get_42.json")) {
            return json.readTree(in);
        }
    }
}
