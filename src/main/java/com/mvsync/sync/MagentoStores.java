package com.mvsync.sync;

import com.fasterxml.jackson.databind.JsonNode;
import com.mvsync.cache.TtlCache;
import com.mvsync.magento.StoreList;
import com.mvsync.magento.rest.MagentoRestClient;
import com.mvsync.magento.rest.MagentoRestConfig;
import com.mvsync.magento.rest.MagentoRestException;
import com.mvsync.mapping.EntityScopes;
import com.mvsync.mapping.Scope;
import com.mvsync.mapping.ScopeChain;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Magento's websites and store views ({@code GET /V1/store/websites}, {@code /V1/store/storeViews},
 * {@code /V1/store/storeConfigs}), read once per connection for {@code mvsync.magento.attribute-ttl} in the one cache,
 * and the scopes of an entity found in them: a customer's {@code website_id} and {@code store_id}, a sales document's
 * (or order line's) {@code store_id} and that store view's website.
 */
@ApplicationScoped
public class MagentoStores implements EntityScopes {

    private final MagentoRestClient magento;
    private final TtlCache<String, StoreList> cache;

    public MagentoStores(MagentoRestClient magento, MagentoRestConfig config, Clock clock) {
        this.magento = magento;
        this.cache = new TtlCache<>(clock, config::attributeTtl);
    }

    /**
     * The store's websites and store views; empty when Magento's REST API is not configured.
     *
     * @throws MagentoRestException when Magento does not answer them
     */
    public Optional<StoreList> list() {
        if (magento.notConfiguredReason().isPresent()) {
            return Optional.empty();
        }
        String key = magento.restBase().map(Object::toString).orElse("");
        return Optional.of(cache.get(key, k -> StoreList.of(magento.websites(), magento.storeViews(),
                magento.storeConfigs())));
    }

    @Override
    public ScopeChain of(JsonNode entity) {
        int websiteId = entity.path("website_id").asInt(0);
        int storeId = entity.path("store_id").asInt(0);
        if (websiteId <= 0 && storeId <= 0) {
            return ScopeChain.unresolved("it names no website_id or store_id");
        }
        StoreList stores;
        try {
            Optional<StoreList> list = list();
            if (list.isEmpty()) {
                return ScopeChain.unresolved("Magento's REST API is not configured, so its websites are unknown");
            }
            stores = list.get();
        } catch (MagentoRestException e) {
            Optional<RuntimeException> unanswered = MagentoEntityFetcher.unanswered(e, "its websites and store views");
            if (unanswered.isPresent()) {
                throw unanswered.get();
            }
            return ScopeChain.unresolved("Magento's store list could not be read: " + e.getMessage());
        }
        return chain(stores, websiteId, storeId);
    }

    /** The default, the website, the store view (when it is the website's), as far as the list knows them. */
    static ScopeChain chain(StoreList stores, int websiteId, int storeId) {
        Optional<StoreList.StoreView> view = storeId > 0 ? stores.storeView(storeId) : Optional.empty();
        int site = websiteId > 0 ? websiteId : view.map(StoreList.StoreView::websiteId).orElse(0);
        List<Scope> scopes = new ArrayList<>(List.of(Scope.DEFAULT));
        Optional<StoreList.Website> website = stores.website(site);
        if (website.isEmpty()) {
            return new ScopeChain(scopes, site > 0 ? "Magento lists no website " + site
                    : "Magento lists no store view " + storeId);
        }
        scopes.add(Scope.website(website.get().code()));
        if (view.isPresent() && view.get().websiteId() == site) {
            scopes.add(Scope.store(view.get().code()));
        }
        return new ScopeChain(scopes, storeId > 0 && view.isEmpty() ? "Magento lists no store view " + storeId
                : null);
    }
}
