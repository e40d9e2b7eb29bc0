package com.mvsync.testing.twoway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.mvsync.magento.EntityType;
import com.mvsync.store.EntityLink;
import com.mvsync.store.SyncLedger;
import com.mvsync.testing.lambda.Samples;
import com.mvsync.testing.magento.FakeMagentoServer;
import com.mvsync.testing.vtiger.FakeVtigerServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Customers as a Magento → Vtiger sync would have left them, made directly (two-way sync tests and benchmarks that
 * need hundreds): the customer in the Magento double (the sample customer, default billing telephone
 * {@link #MAGENTO_PHONE}), its Contact in the Vtiger double with another phone (as a colleague edited it), and the
 * link in the table: the Contact's id, the phone both sides last agreed on, and the Contact's holder
 * ({@code RECORD#}), which is what the Vtiger poll reads to queue a change.
 */
public final class LinkedCustomers {

    public static final String MAGENTO_PHONE = "415-555-0134";
    private static final ObjectMapper JSON = new ObjectMapper();

    private LinkedCustomers() {
    }

    /** The customer in Magento and its Contact in Vtiger (not linked yet); the Contact's id. */
    public static String make(FakeMagentoServer magento, FakeVtigerServer vtiger, long id, String vtigerPhone) {
        String email = "linked" + id + "@example.com";
        try {
            magento.putCustomer((ObjectNode) JSON.readTree(Samples.customer("rest/customer_get_42.json", id, email)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return vtiger.seed("Contacts", Map.of("lastname", "Linked " + id, "email", email, "phone", vtigerPhone,
                "assigned_user_id", "19x1"));
    }

    /** Links each Contact (id to Magento customer id), four at a time. */
    public static void link(SyncLedger ledger, Map<String, Long> customerOf) {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> done = new ArrayList<>();
            new LinkedHashMap<>(customerOf).forEach((contact, id) -> done.add(pool.submit(() -> {
                String key = EntityType.CUSTOMER.key(Long.toString(id));
                ledger.saveRelatedLink(new EntityLink(key, Map.of("Contacts", contact),
                        Map.of("Contacts", Map.of("phone", MAGENTO_PHONE))));
                if (ledger.claimRecord(contact, key).isPresent()) {
                    throw new IllegalStateException(contact + " is held by another entity");
                }
            })));
            for (Future<?> f : done) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        } finally {
            pool.shutdown();
        }
    }

    /** The telephone of the customer's default billing address, as Magento now serves it. */
    public static String telephone(FakeMagentoServer magento, long id) {
        return billing(magento, id, "telephone");
    }

    /** A field of the customer's default billing address, as Magento now serves it. */
    public static String billing(FakeMagentoServer magento, long id, String field) {
        ObjectNode customer = magento.entity("customers", Long.toString(id));
        String billing = customer.path("default_billing").asText();
        for (JsonNode address : customer.path("addresses")) {
            if (address.path("id").asText().equals(billing)) {
                return address.path(field).asText();
            }
        }
        throw new AssertionError("customer " + id + " has no default billing address");
    }

    /**
     * The sample customer with this id and e-mail, its billing address's company set to {@code company}, or no
     * address with a company when it is null (a person, whose Organization is personal).
     */
    public static ObjectNode sample(long id, String email, String company) {
        ObjectNode customer;
        try {
            customer = (ObjectNode) JSON.readTree(Samples.customer("rest/customer_get_42.json", id, email));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        customer.withArray("addresses").forEach(a -> {
            if (company == null) {
                ((ObjectNode) a).remove("company");
            } else if (a.has("company")) {
                ((ObjectNode) a).put("company", company);
            }
        });
        return customer;
    }
}
