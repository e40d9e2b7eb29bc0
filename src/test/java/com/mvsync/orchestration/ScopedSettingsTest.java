package com.mvsync.orchestration;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mvsync.magento.EntityType;
import com.mvsync.magento.rest.MagentoRestClient;
import com.mvsync.mapping.Scope;
import com.mvsync.queue.QueueFixture;
import com.mvsync.settings.Mode;
import com.mvsync.settings.ScopedUpdate;
import com.mvsync.settings.SettingsStore;
import com.mvsync.settings.SettingsUpdate;
import com.mvsync.settings.SyncSettings;
import com.mvsync.settings.SyncType;
import com.mvsync.settings.TypeSettings;
import com.mvsync.store.SyncTable;
import com.mvsync.sync.MagentoStores;
import com.mvsync.testing.magento.FakeMagentoServer;
import com.mvsync.testing.magento.MagentoConfigs;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The settings of an entity's own scope, against moto and a two-website Magento double: each test has its own table
 * and its own store-list cache, so the store-list requests counted are this test's.
 */
class ScopedSettingsTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String WEBSITES = "/V1/store/websites";

    QueueFixture fx;
    SettingsStore store;
    FakeMagentoServer magento;
    MagentoRestClient client;
    ScopedSettings scoped;

    @BeforeEach
    void twoWebsites() {
        fx = new QueueFixture();
        store = fx.settings(Duration.ZERO);
        magento = FakeMagentoServer.start(0, 0, 0, 0).acceptBearer("t").useStores("two_websites_eur_usd.json");
        client = new MagentoRestClient(MagentoConfigs.bearer(magento.baseUrl(), "t"), JSON);
        scoped = new ScopedSettings(new MagentoStores(client, MagentoConfigs.bearer(magento.baseUrl(), "t"),
                Clock.systemUTC()));
    }

    @AfterEach
    void close() {
        client.close();
        magento.close();
    }

    private static JsonNode customer(int websiteId, int storeId) throws Exception {
        return JSON.readTree("{\"id\":42,\"email\":\"maria@example.com\",\"website_id\":" + websiteId
                + ",\"store_id\":" + storeId + "}");
    }

    private static JsonNode order(int storeId) throws Exception {
        return JSON.readTree("{\"entity_id\":7,\"increment_id\":\"000000007\",\"store_id\":" + storeId + "}");
    }

    private void override(String scope, String body) throws Exception {
        store.update(ScopedUpdate.parse(Scope.parse(scope), JSON.readTree(body)));
    }

    @Test
    void withNothingOverriddenTheStoresSettingsDecideAndNoStoreListIsAsked() throws Exception {
        ScopedSettings.InScope decided = scoped.of(store.current(), EntityType.CUSTOMER, customer(2, 3));

        assertThat(decided.perScope()).isFalse();
        assertThat(decided.chain().innermost()).isEqualTo(Scope.DEFAULT);
        assertThat(decided.settings().anyEnabled(EntityType.CUSTOMER)).isTrue();
        assertThat(magento.requestCount(WEBSITES)).isZero();
    }

    @Test
    void aWebsitesOverrideDecidesItsEntitiesAndOtherWebsitesInheritTheDefault() throws Exception {
        override("website:eu", "{\"types\":{\"CONTACTS\":{\"enabled\":false},\"LEADS\":{\"enabled\":false},"
                + "\"ORGANIZATIONS\":{\"enabled\":false}}}");
        SyncSettings current = store.current();

        ScopedSettings.InScope eu = scoped.of(current, EntityType.CUSTOMER, customer(2, 3));
        ScopedSettings.InScope us = scoped.of(current, EntityType.CUSTOMER, customer(1, 1));

        assertThat(eu.perScope()).isTrue();
        assertThat(eu.chain().scopes()).containsExactly(Scope.DEFAULT, Scope.website("eu"), Scope.store("eu_en"));
        assertThat(eu.settings().anyEnabled(EntityType.CUSTOMER)).isFalse();
        assertThat(eu.where()).isEqualTo("in the settings of store:eu_en");
        assertThat(us.settings().anyEnabled(EntityType.CUSTOMER)).isTrue();
        assertThat(us.settings().enabledTypes(EntityType.CUSTOMER)).containsExactlyInAnyOrder(SyncType.LEADS,
                SyncType.ORGANIZATIONS, SyncType.CONTACTS);
        assertThat(magento.requestCount(WEBSITES)).as("the store list once, then from the cache").isEqualTo(1);
    }

    @Test
    void anEntityOfATypeNoScopeOverridesAsksNoStoreList() throws Exception {
        override("website:eu", "{\"types\":{\"CONTACTS\":{\"enabled\":false}}}");

        ScopedSettings.InScope decided = scoped.of(store.current(), EntityType.ORDER, order(2));

        assertThat(decided.perScope()).isFalse();
        assertThat(decided.settings().anyEnabled(EntityType.ORDER)).isTrue();
        assertThat(magento.requestCount(WEBSITES)).isZero();
    }

    @Test
    void aStoreViewOverridesItsWebsiteAndAnOrderFindsItsWebsiteByItsStoreView() throws Exception {
        override("website:eu", "{\"types\":{\"SALES_ORDERS\":{\"mode\":\"cron\"}}}");
        override("store:eu_de", "{\"types\":{\"SALES_ORDERS\":{\"mode\":\"immediate\"}}}");
        SyncSettings current = store.current();

        assertThat(scoped.of(current, EntityType.ORDER, order(3)).settings().modeOf(EntityType.ORDER))
                .as("eu_en inherits its website's cron").isEqualTo(Mode.CRON);
        assertThat(scoped.of(current, EntityType.ORDER, order(2)).settings().modeOf(EntityType.ORDER))
                .as("eu_de overrides it").isEqualTo(Mode.IMMEDIATE);
        assertThat(scoped.of(current, EntityType.ORDER, order(1)).settings().modeOf(EntityType.ORDER))
                .isEqualTo(Mode.IMMEDIATE);
        assertThat(current.cronPeriodOf(EntityType.ORDER)).as("the drain runs the orders at their period")
                .contains(Duration.ofMinutes(5));
        assertThat(SyncSettings.defaults().cronPeriodOf(EntityType.ORDER)).isEmpty();
    }

    @Test
    void anEntityNamingNoWebsiteIsDecidedByTheDefaultAndSaysWhy() throws Exception {
        override("website:eu", "{\"types\":{\"CONTACTS\":{\"enabled\":false}}}");

        ScopedSettings.InScope decided = scoped.of(store.current(), EntityType.CUSTOMER,
                JSON.readTree("{\"id\":42,\"email\":\"maria@example.com\"}"));

        assertThat(decided.chain().innermost()).isEqualTo(Scope.DEFAULT);
        assertThat(decided.settings().of(SyncType.CONTACTS).enabled()).isTrue();
        assertThat(decided.note()).isEqualTo("customer decided with the settings of scope default only: it names no"
                + " website_id or store_id");
    }

    @Test
    void aScopeHoldsOnlyWhatItOverridesAndNullOrDeleteInheritsAgain() throws Exception {
        store.update(new SettingsUpdate(Map.of(SyncType.CONTACTS, new SettingsUpdate.Patch(true, Mode.CRON, 10))));
        override("website:eu", "{\"types\":{\"CONTACTS\":{\"enabled\":false}}}");

        Map<String, AttributeValue> item = fx.dynamo().getItem(b -> b.tableName(fx.table.name()).key(Map.of(
                SyncTable.PK, AttributeValue.fromS(SettingsStore.PK),
                SyncTable.SK, AttributeValue.fromS("SCOPE#website:eu#CONTACTS")))).item();
        assertThat(item).containsKey("enabled").doesNotContainKeys("mode", "period_minutes", "on_delete");
        TypeSettings eu = store.read().in(new com.mvsync.mapping.ScopeChain(java.util.List.of(Scope.DEFAULT,
                Scope.website("eu")), null)).of(SyncType.CONTACTS);
        assertThat(eu).isEqualTo(new TypeSettings(false, Mode.CRON, 10));

        override("website:eu", "{\"types\":{\"CONTACTS\":{\"mode\":\"immediate\"}}}");
        assertThat(store.read().override(Scope.website("eu"), SyncType.CONTACTS).enabled()).as("kept").isFalse();
        override("website:eu", "{\"types\":{\"CONTACTS\":{\"enabled\":null,\"mode\":null}}}");
        assertThat(store.read().overrides()).as("an override left with nothing is deleted").isEmpty();
        assertThat(store.read().scoped(EntityType.CUSTOMER)).isFalse();

        override("website:eu", "{\"types\":{\"CONTACTS\":{\"enabled\":false}}}");
        assertThat(store.dropOverride(Scope.website("eu"), SyncType.CONTACTS)).isTrue();
        assertThat(store.dropOverride(Scope.website("eu"), SyncType.CONTACTS)).isFalse();
        assertThat(store.read().overrides()).isEmpty();
        assertThat(store.read().of(SyncType.CONTACTS)).as("the default untouched")
                .isEqualTo(new TypeSettings(true, Mode.CRON, 10));
    }
}
