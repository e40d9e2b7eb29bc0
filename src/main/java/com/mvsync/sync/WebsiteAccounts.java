package com.mvsync.sync;

import com.mvsync.magento.rest.MagentoRestException;
import com.mvsync.settings.CustomerAccounts;
import com.mvsync.settings.SettingsStore;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;

/**
 * Whether an e-mail may name different customers on different websites: Magento keeps accounts per website and the
 * store has more than one. Then a Vtiger record found by e-mail may be another website's customer's, so the
 * customer sync does not look customers up by e-mail (see {@link CustomerSync}).
 */
@ApplicationScoped
public class WebsiteAccounts {

    private final SettingsStore settings;
    private final MagentoStores stores;

    public WebsiteAccounts(SettingsStore settings, MagentoStores stores) {
        this.settings = settings;
        this.stores = stores;
    }

    /**
     * True for accounts per website on a store with several websites, or one whose websites cannot be listed (no
     * REST API): two customers are never merged on a guess. The store list is asked only when accounts are per
     * website.
     */
    public boolean perWebsite() {
        if (settings.current().customerAccounts() == CustomerAccounts.GLOBAL) {
            return false;
        }
        try {
            return stores.list().map(list -> list.websites().size() > 1).orElse(true);
        } catch (MagentoRestException e) {
            Optional<RuntimeException> unanswered = MagentoEntityFetcher.unanswered(e, "its websites");
            if (unanswered.isPresent()) {
                throw unanswered.get();
            }
            return true;
        }
    }
}
