package com.mvsync.testing.vtiger;

import java.math.RoundingMode;
import java.util.Map;
import java.util.Set;

/**
 * Vtiger 8.2.0 writes currency fields through the current user's display format and back
 * (DataTransform::sanitizeCurrencyFieldsForInsert → CurrencyField::convertToUserFormat → number_format with the user's
 * "Number of currency decimals", then getDBInsertedValue): the stored value is rounded, half away from zero, to the
 * user's decimals. It applies to uitype 71/72 fields, uitype 7 numbers and Products' qty_per_unit and qtyinstock (not
 * commissionrate). A stock admin who never saw the first-login preferences page has the preference NULL, which PHP
 * reads as 0: 7.5 is stored as 8 (recorded in 20_create_Products_unit_price_rounded_to_user_decimals.json).
 * Inventory creates are not rounded: the inventory save writes lines and totals itself
 * (20_create_SalesOrder_lines_not_rounded_to_user_decimals.json); an update or revise of their header is
 * (20_revise_SalesOrder_header_rounded_to_user_decimals.json).
 */
final class CurrencyRounding {
    /** A user's format: "Number of currency decimals" and the conversion rate of the user's currency. */
    record UserFormat(int decimals, java.math.BigDecimal rate) {
    }

    /**
     * uitype 71 fields are also converted into the user's currency and back (convertFromDollar, rounded to 5 places,
     * then formatted, then divided by the rate): at EUR 0.92 with 2 decimals 19.99 is stored as 19.98913043 (checked on
     * a stock 8.2.0); unit_price (uitype 72) is not converted.
     */
    private static final Map<String, Set<String>> CONVERTED = Map.of(
            "Leads", Set.of("annualrevenue"),
            "Accounts", Set.of("annual_revenue"),
            "Products", Set.of("purchase_cost"));

    private static final Set<String> INVENTORY_HEADER = Set.of("hdnDiscountAmount", "hdnGrandTotal", "hdnSubTotal",
            "hdnS_H_Amount", "pre_tax_total", "txtAdjustment");
    /** Fields of the stock describe whose uitype/typeofdata make Vtiger round them (vtiger_field, 8.2.0). */
    private static final Map<String, Set<String>> ROUNDED = Map.of(
            "Leads", Set.of("annualrevenue"),
            "Accounts", Set.of("annual_revenue"),
            "Products", Set.of("unit_price", "purchase_cost", "qtyinstock", "qty_per_unit"),
            "SalesOrder", INVENTORY_HEADER,
            "Invoice", union(INVENTORY_HEADER, Set.of("received", "balance")));

    private CurrencyRounding() {
    }

    static boolean rounds(String module, String field) {
        return ROUNDED.getOrDefault(module, Set.of()).contains(field);
    }

    /** The value as the user's format leaves it: numbers rounded to the user's decimals, anything else untouched. */
    static Object round(String module, String field, Object raw, UserFormat user) {
        if (!ValueFormat.isNumeric(raw)) {
            return raw;
        }
        java.math.BigDecimal value = ValueFormat.num(raw);
        boolean converted = CONVERTED.getOrDefault(module, Set.of()).contains(field) && user.rate().signum() != 0
                && user.rate().compareTo(java.math.BigDecimal.ONE) != 0;
        if (!converted) {
            return value.setScale(user.decimals(), RoundingMode.HALF_UP).toPlainString();
        }
        java.math.BigDecimal shown = value.multiply(user.rate()).setScale(5, RoundingMode.HALF_UP)
                .setScale(user.decimals(), RoundingMode.HALF_UP);
        return shown.divide(user.rate(), 8, RoundingMode.HALF_UP).toPlainString();
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        java.util.HashSet<String> all = new java.util.HashSet<>(a);
        all.addAll(b);
        return Set.copyOf(all);
    }
}
