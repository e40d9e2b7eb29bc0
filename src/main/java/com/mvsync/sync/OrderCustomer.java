package com.mvsync.sync;

import static com.mvsync.sync.Modules.ACCOUNTS;
import static com.mvsync.sync.Modules.CONTACTS;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.mvsync.magento.EntityType;
import com.mvsync.mapping.AddressResolver;
import com.mvsync.mapping.RecordType;
import com.mvsync.store.EntityLink;
import com.mvsync.store.SyncLedger;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The Organization and Contact an order (and its invoices) belong to. A registered customer's linked records are used
 * as they are; a customer never synced is synced first from what the order says about them, as on registration; a
 * guest gets an Organization and a Contact (no Lead) keyed by email, so repeat guest orders share them.
 */
@ApplicationScoped
public class OrderCustomer {

    private final CustomerSync customers;
    private final SyncLedger ledger;
    private final ObjectMapper json;
    private final LockedSync lockedSync;

    public OrderCustomer(CustomerSync customers, SyncLedger ledger, ObjectMapper json, LockedSync lockedSync) {
        this.customers = customers;
        this.ledger = ledger;
        this.json = json;
        this.lockedSync = lockedSync;
    }

    /** Ids of the buyer's records, what was done to them, and their link when this sync made or completed it. */
    public record Buyer(String accountId, String contactId, List<RecordOutcome> outcomes, Optional<EntityLink> link,
            List<String> notes, Map<String, String> names) {
        Buyer(String accountId, String contactId) {
            this(accountId, contactId, List.of(), Optional.empty(), List.of(), Map.of());
        }

        /** The buyer's records by their link, named by what the customer's sync last wrote to them. */
        static Buyer of(EntityLink link, List<RecordOutcome> outcomes, List<String> notes) {
            Map<String, String> names = new LinkedHashMap<>();
            for (String module : List.of(ACCOUNTS, CONTACTS)) {
                RecordType.recordName(module, link.lastWrittenTo(module)).ifPresent(n -> names.put(module, n));
            }
            return new Buyer(link.idOf(ACCOUNTS), link.idOf(CONTACTS), outcomes, Optional.empty(), notes, names);
        }
    }

    public Buyer resolve(JsonNode order) {
        boolean guest = order.path("customer_is_guest").asInt(0) == 1 || order.path("customer_id").isMissingNode()
                || order.path("customer_id").isNull();
        String email = firstText(order.path("customer_email"), AddressResolver.REST.billing(order).path("email"));
        String key = guest ? "guest#" + (email == null ? "unknown" : email.toLowerCase(Locale.ROOT))
                : EntityType.CUSTOMER.key(order.path("customer_id").asText());
        EntityLink link = ledger.link(key);
        if (complete(link)) {
            return Buyer.of(link, List.of(), List.of());
        }
        // Made under the buyer's lock and linked before it is released: two orders of one new buyer synced at once,
        // or an order racing the buyer's registration, must not both make the records. The one locked out retries.
        String id = guest ? email : order.path("customer_id").asText();
        LockedSync.Done<SyncResult> done = lockedSync.run(key, OrderCustomer::complete,
                locked -> customers.sync(id, customerOf(order, email), locked, false,
                        guest ? CustomerSync.GUEST : CustomerSync.ALL),
                SyncResult::link, LockedSync.KeepPartial.VTIGER_FAILURES);
        EntityLink made = done.link();
        return done.synced().map(synced -> Buyer.of(made, synced.records(), synced.notes()))
                .orElseGet(() -> Buyer.of(made, List.of(), List.of()));
    }

    private static boolean complete(EntityLink link) {
        return link.idOf(ACCOUNTS) != null && link.idOf(CONTACTS) != null;
    }

    /** A customer in the REST shape, made from the order's customer fields and its addresses. */
    ObjectNode customerOf(JsonNode order, String email) {
        JsonNode billing = AddressResolver.REST.billing(order);
        JsonNode shipping = AddressResolver.REST.shipping(order);
        ObjectNode customer = json.createObjectNode();
        customer.set("id", order.path("customer_id").isMissingNode() ? null : order.path("customer_id"));
        customer.put("email", email);
        customer.put("firstname", firstText(order.path("customer_firstname"), billing.path("firstname")));
        customer.put("lastname", firstText(order.path("customer_lastname"), billing.path("lastname")));
        String dob = firstText(order.path("customer_dob"));
        if (dob != null && dob.length() >= 10) {
            customer.put("dob", dob.substring(0, 10));
        }
        ArrayNode addresses = customer.putArray("addresses");
        if (!billing.isMissingNode()) {
            addresses.add(((ObjectNode) billing.deepCopy()).put("default_billing", true));
        }
        if (!shipping.isMissingNode() && !shipping.equals(billing)) {
            addresses.add(((ObjectNode) shipping.deepCopy()).put("default_shipping", true));
        } else if (!billing.isMissingNode()) {
            ((ObjectNode) addresses.get(0)).put("default_shipping", true);
        }
        return customer;
    }

    private static String firstText(JsonNode... nodes) {
        for (JsonNode node : nodes) {
            if (node != null && node.isValueNode() && !node.asText().isBlank()) {
                return node.asText();
            }
        }
        return null;
    }
}
