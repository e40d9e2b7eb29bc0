package com.mvsync.sync;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mvsync.magento.StoreList;
import com.mvsync.mapping.Scope;
import com.mvsync.mapping.ScopeChain;
import java.io.InputStream;
import java.util.List;
import org.junit.jupiter.api.Test;

/** An entity's scopes found in Magento's store list, as GET /V1/store/websites, storeViews and storeConfigs answer. */
class MagentoStoresTest {

    static StoreList twoWebsites() throws Exception {
        try (InputStream in = MagentoStoresTest.class.getResourceAsStream(
                "/magento/rest/stores/two_websites_eur_usd.json")) {
            JsonNode stores = new ObjectMapper().readTree(in);
            return StoreList.of(stores.get("websites"), stores.get("storeViews"), stores.get("storeConfigs"));
        }
    }

    @Test
    void theListLeavesOutTheAdminScopeAndKeepsEachStoreViewsCurrencies() throws Exception {
        StoreList list = twoWebsites();

        assertThat(list.websites()).extracting(StoreList.Website::code).containsExactly("us", "eu");
        assertThat(list.storeView("eu_de")).get().satisfies(v -> {
            assertThat(v.websiteId()).isEqualTo(2);
            assertThat(v.baseCurrency()).isEqualTo("EUR");
            assertThat(v.locale()).isEqualTo("de_DE");
        });
        assertThat(list.storeView(0)).isEmpty();
    }

    @Test
    void aStoreViewIsInItsWebsiteAndAWebsiteInTheDefault() throws Exception {
        StoreList list = twoWebsites();

        assertThat(MagentoStores.chain(list, 0, 2).scopes()).containsExactly(Scope.DEFAULT, Scope.website("eu"),
                Scope.store("eu_de"));
        assertThat(MagentoStores.chain(list, 1, 0).scopes()).containsExactly(Scope.DEFAULT, Scope.website("us"));
        assertThat(MagentoStores.chain(list, 2, 3).scopes()).as("a customer: website and store view")
                .containsExactly(Scope.DEFAULT, Scope.website("eu"), Scope.store("eu_en"));
        ScopeChain mismatched = MagentoStores.chain(list, 1, 3);
        assertThat(mismatched.scopes()).as("a store view of another website is not the customer's")
                .containsExactly(Scope.DEFAULT, Scope.website("us"));
        assertThat(mismatched.problem()).isNull();
    }

    @Test
    void aWebsiteOrStoreViewTheListLacksStopsTheChainWithTheReason() throws Exception {
        StoreList list = twoWebsites();

        ScopeChain unknownWebsite = MagentoStores.chain(list, 7, 0);
        assertThat(unknownWebsite.scopes()).containsExactly(Scope.DEFAULT);
        assertThat(unknownWebsite.problem()).isEqualTo("Magento lists no website 7");
        ScopeChain unknownView = MagentoStores.chain(list, 0, 9);
        assertThat(unknownView.scopes()).isEqualTo(List.of(Scope.DEFAULT));
        assertThat(unknownView.problem()).isEqualTo("Magento lists no store view 9");
    }
}
