package com.mvsync.vtiger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mvsync.testing.moto.MotoDynamoDbResource;
import com.mvsync.testing.vtiger.FakeVtigerResource;
import com.mvsync.testing.vtiger.FakeVtigerServer;
import com.mvsync.testing.vtiger.FakeVtigerServer.Fault;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The webservice client against the protocol-faithful Vtiger double. Each test uses a fresh client (container). */
@QuarkusTest
@QuarkusTestResource(MotoDynamoDbResource.class)
@QuarkusTestResource(FakeVtigerResource.class)
class VtigerClientTest {

    @Inject
    VtigerConfig config;
    @Inject
    ObjectMapper json;

    /** A call that reaches Vtiger every time (describe is cached). */
    private static final String ANY = "SELECT id FROM Contacts LIMIT 1;";

    FakeVtigerServer vtiger = FakeVtigerResource.server();
    VtigerClient client;

    @BeforeEach
    void freshContainer() {
        client = VtigerClient.forConnection(config, json, Clock.systemUTC(), VtigerConnection.of(config.url().orElseThrow(),
                config.username().orElseThrow(), config.accessKey().orElseThrow()));
        vtiger.clearFaults();
        vtiger.resetCounts();
    }

    @AfterEach
    void noFaultsLeft() {
        vtiger.clearFaults();
        vtiger.setLatency(Duration.ZERO);
    }

    private Map<String, Object> contact(String lastname) {
        return new HashMap<>(Map.of("lastname", lastname, "email", lastname.toLowerCase() + "@example.com",
                "assigned_user_id", client.assignedUserId()));
    }

    @Test
    void logsInOnceAndReusesTheSessionAcrossCalls() {
        JsonNode created = client.create("Contacts", contact("Once" + UUID.randomUUID().toString().substring(0, 8)));
        client.revise(Map.of("id", created.path("id").asText(), "email", "once@example.com"));
        client.query("SELECT id FROM Contacts LIMIT 1;");

        assertThat(created.path("id").asText()).startsWith(client.describe("Contacts").idPrefix() + "x");
        assertThat(vtiger.calls("getchallenge")).isEqualTo(1);
        assertThat(vtiger.calls("login")).isEqualTo(1);
        assertThat(client.session().userId()).isEqualTo("19x1");
        assertThat(client.session().vtigerVersion()).isEqualTo("8.2.0");
    }

    @Test
    void logsInAgainWhenTheSessionIsGoneAndRepeatsTheCallOnce() {
        client.describe("Contacts");
        vtiger.expireAllSessions();

        ModuleDescription salesOrder = client.describe("SalesOrder");

        assertThat(salesOrder.mandatoryFields()).contains("subject", "sostatus");
        assertThat(vtiger.calls("login")).isEqualTo(2);
        assertThat(vtiger.calls("describe")).as("first try, then the repeat").isEqualTo(3);
    }

    @Test
    void anInvalidSessionAnswerMidCallIsRecovered() {
        client.session();
        vtiger.failNext("describe", Fault.INVALID_SESSIONID, 1);

        assertThat(client.describe("Leads").mandatoryFields()).contains("lastname", "assigned_user_id");
        assertThat(vtiger.calls("login")).isEqualTo(2);
    }

    @Test
    void aLostLoginRaceIsRetriedWithAFreshChallenge() {
        vtiger.failNext("login", Fault.LOGIN_RACE, 2);

        assertThat(client.session().name()).isNotBlank();
        assertThat(vtiger.calls("getchallenge")).isEqualTo(3);
        assertThat(vtiger.calls("login")).isEqualTo(3);
    }

    @Test
    void aWrongAccessKeyFailsAfterABoundedNumberOfAttemptsWithoutLeakingTheKey() {
        VtigerClient wrong = VtigerClient.forConnection(config, json, Clock.systemUTC(),
                VtigerConnection.of(vtiger.baseUrl(), "admin", "wrong-key-123456"));

        // The connection's failure, not a record's: retryable (the item waits for the fix), never a dead letter.
        assertThatThrownBy(wrong::session).isInstanceOfSatisfying(VtigerConnectionException.class, e -> {
            assertThat(e.code()).isEqualTo("INVALID_USER_CREDENTIALS");
            assertThat(e.failure()).isEqualTo(VtigerConnectionException.Failure.LOGIN_REFUSED);
            assertThat(e.retryable()).isTrue();
            assertThat(e.getMessage()).contains("Vtiger refused the login").doesNotContain("wrong-key-123456");
        });
        assertThat(vtiger.calls("login")).isEqualTo(config.loginAttempts());
    }

    @Test
    void phpFatalsAreRetryableHttpErrors() {
        client.session();
        vtiger.failNext("query", Fault.HTTP_500_EMPTY, 1);

        assertThatThrownBy(() -> client.query("SELECT id FROM Contacts LIMIT 1;"))
                .isInstanceOfSatisfying(VtigerException.class, e -> {
                    assertThat(e.code()).isEqualTo(VtigerException.HTTP_ERROR);
                    assertThat(e.httpStatus()).isEqualTo(500);
                    assertThat(e.retryable()).isTrue();
                    assertThat(e.getMessage()).contains("empty body");
                });
    }

