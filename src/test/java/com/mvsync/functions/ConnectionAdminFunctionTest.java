package com.mvsync.functions;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.mvsync.connection.ConnectionSettings;
import com.mvsync.testing.magento.FakeMagentoResource;
import com.mvsync.testing.magento.FakeMagentoServer;
import com.mvsync.testing.moto.MotoDynamoDbResource;
import com.mvsync.testing.moto.SsmTestClients;
import com.mvsync.testing.vtiger.FakeVtigerServer;
import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.ParameterType;

/**
 * The "Configuration" tab end to end: GET/PUT /admin/connection and POST /admin/connection/check through the Lambda
 * mock event server, settings in moto's SSM, the check against the Vtiger and Magento doubles. Same profile and
 * resources as {@link AdminFunctionTest}, so both share one application start.
 */
@QuarkusTest
@TestProfile(AdminFunctionTest.AdminProfile.class)
@QuarkusTestResource(MotoDynamoDbResource.class)
class ConnectionAdminFunctionTest {

    static final String PREFIX = "/admin-function-test/";
    static final String MAGENTO_TOKEN = "magento-integration-token-Zz99";
    static final String WRONG_KEY = "WrongAccessKey-Qq77";

    static FakeVtigerServer vtiger;
    static FakeMagentoServer magento;
    static SsmClient ssm;

    @Inject
    ConnectionSettings settings;
    @Inject
    ObjectMapper json;

    final List<String> logged = Collections.synchronizedList(new ArrayList<>());
    final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            StringBuilder text = new StringBuilder(String.valueOf(record.getMessage()));
            if (record.getParameters() != null) {
                for (Object p : record.getParameters()) {
                    text.append(' ').append(p);
                }
            }
            for (Throwable t = record.getThrown(); t != null; t = t.getCause()) {
                text.append(' ').append(t);
            }
            logged.add(text.toString());
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    record Answer(int status, JsonPath body, String raw, Map<String, String> headers) {
    }

    @BeforeAll
    static void servers() {
        vtiger = FakeVtigerServer.start();
        magento = FakeMagentoServer.start(3, 1, 1, 1).acceptBearer(MAGENTO_TOKEN);
        ssm = SsmTestClients.create();
    }

    @AfterAll
    static void stopServers() {
        vtiger.close();
        magento.close();
        ssm.close();
    }

    @BeforeEach
    void captureLogs() {
        Logger.getLogger("").addHandler(capture);
    }

    @AfterEach
    void nothingStoredAfterwards() {
        Logger.getLogger("").removeHandler(capture);
        SsmTestClients.deleteAll(ssm, PREFIX);
        settings.invalidate();
        assertThat(String.join("\n", logged)).as("no secret in any log line")
                .doesNotContain(FakeVtigerServer.ADMIN_ACCESS_KEY).doesNotContain(MAGENTO_TOKEN)
                .doesNotContain(WRONG_KEY).doesNotContain(FakeMagentoResource.TOKEN);
    }

