package com.mvsync.vtiger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.mvsync.connection.ConnectionSettings;
import com.mvsync.connection.ConnectionSettingsTest;
import com.mvsync.connection.ConnectionStore;
import com.mvsync.connection.ConnectionUpdate;
import com.mvsync.connection.Setting;
import com.mvsync.testing.moto.MotoDynamoDbResource;
import com.mvsync.testing.moto.SsmTestClients;
import com.mvsync.testing.vtiger.FakeVtigerResource;
import com.mvsync.testing.vtiger.FakeVtigerServer;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ssm.SsmClient;

/** The shared client follows the effective connection: a changed Vtiger is used without a redeploy. */
@QuarkusTest
@QuarkusTestResource(MotoDynamoDbResource.class)
@QuarkusTestResource(FakeVtigerResource.class)
class VtigerClientSwitchTest {

    /** A call that reaches Vtiger every time (describe is cached). */
    private static final String ANY = "SELECT id FROM Contacts LIMIT 1;";

    @Inject
    VtigerConfig config;
    @Inject
    ObjectMapper json;

    FakeVtigerServer first;
    FakeVtigerServer second;

    @BeforeEach
    void twoVtigers() {
        first = FakeVtigerServer.start();
        second = FakeVtigerServer.start();
        second.addUser("sync", "SecondVtigerKey1");
    }

    @AfterEach
    void stop() {
        first.close();
        second.close();
    }

    private static VtigerConnection connection(FakeVtigerServer server, String user, String key) {
        return VtigerConnection.of(server.baseUrl(), user, key);
    }

    @Test
    void movesToAChangedConnectionAndLogsInThere() {
        AtomicReference<Optional<VtigerConnection>> effective = new AtomicReference<>(
                Optional.of(connection(first, FakeVtigerServer.ADMIN_USER, FakeVtigerServer.ADMIN_ACCESS_KEY)));
        VtigerClient client = new VtigerClient(config, json, Clock.systemUTC(), effective::get);

        client.query(ANY);
        String firstPrefix = client.describe("Contacts").idPrefix();
        assertThat(client.session().userId()).isEqualTo("19x1");
        assertThat(first.calls("login")).isEqualTo(1);

        effective.set(Optional.of(connection(second, "sync", "SecondVtigerKey1")));
        client.query(ANY);
        client.describe("Contacts");

        assertThat(second.calls("login")).isEqualTo(1);
        assertThat(second.calls("describe")).as("the describe cache went with the old Vtiger").isEqualTo(1);
        assertThat(client.session().userId()).isNotEqualTo("19x1");
        assertThat(first.calls("query")).as("no call reaches the old Vtiger any more").isEqualTo(1);
        assertThat(client.connection()).hasValueSatisfying(c -> assertThat(c.username()).isEqualTo("sync"));
        assertThat(firstPrefix).isNotEmpty();
    }

    @Test
    void anUnchangedConnectionKeepsTheSession() {
        VtigerConnection same = connection(first, FakeVtigerServer.ADMIN_USER, FakeVtigerServer.ADMIN_ACCESS_KEY);
        VtigerClient client = new VtigerClient(config, json, Clock.systemUTC(), () -> Optional.of(
                connection(first, FakeVtigerServer.ADMIN_USER, FakeVtigerServer.ADMIN_ACCESS_KEY)));
        client.query(ANY);
        client.query(ANY);
        client.describe("Contacts");
        client.describe("Contacts");
        assertThat(first.calls("login")).isEqualTo(1);
        assertThat(first.calls("describe")).isEqualTo(1);
        assertThat(client.connection()).contains(same);
    }

    @Test
    void noConnectionOrUnreadableSettingsFailWithTheirOwnCodes() {
        VtigerClient none = new VtigerClient(config, json, Clock.systemUTC(), Optional::empty);
        assertThat(none.isConfigured()).isFalse();
        assertThatThrownBy(() -> none.query(ANY)).isInstanceOfSatisfying(VtigerException.class,
                e -> assertThat(e.code()).isEqualTo(VtigerException.NOT_CONFIGURED));

        VtigerClient unreadable = new VtigerClient(config, json, Clock.systemUTC(), () -> {
            throw new IllegalStateException("SSM is down");
        });
        assertThatThrownBy(() -> unreadable.query(ANY)).isInstanceOfSatisfying(VtigerException.class, e -> {
            assertThat(e.code()).isEqualTo(VtigerException.SETTINGS_UNAVAILABLE);
            assertThat(e.retryable()).isTrue();
        });
    }

    @Test
    void aChangeStoredInSsmReachesAWarmClientAfterTheCacheTtl() throws Exception {
        String prefix = "/switch-test-" + UUID.randomUUID().toString().substring(0, 8) + "/";
        try (SsmClient ssm = SsmTestClients.create()) {
            ConnectionSettingsTest.TestClock clock = new ConnectionSettingsTest.TestClock();
            Map<Setting, String> deployed = Map.of(Setting.VTIGER_URL, first.baseUrl(),
                    Setting.VTIGER_USERNAME, FakeVtigerServer.ADMIN_USER,
                    Setting.VTIGER_ACCESS_KEY, FakeVtigerServer.ADMIN_ACCESS_KEY);
            ConnectionSettings webhookContainer = new ConnectionSettings(new ConnectionStore(ssm, json, prefix),
                    deployed, Duration.ofSeconds(30), clock);
            ConnectionSettings adminContainer = new ConnectionSettings(new ConnectionStore(ssm, json, prefix),
                    deployed, Duration.ofSeconds(30), clock);
            VtigerClient client = new VtigerClient(config, json, Clock.systemUTC(), webhookContainer);
            client.query(ANY);

            adminContainer.update(ConnectionUpdate.parse((ObjectNode) json.readTree("{\"vtiger\":{\"url\":\""
                    + second.endpoint() + "\",\"username\":\"sync\",\"accessKey\":\"SecondVtigerKey1\"}}")));
            client.query(ANY);
            assertThat(second.calls("login")).as("still cached").isZero();

            clock.advance(Duration.ofSeconds(30));
            client.query(ANY);
            assertThat(second.calls("login")).isEqualTo(1);
            assertThat(second.calls("query")).isEqualTo(1);
            assertThat(first.calls("query")).isEqualTo(2);
        } finally {
            try (SsmClient ssm = SsmTestClients.create()) {
                SsmTestClients.deleteAll(ssm, prefix);
            }
        }
    }
}
