package com.mvsync.testing.vtiger;

import com.mvsync.testing.vtiger.ModuleCatalog.FieldMeta;
import com.mvsync.testing.vtiger.ModuleCatalog.ModuleMeta;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Renders stored records in the exact shapes Vtiger 8.2.0 answers with; the shapes differ per operation
 * (create, retrieve, revise, update, query), see the 05_/06_/07_/08_/09_ recordings.
 */
final class RecordViews {
    /** Header fields of inventory describes that really live on the line items. */
    static final List<String> LINE_FIELDS = List.of("productid", "quantity", "listprice", "comment",
            "discount_amount", "discount_percent", "tax1", "tax2", "tax3");
    static final List<String> SHIPPING_FIELDS = List.of("shipping_&_handling", "shipping_&_handling_shtax1",
            "shipping_&_handling_shtax2", "shipping_&_handling_shtax3");
    /** Products describe lists these, but create/retrieve do not return them. */
    static final List<String> PRODUCT_HIDDEN = List.of("tax1", "tax2", "tax3", "currency1");
    /** Computed inventory totals: JSON numbers in the create answer, decimal strings afterwards. */
    static final List<String> TOTALS = List.of("hdnSubTotal", "hdnGrandTotal", "pre_tax_total");
    /** Columns that come from the LEFT JOINed recurring-info table: NULL in query rows when empty. */
    private static final List<String> NULL_WHEN_EMPTY_IN_QUERY = List.of("recurring_frequency", "payment_duration",
            "start_period", "end_period", "last_recurring_date", "region_id");
    private static final String[][] TAXES = {{"tax1", "VAT", "4.500"}, {"tax2", "Sales", "10.000"},
            {"tax3", "Service", "12.500"}};

    private final ModuleCatalog catalog;
    private final Function<String, Optional<StoredRecord>> lookup;
    private final CurrencyTable currencies;

    RecordViews(ModuleCatalog catalog, Function<String, Optional<StoredRecord>> lookup, CurrencyTable currencies) {
        this.catalog = catalog;
        this.lookup = lookup;
        this.currencies = currencies;
    }

    private ModuleMeta meta(StoredRecord rec) {
        return catalog.module(rec.module).orElseThrow();
    }

    /** vtiger_crmentity.label: HTML-encoded by Vtiger's to_html, then fitted into its varchar(255). */
    static String label(StoredRecord rec) {
        return Utf8mb3.cut(HtmlEntities.encode(rec.labelText), ColumnLimits.LABEL_CHARS);
    }

    /**
     * A stored header value as answered. An inventory currency_id naming no currency of the install answers "",
     * although the column keeps it: the order created with 21x99 shows currency_id "" in the create answer
     * (14_create_SalesOrder_unknown_currency_id.json).
     */
    private Object field(StoredRecord rec, String name) {
        Object v = rec.fields.get(name);
        if (name.equals("currency_id") && meta(rec).isInventory() && !ValueFormat.isBlank(v)
                && !currencies.exists(v.toString().trim())) {
            return "";
        }
        if (!ValueFormat.isBlank(v) && pointsNowhere(meta(rec), name, v.toString().trim())) {
            return "";
        }
        return v;
    }

    /**
     * A reference to no live record of a CRM module (never there, or deleted since) reads back "": Vtiger renders the
     * stored crmid through its entity, and there is none (checked against a stock 8.2.0: 11x999999999 and a deleted
     * account both answer account_id ""). Users and currencies are not CRM records and are left as stored.
     */
    private boolean pointsNowhere(ModuleMeta m, String name, String id) {
        boolean reference = m.field(name).map(f -> f.type().equals("reference")).orElse(false);
        if (!reference || name.equals("currency_id") || name.equals("modifiedby") || id.startsWith("19x")) {
            return false;
        }
        return lookup.apply(id).filter(r -> !r.deleted).isEmpty();
    }

    Map<String, Object> retrieve(StoredRecord rec) {
        ModuleMeta m = meta(rec);
        Map<String, Object> out = new LinkedHashMap<>();
        for (FieldMeta f : m.fields()) {
            String n = f.name();
            if (n.equals("id")) {
                out.put("id", rec.id);
            } else if (!hidden(m, n)) {
                out.put(n, field(rec, n));
            }
        }
        out.put("label", label(rec));
        if (m.name().equals("Products")) {
            // A price per currency of the install: the base one holds unit_price, the others 0 as the webservice
            // sets none (currency2 once EUR was added, 14_create_Products_*).
            out.put("currency1", ValueFormat.jsonNumber(ValueFormat.num(rec.fields.get("unit_price"))));
            out.put("currency_id", "21x1");
            for (int n = 2; n <= currencies.size(); n++) {
                out.put("currency" + n, 0);
            }
        }
        if (m.isInventory()) {
            putShipping(out, rec);
            out.put("LineItems", lines(rec));
            out.put("productid", rec.lineItems.isEmpty() ? "" : rec.lineItems.get(0).get("productid"));
            out.put("LineItems_FinalDetails", retrieveFinalDetails(rec));
        }
        return out;
    }

