package com.mvsync.sync;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The order rules that need no Vtiger: status, line folding, totals balancing. */
class OrderRulesTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new IllegalArgumentException(e);
        }
    }

    @Test
    void magentoStatusesMapToVtigersPicklist() {
        assertThat(OrderSync.salesOrderStatus("pending")).isEqualTo("Created");
        assertThat(OrderSync.salesOrderStatus("processing")).isEqualTo("Approved");
        assertThat(OrderSync.salesOrderStatus("complete")).isEqualTo("Delivered");
        assertThat(OrderSync.salesOrderStatus("canceled")).isEqualTo("Cancelled");
        assertThat(OrderSync.salesOrderStatus("closed")).isEqualTo("Cancelled");
        assertThat(OrderSync.salesOrderStatus("holded")).isEqualTo("Created");
    }

    @Test
    void aConfigurableChildIsFoldedIntoItsParentLine() {
        JsonNode order = json("""
                {"items": [
                  {"item_id": 1, "sku": "TEE-M-RED", "name": "Tee", "product_type": "configurable", "qty_ordered": 2,
                   "price": 20, "base_price": 20},
                  {"item_id": 2, "parent_item_id": 1, "sku": "TEE-M-RED", "name": "Tee M Red", "product_type": "simple",
                   "qty_ordered": 2, "price": 0, "base_price": 0},
                  {"item_id": 3, "sku": "MUG", "name": "Mug", "product_type": "simple", "qty_ordered": 1, "price": 8,
                   "base_price": 8}
                ]}""");

        List<ObjectNode> lines = OrderLines.of(order);

        assertThat(lines).extracting(l -> l.path("sku").asText()).containsExactly("TEE-M-RED", "MUG");
    }

    @Test
    void whatMagentoChargedBeyondLinesAndShippingIsCarriedAsTheAdjustmentWithANote() {
        JsonNode order = json("{\"grand_total\": 119.0, \"tax_amount\": 19.0}");
        Map<String, Object> element = new LinkedHashMap<>(Map.of("hdnS_H_Amount", "10"));
        List<Map<String, String>> lines = List.of(Map.of("quantity", "2", "listprice", "45", "discount_amount", "0"));
        List<String> notes = new ArrayList<>();

        OrderSync.balanceTotals(order, element, lines, notes);

        assertThat(element).containsEntry("txtAdjustment", "19.00");
        assertThat(notes).singleElement().asString().contains("includes 19.00 (tax 19.00)");
    }

    @Test
    void totalsThatAgreeNeedNoAdjustmentAndADifferingVtigerTotalIsNoted() {
        JsonNode order = json("{\"grand_total\": 100.0}");
        Map<String, Object> element = new LinkedHashMap<>(Map.of("hdnS_H_Amount", "0"));
        List<String> notes = new ArrayList<>();

        OrderSync.balanceTotals(order, element, List.of(Map.of("quantity", "1", "listprice", "100")), notes);
        OrderSync.checkTotal(json("{\"hdnGrandTotal\": \"90.00000000\"}"), order, notes);

        assertThat(element).doesNotContainKey("txtAdjustment");
        assertThat(notes).containsExactly("Vtiger's grand total 90.00 differs from Magento's 100.00 (tax or discount"
                + " rules differ)");
    }
}
