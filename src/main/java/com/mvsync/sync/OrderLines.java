package com.mvsync.sync;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

/**
 * The lines of an order or invoice as Magento shows them to the customer: configurable and bundle children are
 * folded into their parent line (the parent carries the price; a dynamic-price bundle's price is its children's sum).
 */
final class OrderLines {

    /** Magento's two sets of amounts: the order currency's ({@code price}) and the base currency's ({@code base_price}). */
    private static final List<String> CURRENCIES = List.of("", "base_");

    private OrderLines() {
    }

    /** Top-level lines with a positive quantity, each with the price Vtiger should list. */
    static List<ObjectNode> of(JsonNode entity) {
        JsonNode items = entity.path("items");
        List<ObjectNode> lines = new ArrayList<>();
        for (JsonNode item : items) {
            if (isChild(item) || !(item instanceof ObjectNode line)) {
                continue;
            }
            BigDecimal qty = quantity(item);
            if (qty.signum() <= 0) {
                continue; // a partial invoice lists the order's other items with qty 0
            }
            ObjectNode folded = line.deepCopy();
            for (String currency : CURRENCIES) {
                foldPrice(folded, items, qty, currency);
            }
            lines.add(folded);
        }
        return lines;
    }

    /** The line's price in the order currency ("") or the base currency ("base_"), from its row or its children. */
    private static void foldPrice(ObjectNode line, JsonNode items, BigDecimal qty, String currency) {
        String priceField = currency + "price";
        String rowTotalField = currency + "row_total";
        if (!line.hasNonNull(priceField) && line.hasNonNull(rowTotalField)) {
            // Subscribed-field payloads may carry the row total only.
            line.put(priceField, Amounts.of(line.path(rowTotalField)).divide(qty, 4, RoundingMode.HALF_UP)
                    .stripTrailingZeros());
        }
        if (Amounts.of(line.path(priceField)).signum() == 0) {
            BigDecimal childTotal = BigDecimal.ZERO;
            for (JsonNode child : items) {
                if (isChildOf(child, line)) {
                    childTotal = childTotal.add(Amounts.of(child.path(rowTotalField)));
                }
            }
            if (childTotal.signum() > 0) {
                line.put(priceField, childTotal.divide(qty, 4, RoundingMode.HALF_UP).stripTrailingZeros());
            }
        }
    }

    static BigDecimal quantity(JsonNode item) {
        JsonNode qty = item.has("qty_ordered") ? item.path("qty_ordered") : item.path("qty");
        return Amounts.of(qty);
    }

    private static boolean isChild(JsonNode item) {
        JsonNode parent = item.path("parent_item_id");
        return (!parent.isMissingNode() && !parent.isNull()) || item.has("parent_item");
    }

    private static boolean isChildOf(JsonNode child, JsonNode parent) {
        String parentId = parent.path("item_id").asText(null);
        return parentId != null && parentId.equals(child.path("parent_item_id").asText(null));
    }
}
