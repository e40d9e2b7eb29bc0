package com.mvsync.sync;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.mvsync.magento.StoreList;
import com.mvsync.magento.rest.MagentoRestClient;
import com.mvsync.magento.rest.MagentoRestException;
import com.mvsync.settings.CustomerAccounts;
import com.mvsync.settings.SettingsStore;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Two-way sync's customers from unlinked Contacts ({@code records.contactsCreateCustomers}): the Magento customer a
 * Contact made in Vtiger stands for, found by its e-mail, else created ({@code POST /V1/customers} with the Contact's
 * first name, last name and e-mail, in the website of the connection's store view, or the store's first website when
 * the connection reads all of them). Searching first makes a repeat (a redelivery, a retry after a crash between the
 * creation and its link) find the customer the first attempt made instead of making a second; Magento's own refusal
 * of a duplicate e-mail (a creation that raced another) is answered the same way.
 */
@ApplicationScoped
public class ContactCustomers {

    /** Magento's answer (400) to a customer created with an e-mail a customer of the same website has. */
    static final String DUPLICATE_EMAIL = "same email address already exists";

    /**
     * The customer a Contact stands for.
     *
     * @param customer the customer as Magento answered it
     * @param created  whether this call made it
     * @param agreed   the Contact's values Magento now holds too (Vtiger field to value): the link's agreed values
     */
    public record Match(ObjectNode customer, boolean created, Map<String, String> agreed) {

        public String id() {
            return customer.path("id").asText();
        }
    }

    /** Where a new customer is made. */
    record Website(int websiteId, int storeId) {
    }

    private final MagentoRestClient magento;
    private final MagentoStores stores;
    private final SettingsStore settings;
    private final ObjectMapper json;

    public ContactCustomers(MagentoRestClient magento, MagentoStores stores, SettingsStore settings,
            ObjectMapper json) {
        this.magento = magento;
        this.stores = stores;
        this.settings = settings;
        this.json = json;
    }

    /**
     * The customer with the Contact's e-mail, made when Magento has none.
     *
     * @throws MagentoRestException when Magento does not answer or refuses the customer (e.g. no last name)
     */
    public Match findOrCreate(String email, String firstname, String lastname) {
        Website website = website();
        Integer searched = settings.current().customerAccounts() == CustomerAccounts.GLOBAL ? null
                : website.websiteId();
        Optional<ObjectNode> found = first(email, searched);
        if (found.isPresent()) {
            return match(found.get(), false, email, firstname, lastname);
        }
        ObjectNode customer = json.createObjectNode().put("email", email).put("firstname", firstname)
                .put("lastname", lastname).put("website_id", website.websiteId()).put("store_id", website.storeId());
        try {
            return match(magento.createCustomer(customer), true, email, firstname, lastname);
        } catch (MagentoRestException e) {
            if (e.httpStatus() == 400 && String.valueOf(e.getMessage()).contains(DUPLICATE_EMAIL)) {
                // Made meanwhile (another attempt, or a registration in the shop): that one is the customer.
                Optional<ObjectNode> made = first(email, searched);
                if (made.isPresent()) {
                    return match(made.get(), false, email, firstname, lastname);
                }
            }
            throw e;
        }
    }

    private Optional<ObjectNode> first(String email, Integer websiteId) {
        return magento.customersByEmail(email, websiteId).stream()
                .filter(c -> c.path("email").asText("").equalsIgnoreCase(email))
                .min(Comparator.comparingLong(c -> c.path("id").asLong()));
    }

    /** The Contact's values the customer holds as they are (an e-mail without case, as Magento compares it). */
    private static Match match(ObjectNode customer, boolean created, String email, String firstname,
            String lastname) {
        Map<String, String> agreed = new LinkedHashMap<>();
        if (customer.path("email").asText("").equalsIgnoreCase(email)) {
            agreed.put("email", customer.path("email").asText());
        }
        if (!firstname.isEmpty() && customer.path("firstname").asText("").equals(firstname)) {
            agreed.put("firstname", firstname);
        }
        if (!lastname.isEmpty() && customer.path("lastname").asText("").equals(lastname)) {
            agreed.put("lastname", lastname);
        }
        return new Match(customer, created, agreed);
    }

    /**
     * The connection's store view's website, else (the connection reads {@code all}) the store's first website and
     * its first store view; website 1, store view 1 (Magento's defaults) when the list is unknown.
     */
    Website website() {
        Optional<StoreList> list = stores.list();
        if (list.isEmpty()) {
            return new Website(1, 1);
        }
        Optional<StoreList.StoreView> view = list.get().storeView(magento.storeCode().toLowerCase(Locale.ROOT));
        if (view.isPresent()) {
            return new Website(view.get().websiteId(), view.get().id());
        }
        List<StoreList.Website> websites = list.get().websites();
        int websiteId = websites.stream().mapToInt(StoreList.Website::id).min().orElse(1);
        int storeId = list.get().storeViews().stream().filter(v -> v.websiteId() == websiteId)
                .mapToInt(StoreList.StoreView::id).min().orElse(1);
        return new Website(websiteId, storeId);
    }
}