    @Test
    void withNothingStoredTheDeployedSettingsAreShownWithoutSecrets() {
        // The test resources (FakeVtigerResource, FakeMagentoResource) apply to every test: they are the deployment.
        Answer answer = call("GET", "/admin/connection", null);
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body().getBoolean("vtiger.configured")).isTrue();
        assertThat(answer.body().getString("vtiger.username")).isEqualTo(FakeVtigerServer.ADMIN_USER);
        assertThat(answer.body().getMap("vtiger.accessKey")).containsEntry("set", true).containsEntry("last4", "mKey");
        assertThat(answer.body().getString("sources.'vtiger.url'")).isEqualTo("environment");
        assertThat(answer.body().getString("sources.'magento.storeCode'")).isEqualTo("unset");
        assertThat(answer.body().getMap("magento.consumerSecret")).containsEntry("set", false);
        assertThat(answer.body().getString("magento.authMode")).isEqualTo("bearer");
        assertThat(answer.raw()).doesNotContain(FakeVtigerServer.ADMIN_ACCESS_KEY)
                .doesNotContain(FakeMagentoResource.TOKEN);
    }

    @Test
    void putStoresTheSettingsAndNoAnswerEverCarriesASecret() {
        Answer put = putVtiger(vtiger.endpoint(), FakeVtigerServer.ADMIN_ACCESS_KEY);
        assertThat(put.status()).isEqualTo(200);
        assertThat(put.body().getString("vtiger.url")).as("normalised").isEqualTo(vtiger.baseUrl());
        assertThat(put.body().getMap("vtiger.accessKey")).containsEntry("set", true).containsEntry("last4", "mKey");
        assertThat(put.body().getBoolean("vtiger.configured")).isTrue();
        assertThat(put.body().getMap("magento.accessToken")).containsEntry("set", true).containsEntry("last4", "Zz99");
        assertThat(put.body().getString("sources.'vtiger.accessKey'")).isEqualTo("stored");
        assertThat(put.raw()).doesNotContain(FakeVtigerServer.ADMIN_ACCESS_KEY).doesNotContain(MAGENTO_TOKEN);

        Answer get = call("GET", "/admin/connection", null);
        assertThat(get.raw()).doesNotContain(FakeVtigerServer.ADMIN_ACCESS_KEY).doesNotContain(MAGENTO_TOKEN);
        assertThat(get.body().getString("vtiger.username")).isEqualTo(FakeVtigerServer.ADMIN_USER);

        assertThat(logged).as("the capture sees the change log, with setting names only")
                .anyMatch(line -> line.contains("connection settings changed") && line.contains("vtiger.accessKey"));

        assertThat(ssm.getParameter(b -> b.name(PREFIX + "vtiger/access-key")).parameter().type())
                .isEqualTo(ParameterType.SECURE_STRING);
        assertThat(ssm.getParameter(b -> b.name(PREFIX + "magento/access-token")).parameter().type())
                .isEqualTo(ParameterType.SECURE_STRING);
    }

    @Test
    void anOmittedSecretIsKeptAndNullClearsIt() {
        putVtiger(vtiger.baseUrl() + "/", FakeVtigerServer.ADMIN_ACCESS_KEY);

        Answer rename = call("PUT", "/admin/connection?force=true", "{\"vtiger\":{\"username\":\"someone\"}}");
        assertThat(rename.body().getMap("vtiger.accessKey")).containsEntry("set", true);
        assertThat(rename.body().getString("vtiger.username")).isEqualTo("someone");

        Answer cleared = call("PUT", "/admin/connection?force=true", "{\"vtiger\":{\"accessKey\":null},"
                + "\"magento\":{\"accessToken\":\"\"}}");
        assertThat(cleared.status()).isEqualTo(200);
        assertThat(cleared.body().getString("sources.'vtiger.accessKey'")).as("the deployed key again")
                .isEqualTo("environment");
        assertThat(cleared.body().getString("sources.'magento.accessToken'")).isEqualTo("environment");
        assertThat(cleared.body().getMap("magento.accessToken")).containsEntry("set", true)
                .containsEntry("last4", FakeMagentoResource.TOKEN.substring(FakeMagentoResource.TOKEN.length() - 4));
        assertThat(names()).containsExactly(PREFIX + "settings");

        Answer oauth = call("PUT", "/admin/connection", "{\"magento\":{\"authMode\":\"oauth1\"}}");
        assertThat(oauth.body().getBoolean("magento.configured")).isFalse();
        assertThat(oauth.body().getString("magento.problem")).contains("consumer-key").contains("not set");
    }

    @Test
    void invalidSettingsAreA400WithAMessage() {
        Answer url = call("PUT", "/admin/connection", "{\"vtiger\":{\"url\":\"crm.example.com\"}}");
        assertThat(url.status()).isEqualTo(400);
        assertThat(url.body().getString("error")).isEqualTo("invalid_connection");
        assertThat(url.body().getString("message")).startsWith("vtiger.url 'crm.example.com' is not usable");

        assertThat(call("PUT", "/admin/connection", "{\"vtiger\":{\"accessKey\":\"has space " + WRONG_KEY + "\"}}")
                .raw()).contains("vtiger.accessKey contains spaces").doesNotContain(WRONG_KEY);
        assertThat(call("PUT", "/admin/connection", "{\"vtiger\":").body().getString("message"))
                .startsWith("the request body is not valid JSON");
        assertThat(call("PUT", "/admin/connection", null).body().getString("message"))
                .startsWith("the request body is empty");
        assertThat(call("PUT", "/admin/connection", "{\"magento\":{\"authMode\":\"basic\"}}").status())
                .isEqualTo(400);
        Answer admin = call("PUT", "/admin/connection", "{\"magento\":{\"adminUrl\":\"javascript:alert(1)\"}}");
        assertThat(admin.status()).isEqualTo(400);
        assertThat(admin.body().getString("message")).startsWith("magento.adminUrl 'javascript:alert(1)' is not an"
                + " http(s) URL");
        assertThat(call("GET", "/admin/connection", null).body().getString("magento.adminUrl")).as("nothing stored")
                .isNull();
        assertThat(call("DELETE", "/admin/connection", null).status()).isEqualTo(405);
        assertThat(call("GET", "/admin/connection/check", null).status()).isEqualTo(405);
        assertThat(call("GET", "/admin/mappings", null).status()).as("stored nothing").isEqualTo(200);
        assertThat(SsmTestClients.class).isNotNull();
    }

    @Test
    void theCheckLogsInAndReadsFromMagento() {
        putVtiger(vtiger.baseUrl(), FakeVtigerServer.ADMIN_ACCESS_KEY);

        Answer check = call("POST", "/admin/connection/check", null);

        assertThat(check.status()).isEqualTo(200);
        JsonPath body = check.body();
        assertThat(body.getBoolean("vtiger.ok")).as(check.raw()).isTrue();
        assertThat(body.getString("vtiger.version")).isEqualTo("8.2.0");
        assertThat(body.getString("vtiger.user")).isEqualTo("admin");
        assertThat(body.getString("vtiger.userId")).isEqualTo("19x1");
        assertThat(body.getMap("vtiger.modules")).containsOnlyKeys("Leads", "Accounts", "Contacts", "Products",
                "SalesOrder", "Invoice");
        assertThat(body.getBoolean("vtiger.modules.Contacts.accessible")).isTrue();
        assertThat(body.getList("vtiger.modules.Contacts.mandatoryUnmapped")).isEmpty();
        assertThat(body.getList("vtiger.modules.SalesOrder.mandatoryUnmapped", String.class))
                .doesNotContain("sostatus", "assigned_user_id", "account_id");
        assertThat(body.getBoolean("magento.ok")).as(check.raw()).isTrue();
        assertThat(body.getInt("magento.customers")).isEqualTo(3);
        assertThat(body.getString("magento.restUrl")).isEqualTo(magento.baseUrl() + "/rest/all");
        assertThat(check.raw()).doesNotContain(FakeVtigerServer.ADMIN_ACCESS_KEY).doesNotContain(MAGENTO_TOKEN);
        assertThat(body.getString("vtiger.status")).isEqualTo("ok");
        assertThat(body.getInt("vtiger.currency.decimals")).isEqualTo(2);
        assertThat(body.getString("vtiger.currency.currency")).isEqualTo("USD");
        assertThat(body.getBoolean("vtiger.currency.baseCurrency")).isTrue();
        assertThat(body.getList("vtiger.currency.warnings")).isEmpty();
    }

    @Test
    void aSyncUserWhoseCurrencyDecimalsRoundPricesIsToldWhatToChange() {
        putVtiger(vtiger.baseUrl(), FakeVtigerServer.ADMIN_ACCESS_KEY);
        vtiger.setCurrencyDecimals(FakeVtigerServer.ADMIN_USER, 0); // a stock admin who never saw My Preferences
        try {
            JsonPath body = check();

            assertThat(body.getBoolean("vtiger.ok")).isTrue();
            assertThat(body.getString("vtiger.status")).isEqualTo("attention");
            assertThat(body.getInt("vtiger.currency.decimals")).isZero();
            assertThat(body.getString("vtiger.currency.decimalSeparator")).isEqualTo(".");
            assertThat(body.getString("vtiger.currency.groupingSeparator")).isEqualTo(",");
            String warning = "the Vtiger user admin rounds to 0 decimals; set My Preferences > Currency decimals to 2"
                    + " (Vtiger rounds every price the sync writes: 19.99 would be stored as 20.00)";
            assertThat(body.getList("vtiger.currency.warnings", String.class)).containsExactly(warning);
            assertThat(body.getString("vtiger.message")).contains("needs attention: ").contains(warning);
        } finally {
            vtiger.setCurrencyDecimals(FakeVtigerServer.ADMIN_USER, 2);
        }
    }

    @Test
    void aSyncUserWorkingInAnotherCurrencyThanTheBaseIsToldWhatToChange() {
        putVtiger(vtiger.baseUrl(), FakeVtigerServer.ADMIN_ACCESS_KEY);
        vtiger.setUserCurrency(FakeVtigerServer.ADMIN_USER, vtiger.addCurrency("EUR", "Euro", "€",
                new java.math.BigDecimal("0.92")));
        try {
            JsonPath body = check();

            assertThat(body.getString("vtiger.status")).isEqualTo("attention");
            assertThat(body.getString("vtiger.currency.currency")).isEqualTo("EUR");
            assertThat(body.getBoolean("vtiger.currency.baseCurrency")).isFalse();
            assertThat(body.getList("vtiger.currency.warnings", String.class)).containsExactly("the Vtiger user admin"
                    + " works in EUR, not Vtiger's base currency: Vtiger converts purchase costs and annual revenues"
                    + " into it and back, altering them; set My Preferences > Currency to the base currency");
        } finally {
            vtiger.setUserCurrency(FakeVtigerServer.ADMIN_USER, "21x1");
        }
    }

    @Test
    void everyAdminAnswerCarriesNoStoreAndNosniffErrorsToo() {
        for (Answer answer : List.of(call("GET", "/admin/connection", null), call("POST", "/admin/connection/check",
                null), call("GET", "/admin/connection/check", null), call("GET", "/admin/no-such-route", null),
                call("PUT", "/admin/connection", "{not json"))) {
            assertThat(answer.headers()).as(answer.status() + " " + answer.raw())
                    .containsEntry("cache-control", "no-store").containsEntry("x-content-type-options", "nosniff")
                    .containsEntry("content-type", "application/json");
        }
        assertThat(call("GET", "/admin/no-such-route", null).status()).isEqualTo(404);
    }

    @Test
    void aWrongAccessKeyIsReportedAsSuch() {
        putVtiger(vtiger.baseUrl(), WRONG_KEY);
        JsonPath body = check();
        assertThat(body.getBoolean("vtiger.ok")).isFalse();
        assertThat(body.getString("vtiger.reason")).isEqualTo("wrong_credentials");
        assertThat(body.getString("vtiger.message")).startsWith("username or access key is wrong")
                .doesNotContain(WRONG_KEY);
    }

    @Test
    void aFailingChangeIsCheckedAndRefusedUnlessForced() {
        putVtiger(vtiger.baseUrl(), FakeVtigerServer.ADMIN_ACCESS_KEY);

        Answer refused = call("PUT", "/admin/connection", "{\"vtiger\":{\"accessKey\":\"" + WRONG_KEY + "\"}}");
        assertThat(refused.status()).as(refused.raw()).isEqualTo(409);
        assertThat(refused.body().getString("error")).isEqualTo("connection_failing");
        assertThat(refused.body().getString("message")).startsWith("Vtiger: wrong_credentials: username or access"
                + " key is wrong").contains("Nothing was saved").contains("force=true");
        assertThat(refused.body().getString("check.vtiger.reason")).isEqualTo("wrong_credentials");
        assertThat(refused.raw()).doesNotContain(WRONG_KEY);
        assertThat(check().getBoolean("vtiger.ok")).as("the working key is still the stored one").isTrue();

        // A change of Magento alone is checked against Magento alone: it works, so it is saved.
        Answer magentoOnly = call("PUT", "/admin/connection", "{\"magento\":{\"storeCode\":\"all\"}}");
        assertThat(magentoOnly.status()).as(magentoOnly.raw()).isEqualTo(200);

        Answer forced = call("PUT", "/admin/connection?force=true", "{\"vtiger\":{\"accessKey\":\"" + WRONG_KEY
                + "\"}}");
        assertThat(forced.status()).as(forced.raw()).isEqualTo(200);
        assertThat(check().getString("vtiger.reason")).isEqualTo("wrong_credentials");
    }

    @Test
    void aUrlThatIsNotVtigerIsReportedAsSuch() throws Exception {
        putVtiger(magento.baseUrl(), FakeVtigerServer.ADMIN_ACCESS_KEY);
        JsonPath notFound = check();
        assertThat(notFound.getString("vtiger.reason")).isEqualTo("wrong_url");
        assertThat(notFound.getString("vtiger.message")).isEqualTo("the URL does not answer like Vtiger's"
                + " webservice.php: " + magento.baseUrl() + "/webservice.php answered HTTP 404");

        HttpServer html = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        html.createContext("/", exchange -> {
            byte[] page = "<html><body>Welcome to our shop</body></html>".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/html");
            exchange.sendResponseHeaders(200, page.length);
            exchange.getResponseBody().write(page);
            exchange.close();
        });
        html.start();
        try {
            putVtiger("http://127.0.0.1:" + html.getAddress().getPort(), FakeVtigerServer.ADMIN_ACCESS_KEY);
            JsonPath page = check();
            assertThat(page.getString("vtiger.reason")).isEqualTo("wrong_url");
            assertThat(page.getString("vtiger.message")).startsWith("the URL does not answer like Vtiger's"
                    + " webservice.php").contains("not a Vtiger webservice response");
        } finally {
            html.stop(0);
        }
    }

    @Test
    void aClosedPortAndATlsFailureAreReportedAsSuch() throws Exception {
        int closed;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = socket.getLocalPort();
        }
        putVtiger("http://127.0.0.1:" + closed, FakeVtigerServer.ADMIN_ACCESS_KEY);
        JsonPath refused = check();
        assertThat(refused.getString("vtiger.reason")).isEqualTo("unreachable");
        assertThat(refused.getString("vtiger.message")).startsWith("connection refused by 127.0.0.1:" + closed);

        // https to a plain HTTP server (it answers 400 to the TLS hello, as nginx does): the handshake fails.
        try (PlainHttpServer plain = new PlainHttpServer()) {
            putVtiger("https://127.0.0.1:" + plain.port(), FakeVtigerServer.ADMIN_ACCESS_KEY);
            call("PUT", "/admin/connection?force=true", "{\"magento\":{\"baseUrl\":\"https://127.0.0.1:" + plain.port()
                    + "\"}}");
            JsonPath tls = check();
            assertThat(tls.getString("vtiger.reason")).as(tls.prettify()).isEqualTo("tls");
            assertThat(tls.getString("vtiger.message")).startsWith("TLS handshake failed: ");
            assertThat(tls.getString("magento.reason")).as(tls.prettify()).isEqualTo("tls");
            assertThat(tls.getString("magento.message")).startsWith("TLS handshake failed: ");
        }
    }

    /** Answers every connection at once with a plain-text HTTP 400 and closes it; bounded by the test. */
    static final class PlainHttpServer implements AutoCloseable {
        private final ServerSocket socket;
        private final Thread thread;

        PlainHttpServer() throws java.io.IOException {
            socket = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
            thread = new Thread(() -> {
                while (!socket.isClosed()) {
                    try (java.net.Socket client = socket.accept()) {
                        client.getOutputStream().write(("HTTP/1.1 400 Bad Request\r\nContent-Type: text/plain\r\n"
                                + "Content-Length: 11\r\nConnection: close\r\n\r\nBad Request").getBytes(
                                        StandardCharsets.US_ASCII));
                    } catch (java.io.IOException e) {
                        // closed by the test, or the client hung up first
                    }
                }
            }, "plain-http");
            thread.setDaemon(true);
            thread.start();
        }

        int port() {
            return socket.getLocalPort();
        }

        @Override
        public void close() throws java.io.IOException {
            socket.close();
        }
    }

    @Test
    void aRefusedMagentoTokenIsReportedAsSuch() {
        putVtiger(vtiger.baseUrl(), FakeVtigerServer.ADMIN_ACCESS_KEY);
        call("PUT", "/admin/connection?force=true", "{\"magento\":{\"accessToken\":\"" + WRONG_KEY + "\"}}");
        JsonPath body = check();
        assertThat(body.getBoolean("vtiger.ok")).isTrue();
        assertThat(body.getBoolean("magento.ok")).isFalse();
        assertThat(body.getString("magento.reason")).isEqualTo("wrong_credentials");
        assertThat(body.getString("magento.message")).startsWith("Magento refused the credentials (HTTP 401): check"
                + " the integration's access token").doesNotContain(WRONG_KEY);

        call("PUT", "/admin/connection?force=true", "{\"magento\":{\"authMode\":\"oauth1\"}}");
        JsonPath unset = check();
        assertThat(unset.getString("magento.reason")).isEqualTo("not_configured");
        assertThat(unset.getString("magento.message")).contains("consumer-key").contains("not set");
    }

    // ---- helpers ---------------------------------------------------------------------------------------------

    /** Saved without its check's consent ({@code ?force=true}): these tests store failing connections on purpose. */
    private Answer putVtiger(String url, String accessKey) {
        Answer answer = call("PUT", "/admin/connection?force=true", "{\"vtiger\":{\"url\":\"" + url + "\",\"username\":\""
                + FakeVtigerServer.ADMIN_USER + "\",\"accessKey\":\"" + accessKey + "\"},\"magento\":{\"baseUrl\":\""
                + magento.baseUrl() + "\",\"authMode\":\"bearer\",\"accessToken\":\"" + MAGENTO_TOKEN + "\"}}");
        assertThat(answer.status()).as(answer.raw()).isEqualTo(200);
        return answer;
    }

    private List<String> names() {
        return ssm.getParametersByPath(b -> b.path("/admin-function-test").recursive(true)).parameters().stream()
                .map(software.amazon.awssdk.services.ssm.model.Parameter::name).toList();
    }

    private JsonPath check() {
        Answer answer = call("POST", "/admin/connection/check", null);
        assertThat(answer.status()).as(answer.raw()).isEqualTo(200);
        return answer.body();
    }

    private Answer call(String method, String path, String body) {
        ObjectNode event = json.createObjectNode();
        int q = path.indexOf('?');
        String query = q < 0 ? "" : path.substring(q + 1);
        path = q < 0 ? path : path.substring(0, q);
        event.put("version", "2.0").put("routeKey", "$default").put("rawPath", path).put("rawQueryString", query);
        event.putObject("headers").put("content-type", "application/json");
        ObjectNode context = event.putObject("requestContext");
        context.put("requestId", "connection-test");
        context.putObject("http").put("method", method).put("path", path).put("sourceIp", "127.0.0.1");
        if (body != null) {
            event.put("body", body);
        }
        event.put("isBase64Encoded", false);
        JsonPath response = given().contentType("application/json").body(event.toString())
                .when().post()
                .then().statusCode(200).extract().jsonPath();
        String raw = response.getString("body");
        return new Answer(response.getInt("statusCode"), new JsonPath(raw == null ? "{}" : raw), raw,
                response.getMap("headers", String.class, String.class));
    }
}
