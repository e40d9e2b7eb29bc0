package com.mvsync.settings;

import com.mvsync.mapping.RecordType;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** What an admin switches on or off and schedules: one kind of Vtiger record, fed by one Magento entity. */
public enum SyncType {
    LEADS(RecordType.LEAD, "customer"),
    ORGANIZATIONS(RecordType.ORGANIZATION, "customer"),
    CONTACTS(RecordType.CONTACT, "customer"),
    PRODUCTS(RecordType.PRODUCT, "product"),
    SALES_ORDERS(RecordType.SALES_ORDER, "order"),
    INVOICES(RecordType.INVOICE, "invoice");

    /** The webhook entities, as {@link com.mvsync.magento.EntityType#label()} spells them. */
    public static final Set<String> ENTITIES = Set.of("customer", "product", "order", "invoice");

    private final RecordType recordType;
    private final String entity;

    SyncType(RecordType recordType, String entity) {
        this.recordType = recordType;
        this.entity = entity;
    }

    public RecordType recordType() {
        return recordType;
    }

    /** The Magento entity whose webhook feeds this type: customer, product, order or invoice. */
    public String entity() {
        return entity;
    }

    /** The types one webhook entity feeds (a customer feeds leads, organizations and contacts). */
    public static Set<SyncType> of(String entity) {
        String e = entity == null ? "" : entity.toLowerCase(Locale.ROOT);
        if (!ENTITIES.contains(e)) {
            throw new IllegalArgumentException("unknown entity '" + entity + "'; expected one of " + ENTITIES);
        }
        Set<SyncType> out = EnumSet.noneOf(SyncType.class);
        Arrays.stream(values()).filter(t -> t.entity.equals(e)).forEach(out::add);
        return out;
    }

    /** Accepts the name ("SALES_ORDERS", any case) or what {@link RecordType#parse} accepts ("Sales Order"). */
    public static Optional<SyncType> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String t = text.trim().toUpperCase(Locale.ROOT).replace(' ', '_');
        return Arrays.stream(values()).filter(s -> s.name().equals(t)).findFirst()
                .or(() -> RecordType.parse(text).flatMap(r -> Arrays.stream(values())
                        .filter(s -> s.recordType == r).findFirst()));
    }
}
