package com.mvsync.orchestration;

import com.fasterxml.jackson.databind.JsonNode;
import com.mvsync.magento.EntityType;
import com.mvsync.mapping.ScopeChain;
import com.mvsync.settings.SyncSettings;
import com.mvsync.sync.MagentoStores;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The settings in force for one entity: the store's, overridden by its website's and store view's
 * ({@link SyncSettings#in}). The entity's scopes are looked up (Magento's store list, cached) only when a website or
 * store view overrides a setting of a type the entity feeds, so a store with nothing overridden asks nothing more.
 */
@ApplicationScoped
public class ScopedSettings {

    private final MagentoStores stores;

    public ScopedSettings(MagentoStores stores) {
        this.stores = stores;
    }

    /**
     * The decision's settings, the scope they are of, whether some scope overrides the entity's types (so the scope
     * was looked up), and why the entity's own scope is not known (else null): the store's default settings then
     * apply.
     */
    public record InScope(SyncSettings settings, ScopeChain chain, boolean perScope, String note) {

        /** What to say of a switched-off type: "…in the settings" plus, for a website's, its scope. */
        public String where() {
            return chain.innermost().isDefault() ? "in the settings" : "in the settings of " + chain.innermost();
        }
    }

    /**
     * @throws com.mvsync.sync.SourceUnavailableException when Magento does not answer the store list now (retry)
     * @throws com.mvsync.sync.SourceConnectionException when Magento cannot be reached or refuses the credentials
     */
    public InScope of(SyncSettings current, EntityType type, JsonNode entity) {
        if (!current.scoped(type)) {
            return new InScope(current, ScopeChain.DEFAULT, false, null);
        }
        ScopeChain chain = stores.of(entity);
        String note = chain.problem() == null ? null : type.label() + " decided with the settings of scope "
                + chain.innermost() + " only: " + chain.problem();
        return new InScope(current.in(chain), chain, true, note);
    }
}
