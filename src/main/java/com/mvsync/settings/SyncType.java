package com.mvsync.settings;

import com.mvsync.magento.EntityType;
import com.mvsync.mapping.RecordType;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** What an admin switches on or off and schedules: one kind of Vtiger record, fed by one Magento entity. */
public enum SyncType {
    LEADS(RecordType.LEAD),
    ORGANIZATIONS(RecordType.ORGANIZATION),
    CONTACTS(RecordType.CONTACT),
    PRODUCTS(RecordType.PRODUCT),
    SALES_ORDERS(RecordType.SALES_ORDER),
    INVOICES(RecordType.INVOICE),
    CREDIT_MEMOS(RecordType.CREDIT_MEMO),
    SHIPMENTS(RecordType.SHIPMENT);

    private final RecordType recordType;
    private final EntityType entity;

    /** The entity feeding the record type is the one whose registry entry lists it ({@link EntityType#records()}). */
    SyncType(RecordType recordType) {
        this.recordType = recordType;
        this.entity = EntityType.feeding(recordType).orElseThrow(() -> new IllegalStateException(
                "no entity type feeds " + recordType));
    }

    public RecordType recordType() {
        return recordType;
    }

    /** The Magento entity whose webhook feeds this type. */
    public EntityType entity() {
        return entity;
    }

    /** Whether Magento deletes the entity feeding this type (customers and products), so a delete policy applies. */
    public boolean deletable() {
        return entity.deletable();
    }

    /** The types one webhook entity feeds (a customer feeds leads, organizations and contacts). */
    public static Set<SyncType> of(EntityType entity) {
        Set<SyncType> out = EnumSet.noneOf(SyncType.class);
        Arrays.stream(values()).filter(t -> t.entity == entity).forEach(out::add);
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
