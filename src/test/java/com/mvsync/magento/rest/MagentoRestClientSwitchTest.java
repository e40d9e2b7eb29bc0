package com.mvsync.magento.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.mvsync.magento.EntityType;
import com.mvsync.magento.rest.MagentoRestClientTest.TestConfig;
import com.mvsync.magento.rest.MagentoRestConfig.AuthMode;
import com.mvsync.testing.magento.FakeMagentoServer;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The shared Magento client follows the effective connection, like the Vtiger one. */
class MagentoRestClientSwitchTest {

    @Test
    void movesToAChangedShopAndCredentials() {
        try (FakeMagentoServer one = FakeMagentoServer.start(2, 1, 1, 1).acceptBearer("token-one-123");
                FakeMagentoServer two = FakeMagentoServer.start(5, 1, 1, 1)
                        .acceptOAuth("ck-two", "cs-two", "tk-two", "ts-two")) {
            AtomicReference<MagentoConnection> effective = new AtomicReference<>(new MagentoConnection(
                    one.baseUrl(), null, AuthMode.BEARER, "token-one-123", null, null, null, null));
            MagentoRestClient client = new MagentoRestClient(TestConfig.bearer("http://unused.invalid", null),
                    new ObjectMapper(), effective::get);

            assertThat(client.search(EntityType.CUSTOMER, 1, 1).totalCount()).isEqualTo(2);

            effective.set(new MagentoConnection(two.baseUrl() + "/", "default", AuthMode.OAUTH1, null, "ck-two",
                    "cs-two", "tk-two", "ts-two"));
            assertThat(client.search(EntityType.CUSTOMER, 1, 1).totalCount()).isEqualTo(5);
            assertThat(two.requests()).singleElement().satisfies(r -> {
                assertThat(r.store()).isEqualTo("default");
                assertThat(r.authScheme()).isEqualTo("OAuth");
            });

            effective.set(new MagentoConnection(two.baseUrl(), null, AuthMode.OAUTH1, null, "ck-two", null, null,
                    null));
            assertThat(client.isConfigured()).isFalse();
            assertThat(client.notConfiguredReason()).hasValueSatisfying(r -> assertThat(r)
                    .contains("consumer-secret").doesNotContain("ck-two"));
            client.close();
        }
    }
}
