package com.mvsync.magento;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Product → {@code GET /V1/products/{sku}} shape. */
final class ProductNormalizer implements EntityNormalizer {

    private static final Set<String> NUMERIC = Set.of("id", "attribute_set_id", "price", "status", "visibility",
            "weight");

    // Standard EAV attributes that REST returns under custom_attributes (as strings) rather than top-level.
    // Unknown (merchant) attributes stay where the sender put them.
    private static final List<String> CUSTOM_ATTRIBUTE_CODES = List.of("description", "short_description",
            "category_ids", "options_container", "required_options", "has_options", "url_key", "url_path",
            "tax_class_id", "meta_title", "meta_keyword", "meta_description", "special_price", "special_from_date",
            "special_to_date", "cost", "msrp", "manufacturer", "color", "country_of_manufacture", "news_from_date",
            "news_to_date", "image", "small_image", "thumbnail", "swatch_image", "gift_message_available");

    private static final FieldRules RULES = new FieldRules()
            .expect(FieldRules.Kind.INTEGER, "id", "attribute_set_id", "status", "visibility")
            .expect(FieldRules.Kind.STRING, "sku", "name", "type_id", "created_at", "updated_at")
            .expect(FieldRules.Kind.NUMBER, "price", "weight")
            .expect(FieldRules.Kind.ARRAY, "custom_attributes", "website_ids")
            .expect(FieldRules.Kind.OBJECT, "extension_attributes");

    @Override
    public void normalize(ObjectNode product) {
        Json.rename(product, "entity_id", "id"); // model data (webhooks) uses entity_id
        Json.numbersIn(product, NUMERIC::contains);
        moveWebsites(product);
        moveStock(product);
        moveCustomAttributes(product);
    }

    private static ObjectNode extension(ObjectNode product) {
        ObjectNode extension = Json.object(product, "extension_attributes");
        return extension != null ? extension : product.putObject("extension_attributes");
    }

    private static void moveWebsites(ObjectNode product) {
        JsonNode websites = product.get("website_ids");
        if (websites instanceof ArrayNode ids) {
            product.remove("website_ids");
            ArrayNode numbers = Json.NODES.arrayNode();
            ids.forEach(id -> numbers.add(Json.numberIfNumeric(id)));
            ObjectNode extension = extension(product);
            if (!extension.has("website_ids")) {
                extension.set("website_ids", numbers);
            }
        }
    }

    /** Model data carries stock as stock_data / quantity_and_stock_status; REST as extension_attributes.stock_item. */
    private static void moveStock(ObjectNode product) {
        ObjectNode stock = Json.object(product, "stock_data");
        ObjectNode status = Json.object(product, "quantity_and_stock_status");
        if (stock == null && status == null) {
            return;
        }
        product.remove(List.of("stock_data", "quantity_and_stock_status"));
        ObjectNode extension = extension(product);
        if (extension.has("stock_item")) {
            return;
        }
        ObjectNode item = extension.putObject("stock_item");
        for (ObjectNode source : new ObjectNode[] {stock, status}) {
            if (source == null) {
                continue;
            }
            JsonNode qty = source.get("qty");
            if (qty != null && !item.has("qty")) {
                item.set("qty", Json.numberIfNumeric(qty));
            }
            JsonNode inStock = source.get("is_in_stock");
            if (inStock != null && !item.has("is_in_stock")) {
                item.set("is_in_stock", BooleanNode.valueOf(inStock.asBoolean() || "1".equals(inStock.asText())));
            }
        }
    }

    private static void moveCustomAttributes(ObjectNode product) {
        List<String> present = new ArrayList<>();
        for (String code : CUSTOM_ATTRIBUTE_CODES) {
            if (product.has(code)) {
                present.add(code);
            }
        }
        if (present.isEmpty()) {
            return;
        }
        JsonNode existing = product.get("custom_attributes");
        if (existing != null && !existing.isArray() && !existing.isNull()) {
            return; // left for validate() to reject with a clear message
        }
        ArrayNode attributes = existing instanceof ArrayNode a ? a : product.putArray("custom_attributes");
        Set<String> codes = new java.util.HashSet<>();
        attributes.forEach(a -> codes.add(Json.scalarText(a, "attribute_code")));
        for (String code : present) {
            JsonNode value = product.remove(code);
            if (!codes.contains(code) && value != null && !value.isNull()) {
                attributes.addObject().put("attribute_code", code).set("value", asText(value));
            }
        }
    }

    /** REST custom attribute values are strings (or arrays of strings, e.g. category_ids). */
    private static JsonNode asText(JsonNode value) {
        if (value.isArray()) {
            ArrayNode texts = Json.NODES.arrayNode();
            value.forEach(v -> texts.add(asText(v)));
            return texts;
        }
        if (value.isNumber()) {
            return Json.text(Json.numberText(value));
        }
        if (value.isBoolean()) {
            return Json.text(value.asBoolean() ? "1" : "0");
        }
        return value;
    }

    @Override
    public void validate(ObjectNode product) {
        RULES.check(product, "");
        String sku = Json.scalarText(product, "sku");
        if (sku == null || sku.isBlank()) {
            throw new InvalidPayloadException("product payload has no 'sku'; the sync identifies products by SKU");
        }
    }

    @Override
    public List<String> missing(ObjectNode product) {
        List<String> missing = new ArrayList<>();
        for (String field : List.of("id", "name", "price", "status", "type_id")) {
            if (!Json.has(product, field)) {
                missing.add(field);
            }
        }
        return missing;
    }

    @Override
    public String entityId(ObjectNode product) {
        JsonNode id = product.get("id");
        return id == null || id.isNull() ? null : Json.numberText(id);
    }
}
