package com.mvsync.magento;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Rules shared by orders and invoices (and their items, addresses, payment). */
final class SalesFields {

    // "_id" fields that REST types as strings (or that hold codes/numbers where leading zeros matter).
    private static final Set<String> TEXT_FIELDS = Set.of("increment_id", "order_increment_id",
            "original_increment_id", "ext_order_id", "ext_customer_id", "ext_order_item_id", "transaction_id",
            "last_trans_id", "cc_trans_id", "vat_id", "vat_request_id", "country_id", "relation_parent_id",
            "relation_child_id", "relation_parent_real_id", "relation_child_real_id", "protect_code", "cc_last4");

    private static final Set<String> NUMERIC_FIELDS = Set.of("qty", "price", "weight", "subtotal", "grand_total",
            "state", "email_sent", "send_email", "customer_gender", "customer_is_guest", "free_shipping",
            "no_discount", "can_void_flag", "total_qty", "row_weight", "discount_percent", "tax_percent");

    private static final List<String> NUMERIC_SUFFIXES = List.of("_id", "_amount", "_total", "_price",
            "_invoiced", "_refunded", "_paid", "_due", "_rate", "_qty", "_weight", "_incl_tax", "_canceled",
            "_shipped", "_ordered", "_returned", "_captured", "_authorized", "_cost", "_percent", "_count",
            "_notify", "_compensation_amount");

    private SalesFields() {
    }

    /**
     * Whether REST shows this sales field as a number. A whitelist on purpose: sku, names, postcodes and
     * increment ids can look numeric but must stay strings.
     */
    static boolean isNumeric(String field) {
        if (TEXT_FIELDS.contains(field)) {
            return false;
        }
        return NUMERIC_FIELDS.contains(field) || field.startsWith("qty_") || field.startsWith("is_")
                || NUMERIC_SUFFIXES.stream().anyMatch(field::endsWith);
    }

    static void numbers(ObjectNode node) {
        Json.numbersIn(node, SalesFields::isNumeric);
    }

    /** Items, with a configurable/bundle child's embedded parent_item normalised too. */
    static void normaliseItems(ArrayNode items) {
        if (items == null) {
            return;
        }
        for (JsonNode item : items) {
            if (item instanceof ObjectNode object) {
                numbers(object);
                numbers(Json.object(object, "parent_item"));
            }
        }
    }

    static void normaliseAddress(ObjectNode address) {
        if (address != null) {
            numbers(address);
            Json.streetAsArray(address);
        }
    }

    static final FieldRules ITEM_RULES = new FieldRules()
            .expect(FieldRules.Kind.INTEGER, "item_id", "entity_id", "order_item_id", "order_id", "parent_id",
                    "product_id", "parent_item_id")
            .expect(FieldRules.Kind.STRING, "sku", "name", "product_type")
            .expect(FieldRules.Kind.NUMBER, "qty", "qty_ordered", "qty_invoiced", "price", "base_price",
                    "row_total", "base_row_total", "price_incl_tax", "row_total_incl_tax", "tax_amount",
                    "discount_amount");

    static final FieldRules ADDRESS_RULES = new FieldRules()
            .expect(FieldRules.Kind.INTEGER, "entity_id", "parent_id", "customer_address_id", "customer_id",
                    "region_id")
            .expect(FieldRules.Kind.STRING, "address_type", "firstname", "lastname", "company", "city", "region",
                    "region_code", "postcode", "country_id", "telephone", "email")
            .expect(FieldRules.Kind.ARRAY, "street");

    static void validateItems(ObjectNode entity) {
        ArrayNode items = Json.array(entity, "items");
        if (items == null) {
            return;
        }
        for (int i = 0; i < items.size(); i++) {
            JsonNode item = items.get(i);
            if (!(item instanceof ObjectNode object)) {
                throw new InvalidPayloadException("field 'items[" + i + "]' must be an object; got "
                        + Json.withArticle(item));
            }
            ITEM_RULES.check(object, "items[" + i + "].");
        }
    }

    /** Top-level fields absent, then "items[].x" for item fields absent from any item. */
    static List<String> missing(ObjectNode entity, List<String> fields, List<String> itemFields) {
        List<String> missing = new ArrayList<>();
        for (String field : fields) {
            if (!Json.has(entity, field)) {
                missing.add(field);
            }
        }
        ArrayNode items = Json.array(entity, "items");
        if (items == null || items.isEmpty()) {
            if (!missing.contains("items")) {
                missing.add("items");
            }
            return missing;
        }
        for (String field : itemFields) {
            boolean anyLacks = false;
            for (JsonNode item : items) {
                anyLacks |= !(item instanceof ObjectNode o) || !Json.has(o, field);
            }
            if (anyLacks) {
                missing.add("items[]." + field);
            }
        }
        return missing;
    }
}
