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

    private static Map<String, Object> element(List<Map<String, String>> lines) {
        Map<String, Object> element = new LinkedHashMap<>();
        element.put("hdnS_H_Amount", "10.00");
        element.put("LineItems", lines);
        return element;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> lines(Map<String, Object> element) {
        return (List<Map<String, Object>>) element.get("LineItems");
    }

    private static final List<Map<String, String>> LINES = List.of(
            Map.of("productid", "14x1", "quantity", "1", "listprice", "100", "discount_amount", "0"),
            Map.of("productid", "14x2", "quantity", "2", "listprice", "50", "discount_amount", "0"));

    @Test
    void oneRateIsWrittenAsVtigersGroupTaxOnEveryLineAndShippingTaxAsItsOwn() {
        JsonNode order = json("""
                {"grand_total": 249.9, "tax_amount": 39.9, "shipping_tax_amount": 1.9, "items": [
                  {"sku": "A", "tax_percent": 19, "tax_amount": 19},
                  {"sku": "B", "tax_percent": 19.0, "tax_amount": 19}]}""");
        Map<String, Object> element = element(LINES);
        List<String> notes = new ArrayList<>();

        OrderSync.balanceTotals(order, element, LINES, notes);

        assertThat(lines(element)).extracting(l -> l.get("tax1")).containsExactly("19", "19");
        assertThat(lines(element)).extracting(l -> l.get("productid")).containsExactly("14x1", "14x2");
        assertThat(element).containsEntry("shtax1_sh_percent", "19").doesNotContainKey("txtAdjustment")
                .doesNotContainKey("tax1");
        assertThat(notes).isEmpty();
    }

    @Test
    void severalRatesAreBlendedIntoVtigersOneGroupRateWithANote() {
        JsonNode order = json("""
                {"grand_total": 237.9, "tax_amount": 27.9, "shipping_tax_amount": 1.9, "items": [
                  {"sku": "A", "tax_percent": 19, "tax_amount": 19},
                  {"sku": "B", "tax_percent": 7, "tax_amount": 7}]}""");
        Map<String, Object> element = element(LINES);
        List<String> notes = new ArrayList<>();

        OrderSync.balanceTotals(order, element, LINES, notes);

        assertThat(lines(element)).extracting(l -> l.get("tax1")).containsExactly("13.000", "13.000");
        assertThat(element).doesNotContainKey("txtAdjustment");
        assertThat(notes).containsExactly("Magento taxed the lines at 7 %, 19 %; Vtiger's group tax has one rate for"
                + " all lines, so tax is written as 13.000 % of the subtotal (26.00 in Magento)");
    }

    @Test
    void aCentMagentoRoundedPerLineGoesToTheAdjustmentBesideVtigersTax() {
        // Magento rounds each line's tax: 3 × 3.33 at 19 % is 0.63 a line, 1.89; Vtiger's 19 % of 9.99 is 1.8981.
        List<Map<String, String>> lines = List.of(
                Map.of("productid", "14x1", "quantity", "1", "listprice", "3.33", "discount_amount", "0"),
                Map.of("productid", "14x2", "quantity", "1", "listprice", "3.33", "discount_amount", "0"),
                Map.of("productid", "14x3", "quantity", "1", "listprice", "3.33", "discount_amount", "0"));
        JsonNode order = json("""
                {"grand_total": 21.88, "tax_amount": 1.89, "shipping_tax_amount": 0, "items": [
                  {"sku": "A", "tax_percent": 19, "tax_amount": 0.63}, {"sku": "B", "tax_percent": 19, "tax_amount": 0.63},
                  {"sku": "C", "tax_percent": 19, "tax_amount": 0.63}]}""");
        Map<String, Object> element = element(lines);
        List<String> notes = new ArrayList<>();

        OrderSync.balanceTotals(order, element, lines, notes);

        // Without it Vtiger's total, 21.8881, would show as 21.89.
        assertThat(element).doesNotContainKey("shtax1_sh_percent").containsEntry("txtAdjustment", "-0.01");
        assertThat(lines(element)).extracting(l -> l.get("tax1")).containsOnly("19");
        assertThat(notes).singleElement().asString().contains("includes -0.01 (tax 1.89, of which Vtiger's tax holds"
                + " 1.90)");
    }

    @Test
    void anInvoicesItemsNameNoPercentSoTheRateIsWhatTheirTaxMakesOfTheSubtotal() {
        JsonNode invoice = json("""
                {"grand_total": 249.9, "tax_amount": 39.9, "shipping_tax_amount": 1.9, "items": [
                  {"sku": "A", "tax_amount": 19}, {"sku": "B", "tax_amount": 19}]}""");
        Map<String, Object> element = element(LINES);
        List<String> notes = new ArrayList<>();

        OrderSync.balanceTotals(invoice, element, LINES, notes);

        assertThat(lines(element)).extracting(l -> l.get("tax1")).containsExactly("19.000", "19.000");
        assertThat(element).containsEntry("shtax1_sh_percent", "19").doesNotContainKey("txtAdjustment");
        assertThat(notes).isEmpty();
    }
}