    @Test
    void theRecordedIndividualTaxDefectSurfacesAsAnHttpError() {
        String account = client.create("Accounts", Map.of("accountname", "Tax Co " + UUID.randomUUID(),
                "assigned_user_id", "19x1")).path("id").asText();
        String product = vtiger.seed("Products", Map.of("productname", "P", "productcode", "TAX-1"));
        Map<String, Object> order = new HashMap<>(Map.of("subject", "individual", "sostatus", "Created",
                "invoicestatus", "AutoCreated", "account_id", account, "bill_street", "a", "ship_street", "b",
                "assigned_user_id", "19x1", "productid", product, "hdnTaxType", "individual"));
        order.put("LineItems", List.of(Map.of("productid", product, "quantity", "1", "listprice", "1")));

        assertThatThrownBy(() -> client.create("SalesOrder", order)).isInstanceOfSatisfying(VtigerException.class,
                e -> assertThat(e.httpStatus()).isEqualTo(500));
    }

    @Test
    void timeoutsRateLimitsAndNonVtigerAnswersAreTyped() {
        client.session();
        vtiger.setTimeoutHold(Duration.ofSeconds(4));
        vtiger.failNext("query", Fault.TIMEOUT, 1);
        assertThatThrownBy(() -> client.query(ANY)).isInstanceOfSatisfying(VtigerException.class, e -> {
            assertThat(e.code()).isEqualTo(VtigerException.TIMEOUT);
            assertThat(e.retryable()).isTrue();
        });

        vtiger.failNext("query", Fault.HTTP_429, 1);
        assertThatThrownBy(() -> client.query(ANY)).isInstanceOfSatisfying(VtigerException.class, e -> {
            assertThat(e.code()).isEqualTo(VtigerException.RATE_LIMITED);
            assertThat(e.retryable()).isTrue();
        });

        vtiger.failNext("query", Fault.NON_JSON, 1);
        assertThatThrownBy(() -> client.query(ANY)).isInstanceOfSatisfying(VtigerException.class,
                e -> assertThat(e.code()).isEqualTo(VtigerException.INVALID_RESPONSE));
    }

    @Test
    void vtigerErrorsKeepTheirCodeAndPermanentOnesAreNotRetryable() {
        assertThatThrownBy(() -> client.create("Contacts", Map.of("firstname", "NoLast", "assigned_user_id", "19x1")))
                .isInstanceOfSatisfying(VtigerException.class, e -> {
                    assertThat(e.code()).isEqualTo("MANDATORY_FIELDS_MISSING");
                    assertThat(e.getMessage()).contains("lastname does not have a value");
                    assertThat(e.retryable()).isFalse();
                });
        assertThatThrownBy(() -> client.revise(Map.of("id", "12x999999", "lastname", "Gone"))).isInstanceOfSatisfying(VtigerException.class,
                e -> assertThat(e.code()).isEqualTo("ACCESS_DENIED"));
        assertThatThrownBy(() -> client.query("SELECT id FROM Contacts")).isInstanceOfSatisfying(
                VtigerException.class, e -> assertThat(e.code()).isEqualTo("QUERY_SYNTAX_ERROR"));
    }

    @Test
    void anUnreachableHostIsAConnectionFailure() throws Exception {
        int closedPort;
        try (var socket = new java.net.ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        VtigerClient nowhere = VtigerClient.forConnection(config, json, Clock.systemUTC(),
                VtigerConnection.of("http://127.0.0.1:" + closedPort, "admin", "key"));

        assertThatThrownBy(nowhere::session).isInstanceOfSatisfying(VtigerException.class, e -> {
            assertThat(e.code()).isEqualTo(VtigerException.CONNECTION_FAILED);
            assertThat(e.retryable()).isTrue();
        });
    }

    @Test
    void describeIsCachedPerModule() {
        ModuleDescription first = client.describe("SalesOrder");
        ModuleDescription second = client.describe("SalesOrder");

        assertThat(second).isSameAs(first);
        assertThat(first.mandatoryFields()).contains("subject", "sostatus", "bill_street");
        assertThat(first.owns(first.idPrefix() + "x12")).isTrue();
        assertThat(vtiger.calls("describe")).isEqualTo(1);
    }

    @Test
    void quotingKeepsValuesInsideTheirLiteral() {
        String name = "O'Brien \\ Sons " + UUID.randomUUID().toString().substring(0, 6);
        String id = client.create("Accounts", Map.of("accountname", name, "assigned_user_id", "19x1"))
                .path("id").asText();

        Optional<JsonNode> found = client.queryOne("SELECT id FROM Accounts WHERE accountname = "
                + VtigerClient.quote(name) + ";");

        assertThat(found).map(r -> r.path("id").asText()).contains(id);
    }

    @Test
    void sessionsAndKeysNeverAppearInErrors() {
        String session = client.session().name();
        vtiger.failNext("query", Fault.HTTP_500_EMPTY, 1);
        try {
            client.query(ANY);
        } catch (VtigerException e) {
            assertThat(e.getMessage()).doesNotContain(session).doesNotContain(FakeVtigerServer.ADMIN_ACCESS_KEY);
        }
        assertThat(client.session().toString()).doesNotContain(session);
    }
}
