package com.mvsync.magento.rest;

import com.mvsync.magento.EntityType;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The Magento entity types the poll can read, one line each: the REST search path, the id field that breaks ties in
 * the sort (the collection's primary key, also where the REST entity is keyed by something else: a product by sku),
 * and the field holding the time of the last change. Adding a type to polling is adding its line here.
 */
public final class PolledTypes {

    /** How one type's changes are searched. */
    public record PolledType(EntityType type, String searchPath, String idField, String updatedAtField) {
    }

    private static final List<PolledType> TABLE = List.of(
            // Magento's customer search sorts by the collection's column entity_id; "id" is only the REST name.
            new PolledType(EntityType.CUSTOMER, "customers/search", "entity_id", "updated_at"),
            new PolledType(EntityType.PRODUCT, "products", "entity_id", "updated_at"),
            new PolledType(EntityType.ORDER, "orders", "entity_id", "updated_at"),
            new PolledType(EntityType.INVOICE, "invoices", "entity_id", "updated_at"),
            new PolledType(EntityType.CREDITMEMO, "creditmemos", "entity_id", "updated_at"),
            new PolledType(EntityType.SHIPMENT, "shipments", "entity_id", "updated_at"));

    private static final Map<EntityType, PolledType> BY_TYPE = new EnumMap<>(EntityType.class);

    static {
        TABLE.forEach(t -> BY_TYPE.put(t.type(), t));
    }

    private PolledTypes() {
    }

    public static Optional<PolledType> of(EntityType type) {
        return Optional.ofNullable(BY_TYPE.get(type));
    }

    /** The types that can be polled, in the table's order. */
    public static Set<EntityType> types() {
        return BY_TYPE.keySet();
    }

    /** The labels of the pollable types (for messages). */
    public static List<String> labels() {
        return Arrays.stream(EntityType.values()).filter(BY_TYPE::containsKey).map(EntityType::label).toList();
    }
}
