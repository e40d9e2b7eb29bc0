package com.mvsync.sync;

import com.fasterxml.jackson.databind.JsonNode;
import com.mvsync.magento.EntityType;
import com.mvsync.mapping.MissingField;
import com.mvsync.mapping.RecordType;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The mapped Vtiger fields a sync leaves empty because the entity lacks what they read, per record type, and the
 * note saying so, e.g. {@code Contact fields mailingstreet, mailingcity not filled: the payload has no addresses
 * (default_billing 301 is an address id) and Magento's REST API is not configured}. The wording is stable: admins
 * and their tools read it in answers and the sync log.
 */
record UnfilledFields(Map<RecordType, List<MissingField>> byType) {

    private static final List<String> ADDRESS_ROOTS = List.of("default_billing", "default_shipping");
    /** Stands for the address roots among the gaps until they are worded together (not a field name). */
    private static final String ADDRESSES = "<addresses>";

    UnfilledFields {
        byType = Map.copyOf(byType);
    }

    boolean isEmpty() {
        return byType.values().stream().allMatch(List::isEmpty);
    }

    /**
     * One note per record type with unfilled fields, in record type order.
     *
     * @param subject what lacks the fields: {@code the payload}, or {@code Magento's customer 42}
     * @param why     appended after the gaps, e.g. {@code  and Magento's REST API is not configured}; may be empty
     */
    List<String> notes(EntityType entityType, JsonNode entity, String subject, String why) {
        List<String> notes = new ArrayList<>();
        for (RecordType type : RecordType.values()) {
            List<MissingField> fields = byType.getOrDefault(type, List.of());
            if (fields.isEmpty()) {
                continue;
            }
            List<String> names = fields.stream().map(MissingField::vtigerField).toList();
            List<String> paths = fields.stream().flatMap(f -> f.paths().stream()).toList();
            notes.add(type.label() + " fields " + String.join(", ", names) + " not filled: " + subject + " has "
                    + String.join(", ", gaps(entityType, entity, paths)) + why);
        }
        return notes;
    }

    /** What the entity lacks, by the field each path starts from, in order of first mention: "no dob", ... */
    private static List<String> gaps(EntityType entityType, JsonNode entity, List<String> paths) {
        Set<String> roots = new LinkedHashSet<>();
        Set<String> addressRoots = new LinkedHashSet<>();
        for (String path : paths) {
            String root = root(path);
            if (ADDRESS_ROOTS.contains(root)) {
                addressRoots.add(root);
                roots.add(ADDRESSES);
            } else if (root.equals("addresses") && entityType == EntityType.CUSTOMER) {
                roots.add(ADDRESSES); // addresses[0].city: the same gap as the default addresses
            } else {
                roots.add(root);
            }
        }
        return roots.stream().map(root -> root.equals(ADDRESSES)
                ? addressGap(entityType, entity, ADDRESS_ROOTS.stream().filter(addressRoots::contains).toList())
                : "no " + root).toList();
    }

    private static String root(String path) {
        String first = path.split("\\.", 2)[0];
        int bracket = first.indexOf('[');
        return bracket < 0 ? first : first.substring(0, bracket);
    }

    /**
     * Orders and invoices carry their addresses; a customer names its defaults by address id, which is of no use
     * without the addresses themselves (Adobe Commerce Webhooks send the ids only).
     */
    private static String addressGap(EntityType entityType, JsonNode entity, List<String> roots) {
        if (entityType == EntityType.ORDER || entityType == EntityType.INVOICE) {
            return "no billing_address";
        }
        List<String> ids = new ArrayList<>();
        for (String root : roots) {
            String id = addressId(entity, root);
            if (id != null) {
                ids.add(root + " " + id);
            }
        }
        if (entity.path("addresses").isEmpty()) {
            return "no addresses" + (ids.isEmpty() ? "" : " (" + String.join(" and ", ids)
                    + (ids.size() == 1 ? " is an address id)" : " are address ids)"));
        }
        List<String> gaps = new ArrayList<>();
        for (String root : roots) {
            String id = addressId(entity, root);
            gaps.add("no " + root + " address" + (id == null ? "" : " " + id + " among its addresses"));
        }
        return String.join(", ", gaps);
    }

    private static String addressId(JsonNode entity, String root) {
        JsonNode id = entity.path(root);
        return id.isValueNode() && !id.asText().isBlank() && !id.isBoolean() ? id.asText() : null;
    }
}