    /** @param echoed values the create answer echoes although they are not persisted (SalesOrder invoicestatus) */
    Map<String, Object> create(StoredRecord rec, Map<String, Object> echoed) {
        ModuleMeta m = meta(rec);
        if (!m.isInventory()) {
            return retrieve(rec);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", rec.id);
        for (FieldMeta f : m.fields()) {
            String n = f.name();
            if (!n.equals("id") && !hidden(m, n)) {
                Object v = echoed.containsKey(n) ? echoed.get(n) : field(rec, n);
                out.put(n, TOTALS.contains(n) ? ValueFormat.jsonNumber(ValueFormat.num(v)) : v);
            }
        }
        out.put("label", label(rec));
        putShipping(out, rec);
        out.put("LineItems", lines(rec));
        out.put("productid", "");
        Map<String, Object> fd = new LinkedHashMap<>();
        fd.put("1", Map.of("final_details", finalDetails(rec, true)));
        out.put("LineItems_FinalDetails", fd);
        out.put("new", true);
        return out;
    }

    /** Revise answer of an inventory record: header + first line's fields flattened in, no FinalDetails. */
    Map<String, Object> revise(StoredRecord rec) {
        ModuleMeta m = meta(rec);
        if (!m.isInventory()) {
            return retrieve(rec);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", rec.id);
        Map<String, Object> first = rec.lineItems.isEmpty() ? Map.of() : rec.lineItems.get(0);
        for (FieldMeta f : m.fields()) {
            String n = f.name();
            if (n.equals("id") || SHIPPING_FIELDS.contains(n)) {
                continue;
            }
            out.put(n, LINE_FIELDS.contains(n) ? first.get(n) : field(rec, n));
        }
        out.put("image", null);
        out.put("purchase_cost", null);
        out.put("margin", null);
        out.put("label", label(rec));
        out.put("LineItems", lines(rec));
        return out;
    }

    Map<String, Object> update(StoredRecord rec) {
        Map<String, Object> out = revise(rec);
        if (meta(rec).isInventory()) {
            Object lineItems = out.remove("LineItems");
            putShipping(out, rec);
            out.put("LineItems", lineItems);
        }
        return out;
    }

    /** A query row: SQL columns, so no label; empty dates are NULL; inventory rows join the (last) line item. */
    Map<String, Object> queryRow(StoredRecord rec) {
        ModuleMeta m = meta(rec);
        Map<String, Object> out = new LinkedHashMap<>();
        Map<String, Object> line = rec.lineItems.isEmpty() ? Map.of() : rec.lineItems.get(rec.lineItems.size() - 1);
        for (FieldMeta f : m.fields()) {
            String n = f.name();
            if (n.equals("id")) {
                out.put("id", rec.id);
            } else if (m.isInventory()) {
                if (SHIPPING_FIELDS.contains(n) || n.equals("hdnDiscountPercent") || n.equals("hdnDiscountAmount")) {
                    continue;
                }
                Object v = LINE_FIELDS.contains(n) ? line.get(n) : field(rec, n);
                boolean nullable = f.type().equals("date") || NULL_WHEN_EMPTY_IN_QUERY.contains(n)
                        || (rec.module.equals("SalesOrder") && n.equals("invoicestatus"));
                out.put(n, nullable && ValueFormat.isBlank(v) ? null : v);
                if (n.equals("tax3")) {
                    out.put("image", line.get("image"));
                    out.put("purchase_cost", line.get("purchase_cost"));
                    out.put("margin", line.get("margin"));
                }
            } else if (!hidden(m, n)) {
                Object v = field(rec, n);
                out.put(n, f.type().equals("date") && ValueFormat.isBlank(v) ? null : v);
            }
        }
        return out;
    }

    private static boolean hidden(ModuleMeta m, String field) {
        if (m.isInventory()) {
            return LINE_FIELDS.contains(field) || SHIPPING_FIELDS.contains(field);
        }
        return m.name().equals("Products") && PRODUCT_HIDDEN.contains(field);
    }

    private static void putShipping(Map<String, Object> out, StoredRecord rec) {
        out.put("shipping_&_handling", rec.shippingGiven ? ValueFormat.dec(rec.fields.get("hdnS_H_Amount"), 2) : null);
        for (int n = 1; n <= 3; n++) {
            BigDecimal percent = rec.shippingTaxPercents.get(n - 1);
            out.put("shipping_&_handling_shtax" + n, percent.signum() == 0 ? 0 : percent.stripTrailingZeros()
                    .toPlainString());
        }
    }

    private static List<Map<String, Object>> lines(StoredRecord rec) {
        List<Map<String, Object>> copy = new ArrayList<>();
        rec.lineItems.forEach(l -> copy.add(new LinkedHashMap<>(l)));
        return copy;
    }

    LineItemCalculator.Totals totals(StoredRecord rec) {
        List<LineItemCalculator.Line> lines = rec.lineItems.stream().map(LineItemCalculator.Line::of).toList();
        return LineItemCalculator.totals(lines, rec.fields.get("hdnDiscountPercent"),
                rec.fields.get("hdnDiscountAmount"), rec.groupTaxPercents, rec.fields.get("hdnS_H_Amount"),
                rec.shippingTaxPercents, rec.fields.get("txtAdjustment"));
    }

    /** Retrieve-shape FinalDetails: one entry per line (UI helper keys suffixed with the line number). */
    private Map<String, Object> retrieveFinalDetails(StoredRecord rec) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (int i = 0; i < rec.lineItems.size(); i++) {
            Map<String, Object> row = rec.lineItems.get(i);
            LineItemCalculator.Line line = LineItemCalculator.Line.of(row);
            Optional<StoredRecord> product = Optional.ofNullable((String) row.get("productid")).flatMap(lookup);
            String n = String.valueOf(i + 1);
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("purchaseCost" + n, "0.00");
            d.put("margin" + n, "0.00");
            d.put("productDeleted" + n, product.map(p -> p.deleted).orElse(false));
            d.put("entityType" + n, product.isPresent() ? "Products" : "");
            if (i > 0) {
                d.put("delRow" + n, "Del");
            }
            d.put("hdnProductId" + n, product.map(p -> String.valueOf(p.crmid)).orElse(""));
            d.put("productName" + n, product.map(p -> p.fields.get("productname")).orElse(""));
            d.put("hdnProductcode" + n, product.map(p -> p.fields.get("product_no")).orElse(""));
            d.put("productDescription" + n, "");
            d.put("comment" + n, row.get("comment"));
            d.put("qtyInStock" + n, ValueFormat.plain(product.map(p -> ValueFormat.num(p.fields.get("qtyinstock")))
                    .orElse(BigDecimal.ZERO)));
            d.put("qty" + n, ValueFormat.plain(line.quantity()));
            d.put("listPrice" + n, ValueFormat.money(line.listPrice()));
            d.put("unitPrice" + n, ValueFormat.money(product.map(p -> ValueFormat.num(p.fields.get("unit_price")))
                    .orElse(BigDecimal.ZERO)));
            d.put("productTotal" + n, ValueFormat.money(line.gross()));
            d.put("subproduct_ids" + n, "");
            d.put("subprod_qty_list" + n, List.of());
            d.put("subprod_names" + n, "");
            putLineDiscount(d, n, line);
            d.put("discountTotal" + n, ValueFormat.money(line.discount()));
            d.put("totalAfterDiscount" + n, ValueFormat.money(line.net()));
            d.put("taxTotal" + n, "0.00");
            d.put("netPrice" + n, ValueFormat.money(line.net()));
            if (i == 0) {
                d.put("final_details", finalDetails(rec, false));
            }
            out.put(n, d);
        }
        return out;
    }

    private static void putLineDiscount(Map<String, Object> d, String n, LineItemCalculator.Line line) {
        String visible = " style=\"visibility:visible\"";
        String hidden = " style=\"visibility:hidden\"";
        if (line.percentDiscount()) {
            d.put("discount_percent" + n, ValueFormat.plain(line.discountPercent()));
            d.put("discount_amount" + n, 0);
            d.put("discount_type" + n, "percentage");
            d.put("checked_discount_percent" + n, " checked");
            d.put("style_discount_percent" + n, visible);
            d.put("style_discount_amount" + n, hidden);
        } else if (line.amountDiscount()) {
            d.put("discount_percent" + n, 0);
            d.put("discount_amount" + n, ValueFormat.plain(line.discountAmount()));
            d.put("discount_type" + n, "amount");
            d.put("checked_discount_amount" + n, " checked");
            d.put("style_discount_amount" + n, visible);
            d.put("style_discount_percent" + n, hidden);
        } else {
            d.put("discount_percent" + n, 0);
            d.put("discount_amount" + n, 0);
            d.put("checked_discount_zero" + n, " checked");
        }
    }

    /**
     * @param atCreate the create answer carries a FinalDetails computed before the lines were saved: all amounts
     *                 are zero except shipping (recorded quirk of 8.2.0)
     */
    private Map<String, Object> finalDetails(StoredRecord rec, boolean atCreate) {
        LineItemCalculator.Totals t = totals(rec);
        String taxType = ValueFormat.isBlank(rec.fields.get("hdnTaxType")) ? null : (String) rec.fields.get("hdnTaxType");
        boolean group = "group".equals(taxType);
        String shipping = ValueFormat.dec(rec.fields.get("hdnS_H_Amount"), 2);
        BigDecimal subTotal = ValueFormat.num(rec.fields.get("hdnSubTotal"));
        Map<String, Object> fd = new LinkedHashMap<>();
        fd.put("taxtype", taxType);
        fd.put("discount_type_final", atCreate ? "zero" : t.discountType());
        fd.put("hdnSubTotal", atCreate ? "0.00" : ValueFormat.money(subTotal));
        fd.put("discount_percentage_final", atCreate || t.discountPercent().signum() == 0 ? 0
                : ValueFormat.plain(t.discountPercent()));
        fd.put("discount_amount_final", atCreate ? "0.00" : ValueFormat.money(t.discount()));
        fd.put("discountTotal_final", atCreate ? "0.00" : ValueFormat.money(t.discount()));
        Map<String, Object> taxes = new LinkedHashMap<>();
        for (int i = 0; i < TAXES.length; i++) {
            Map<String, Object> tax = new LinkedHashMap<>();
            tax.put("taxname", TAXES[i][0]);
            tax.put("taxlabel", TAXES[i][1]);
            Object percentage;
            if (atCreate) {
                percentage = group ? 0 : TAXES[i][2];
            } else {
                percentage = group ? ValueFormat.dec(rec.groupTaxPercents.get(i), 3) : TAXES[i][2];
            }
            tax.put("percentage", percentage);
            tax.put("amount", atCreate ? "0.00" : ValueFormat.money(t.taxAmount(i)));
            tax.put("taxid", String.valueOf(i + 1));
            tax.put("type", "Fixed");
            tax.put("method", "Simple");
            tax.put("regions", List.of());
            tax.put("compoundon", List.of());
            taxes.put(String.valueOf(i + 1), tax);
        }
        fd.put("taxes", taxes);
        fd.put("tax_totalamount", atCreate ? "0.00" : ValueFormat.money(t.taxTotal()));
        fd.put("shipping_handling_charge", shipping);
        List<Map<String, Object>> shTaxes = new ArrayList<>();
        for (int i = 0; i < TAXES.length; i++) {
            Map<String, Object> tax = new LinkedHashMap<>();
            tax.put("taxname", "sh" + TAXES[i][0]);
            tax.put("taxlabel", TAXES[i][1]);
            tax.put("percentage", atCreate || rec.shippingTaxPercents.get(i).signum() == 0 ? 0
                    : ValueFormat.dec(rec.shippingTaxPercents.get(i), 3));
            tax.put("amount", 0);
            tax.put("taxid", String.valueOf(i + 1));
            tax.put("type", "Fixed");
            tax.put("method", "Simple");
            tax.put("regions", List.of());
            tax.put("compoundon", List.of());
            shTaxes.add(tax);
        }
        fd.put("sh_taxes", shTaxes);
        fd.put("shtax_totalamount", atCreate ? "0.00" : ValueFormat.money(t.shippingTax()));
        fd.put("adjustment", ValueFormat.dec(rec.fields.get("txtAdjustment"), 2));
        fd.put("grandTotal", atCreate ? "0.00" : ValueFormat.dec(rec.fields.get("hdnGrandTotal"), 2));
        fd.put("preTaxTotal", atCreate ? shipping : ValueFormat.dec(rec.fields.get("pre_tax_total"), 2));
        fd.put("totalAfterDiscount", atCreate ? "0.00" : ValueFormat.money(subTotal.subtract(t.discount())));
        Map<String, Object> charge = new LinkedHashMap<>();
        charge.put("value", rec.shippingGiven ? shipping : null);
        charge.put("taxes", new LinkedHashMap<>(Map.of("1", 0, "2", 0, "3", 0)));
        Map<String, Object> charges = new LinkedHashMap<>();
        charges.put("1", charge);
        fd.put("chargesAndItsTaxes", charges);
        fd.put("deductTaxes", List.of());
        fd.put("deductTaxesTotalAmount", "0.00");
        return fd;
    }
}
