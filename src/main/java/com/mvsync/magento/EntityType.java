package com.mvsync.magento;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The Magento entities the sync handles; each webhook route accepts exactly one. Its {@link #label()} is the text
 * stored and shown for it (queue items, sync log, drain times, JSON answers), so renaming a constant changes nothing
 * stored.
 */
public enum EntityType {
    CUSTOMER("id"), PRODUCT("sku"), ORDER("entity_id"), INVOICE("entity_id"), CREDITMEMO("entity_id"),
    SHIPMENT("entity_id");

    private final String restIdField;

    EntityType(String restIdField) {
        this.restIdField = restIdField;
    }

    /** Lower-case name as used in user-facing messages and Magento payload keys ("customer", "order"…). */
    @JsonValue
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The key of one entity in the sync store and queue, e.g. {@code customer#42}: the one way to build it, so a
     * webhook, a backfill and a side sync of the same entity meet on one lock, link and queue item.
     */
    public String key(String id) {
        return label() + "#" + id;
    }

    /** The field of a Magento REST entity that {@link #key} is built from: id, sku or entity_id. */
    public String restIdField() {
        return restIdField;
    }

    /** The type of a label ("customer", any case); empty for anything else. */
    public static Optional<EntityType> find(String label) {
        if (label == null) {
            return Optional.empty();
        }
        String l = label.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(t -> t.label().equals(l)).findFirst();
    }

    /**
     * Like {@link #find}, for text that must name a type (a stored label).
     *
     * @throws IllegalArgumentException for anything else
     */
    public static EntityType parse(String label) {
        return find(label).orElseThrow(() -> new IllegalArgumentException("unknown entity '" + label
                + "'; expected one of " + Arrays.stream(values()).map(EntityType::label).toList()));
    }
}
