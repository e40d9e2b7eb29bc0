package com.mvsync.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.mvsync.connection.EffectiveConnection.Source;
import com.mvsync.magento.rest.MagentoRestConfig.AuthMode;
import com.mvsync.testing.moto.DynamoDbTestClients.RequestCounter;
import com.mvsync.testing.moto.SsmTestClients;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ssm.SsmClient;

/** Stored settings over environment defaults, and the bounded cache that carries a change to warm containers. */
public class ConnectionSettingsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TTL = Duration.ofSeconds(30);
    private static final Map<Setting, String> DEFAULTS = Map.of(
            Setting.VTIGER_URL, "https://deployed.example.com",
            Setting.VTIGER_USERNAME, "deployed-user",
            Setting.VTIGER_ACCESS_KEY, "DeployedKey12345",
            Setting.MAGENTO_BASE_URL, "https://shop.example.com",
            Setting.MAGENTO_AUTH_MODE, "bearer",
            Setting.MAGENTO_ACCESS_TOKEN, "deployed-token-1");

    /** A clock the test moves by hand. */
    public static final class TestClock extends Clock {
        private Instant now = Instant.parse("2026-01-01T00:00:00Z");

        public void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }

    private final RequestCounter counter = new RequestCounter();
    private final SsmClient ssm = SsmTestClients.create(counter);
    private final String prefix = "/settings-test-" + UUID.randomUUID().toString().substring(0, 8) + "/";
    private final TestClock clock = new TestClock();
    private final ConnectionSettings settings = new ConnectionSettings(new ConnectionStore(ssm, JSON, prefix),
            DEFAULTS, TTL, clock);
    /** Another warm container of the same stack. */
    private final ConnectionSettings otherContainer = new ConnectionSettings(new ConnectionStore(ssm, JSON, prefix),
            DEFAULTS, TTL, clock);

    @AfterEach
    void cleanUp() {
        SsmTestClients.deleteAll(ssm, prefix);
        ssm.close();
    }

    @Test
    void withNothingStoredTheEnvironmentDefaultsApply() {
        EffectiveConnection effective = settings.effective();
        assertThat(effective.vtiger()).hasValueSatisfying(v -> {
            assertThat(v.baseUri()).hasToString("https://deployed.example.com");
            assertThat(v.username()).isEqualTo("deployed-user");
        });
        assertThat(effective.source(Setting.VTIGER_URL)).isEqualTo(Source.ENVIRONMENT);
        assertThat(effective.source(Setting.MAGENTO_STORE_CODE)).isEqualTo(Source.UNSET);
        assertThat(effective.magento().accessToken()).isEqualTo("deployed-token-1");
    }

    @Test
    void aStoredSettingOverridesItsDefaultAndTheOthersStay() throws Exception {
        settings.update(ConnectionStoreTest.update("{\"vtiger\":{\"accessKey\":\"StoredKey1234567\"},"
                + "\"magento\":{\"authMode\":\"oauth1\",\"consumerKey\":\"ck\",\"consumerSecret\":\"cs\","
                + "\"token\":\"tk\",\"tokenSecret\":\"ts\"}}"));

        EffectiveConnection effective = settings.effective();
        assertThat(effective.vtiger().orElseThrow().accessKey()).isEqualTo("StoredKey1234567");
        assertThat(effective.vtiger().orElseThrow().username()).isEqualTo("deployed-user");
        assertThat(effective.source(Setting.VTIGER_ACCESS_KEY)).isEqualTo(Source.STORED);
        assertThat(effective.source(Setting.VTIGER_USERNAME)).isEqualTo(Source.ENVIRONMENT);
        assertThat(effective.magento().authMode()).isEqualTo(AuthMode.OAUTH1);
        assertThat(effective.magento().consumerSecret()).isEqualTo("cs");

        settings.update(ConnectionStoreTest.update("{\"vtiger\":{\"accessKey\":null}}"));
        assertThat(settings.effective().vtiger().orElseThrow().accessKey()).as("cleared: the default again")
                .isEqualTo("DeployedKey12345");
        assertThat(effective.toString()).doesNotContain("StoredKey1234567").doesNotContain("cs,");
    }

    @Test
    void anIncompleteVtigerConnectionSaysWhatIsMissing() {
        ConnectionSettings bare = new ConnectionSettings(new ConnectionStore(ssm, JSON, prefix),
                Map.of(Setting.VTIGER_URL, "https://crm.example.com"), TTL, clock);
        assertThat(bare.effective().vtiger()).isEmpty();
        assertThat(bare.effective().vtigerProblem()).isEqualTo("Vtiger is not configured: username, access key not set");
    }

    @Test
    void aChangeReachesAnotherWarmContainerWithinTheTtlAndTheWriterAtOnce() throws Exception {
        assertThat(otherContainer.effective().vtiger().orElseThrow().baseUri()).hasToString(
                "https://deployed.example.com");
        counter.reset();

        settings.update(ConnectionStoreTest.update("{\"vtiger\":{\"url\":\"https://new-crm.example.com/\"}}"));
        assertThat(settings.effective().vtiger().orElseThrow().baseUri()).as("the writing container: at once")
                .hasToString("https://new-crm.example.com");

        clock.advance(TTL.minusSeconds(1));
        int before = counter.of("GetParametersByPath");
        assertThat(otherContainer.effective().vtiger().orElseThrow().baseUri()).as("cached").hasToString(
                "https://deployed.example.com");
        assertThat(counter.of("GetParametersByPath")).as("a cached answer reads nothing").isEqualTo(before);

        clock.advance(Duration.ofSeconds(1));
        assertThat(otherContainer.effective().vtiger().orElseThrow().baseUri()).hasToString(
                "https://new-crm.example.com");
        assertThat(counter.of("GetParametersByPath")).isEqualTo(before + 1);
        otherContainer.effective();
        assertThat(counter.of("GetParametersByPath")).isEqualTo(before + 1);
    }

    @Test
    void whenSsmFailsTheLastReadSettingsAreKeptAndAColdContainerFails() {
        FailingStore store = new FailingStore(ssm, prefix);
        ConnectionSettings warm = new ConnectionSettings(store, DEFAULTS, TTL, clock);
        EffectiveConnection first = warm.effective();

        store.failing = true;
        clock.advance(TTL);
        assertThat(warm.effective()).isSameAs(first);

        ConnectionSettings cold = new ConnectionSettings(store, DEFAULTS, TTL, clock);
        assertThatThrownBy(cold::effective).isInstanceOf(ConnectionStoreException.class);
    }

    static final class FailingStore extends ConnectionStore {
        volatile boolean failing;

        FailingStore(SsmClient ssm, String prefix) {
            super(ssm, JSON, prefix);
        }

        @Override
        public Map<Setting, String> read() {
            if (failing) {
                throw new ConnectionStoreException("could not read the connection settings (test)", null);
            }
            return super.read();
        }
    }
}
