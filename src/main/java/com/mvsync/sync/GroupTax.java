package com.mvsync.sync;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Magento's tax on an order or invoice as Vtiger's own tax, so that Vtiger's tax fields, reports and invoice layouts
 * show it. Vtiger 8.2.0's webservice takes tax in group mode only (individual mode fails on create with HTTP 500, and
 * through revise counts nothing unless each Product has tax associations), and group mode has one rate for all lines:
 * it reads the first line item's {@code tax1..tax3} and applies them to the whole subtotal, ignoring other lines'
 * rates and the header's {@code tax1..tax3} (probed on a stock 8.2.0). Shipping tax is {@code shtax1_sh_percent}
 * of {@code hdnS_H_Amount}. The rates are the record's own: writing 19 % on one order leaves the Tax's default
 * and other records as they are.
 *
 * <p>The rate written is Magento's when every taxed line has the same {@code tax_percent}; with several rates it is
 * the blend that gives Magento's line tax on Vtiger's subtotal, to Vtiger's 3 decimals, with a note; an invoice's
 * items name no percent, so its rate is the one its line tax makes of its subtotal. Whatever cent
 * stays apart goes to the adjustment ({@link OrderSync#balanceTotals}).
 *
 * @param itemPercent the group rate of the lines (Vtiger's tax1), zero for none
 * @param shippingPercent the shipping tax rate (Vtiger's shtax1), zero for none
 */
record GroupTax(BigDecimal itemPercent, BigDecimal shippingPercent, Optional<String> note) {

    static final GroupTax NONE = new GroupTax(BigDecimal.ZERO, BigDecimal.ZERO, Optional.empty());

    /** Vtiger's first tax and first shipping tax (VAT on a stock install) carry the record's rates. */
    static final String LINE_TAX = "tax1";
    static final String SHIPPING_TAX = "shtax1_sh_percent";

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);
    /** decimal(7,3): Vtiger's tax percentage columns. */
    private static final int PERCENT_SCALE = 3;

    /**
     * @param amounts the order or invoice in the currency written (its {@code items}, {@code tax_amount},
     *        {@code shipping_tax_amount})
     * @param lineBase what Vtiger's group tax applies to: the lines' quantity × price less their discounts
     * @param shipping the shipping amount written
     */
    static GroupTax of(JsonNode amounts, BigDecimal lineBase, BigDecimal shipping) {
        BigDecimal shippingTax = Amounts.of(amounts.path("shipping_tax_amount"));
        BigDecimal lineTax = Amounts.of(amounts.path("tax_amount")).subtract(shippingTax);
        TreeSet<BigDecimal> rates = new TreeSet<>();
        boolean taxedLines = false;
        for (JsonNode item : amounts.path("items")) {
            if (Amounts.of(item.path("tax_amount")).signum() > 0) {
                taxedLines = true;
                BigDecimal rate = Amounts.of(item.path("tax_percent"));
                if (rate.signum() > 0) {
                    rates.add(rate.stripTrailingZeros());
                }
            }
        }
        BigDecimal itemPercent = BigDecimal.ZERO;
        Optional<String> note = Optional.empty();
        // Without taxed lines (a payload without items, a tax Magento puts elsewhere) the tax stays in the
        // adjustment, as before.
        if (taxedLines && lineTax.signum() > 0 && lineBase.signum() > 0) {
            if (rates.size() == 1) {
                itemPercent = rates.first();
            } else {
                // Several rates, or none named: an invoice's items carry their tax but not its percent.
                itemPercent = lineTax.multiply(HUNDRED).divide(lineBase, PERCENT_SCALE, RoundingMode.HALF_UP);
                if (rates.size() > 1) {
                    List<String> named = new ArrayList<>();
                    rates.forEach(r -> named.add(r.toPlainString() + " %"));
                    note = Optional.of("Magento taxed the lines at " + String.join(", ", named) + "; Vtiger's group"
                            + " tax has one rate for all lines, so tax is written as " + itemPercent.toPlainString()
                            + " % of the subtotal (" + Amounts.text(lineTax) + " in Magento)");
                }
            }
        }
        BigDecimal shippingPercent = shippingTax.signum() > 0 && shipping.signum() > 0
                ? shippingTax.multiply(HUNDRED).divide(shipping, PERCENT_SCALE, RoundingMode.HALF_UP).stripTrailingZeros()
                : BigDecimal.ZERO;
        return new GroupTax(itemPercent, shippingPercent, note);
    }

    /** The tax Vtiger computes: the line rate of {@code lineBase} and the shipping rate of {@code shipping}. */
    BigDecimal amount(BigDecimal lineBase, BigDecimal shipping) {
        return lineBase.multiply(itemPercent).add(shipping.multiply(shippingPercent)).divide(HUNDRED);
    }

    /** The create element with the rates: on every line (the first decides) and the shipping tax on the header. */
    void applyTo(Map<String, Object> element) {
        if (shippingPercent.signum() > 0) {
            element.put(SHIPPING_TAX, shippingPercent.toPlainString());
        }
        if (itemPercent.signum() > 0 && element.get("LineItems") instanceof List<?> lines) {
            List<Map<String, Object>> taxed = new ArrayList<>();
            for (Object line : lines) {
                Map<String, Object> copy = new LinkedHashMap<>();
                if (line instanceof Map<?, ?> fields) {
                    fields.forEach((k, v) -> copy.put(String.valueOf(k), v));
                }
                copy.put(LINE_TAX, itemPercent.toPlainString());
                taxed.add(copy);
            }
            element.put("LineItems", taxed);
        }
    }
}
