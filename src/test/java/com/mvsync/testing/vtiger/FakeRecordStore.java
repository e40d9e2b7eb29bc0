package com.mvsync.testing.vtiger;

import com.mvsync.testing.vtiger.ModuleCatalog.FieldMeta;
import com.mvsync.testing.vtiger.ModuleCatalog.ModuleMeta;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The CRM data behind the fake plus the webservice semantics of create/retrieve/update/revise/delete.
 * Every public method locks the store, so concurrent requests see consistent records.
 */
final class FakeRecordStore {
    private static final Pattern ID = Pattern.compile("^(\\d+)x(\\d+)$");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);
    private static final String USERS_PREFIX = "19";
    /** Auto-number field and prefix per module (lead_no "LEA1", …). */
    private static final Map<String, String[]> AUTO_NUMBERS = Map.of(
            "Leads", new String[] {"lead_no", "LEA"}, "Accounts", new String[] {"account_no", "ACC"},
            "Contacts", new String[] {"contact_no", "CON"}, "Products", new String[] {"product_no", "PRO"},
            "SalesOrder", new String[] {"salesorder_no", "SO"}, "Invoice", new String[] {"invoice_no", "INV"});
    /** Only these have a recorded describe and are entity modules, so only these can be created. */
    private static final List<String> CREATABLE = List.of("Leads", "Accounts", "Contacts", "Products", "SalesOrder", "Invoice");
    private static final List<String> SYSTEM_FIELDS = List.of("id", "createdtime", "modifiedtime", "modifiedby", "source");
    /** A blank header discount is stored as "" (and a zero one too: the recorded update of "0" reads back ""). */
    private static final List<String> BLANK_WHEN_ZERO = List.of("hdnDiscountPercent", "hdnDiscountAmount");

    private final ModuleCatalog catalog;
    private final Supplier<Instant> clock;
    private final Predicate<String> userExists;
    private final DuplicateGuard duplicates;
    /** A user's currency format (decimals, currency), by user id (see {@link CurrencyRounding}). */
    private final java.util.function.Function<String, CurrencyRounding.UserFormat> userFormats;
    private final ColumnLimits limits = ColumnLimits.load();
    private final CurrencyTable currencies = new CurrencyTable();
    private final RecordViews views;
    private final TreeMap<Integer, StoredRecord> records = new TreeMap<>();
    private final Map<String, Integer> autoNumbers = new HashMap<>();
    private int nextCrmid = 1;
    private int nextLineItemId = 1;

    FakeRecordStore(ModuleCatalog catalog, Supplier<Instant> clock, Predicate<String> userExists,
                    DuplicateGuard duplicates,
                    java.util.function.Function<String, CurrencyRounding.UserFormat> userFormats) {
        this.catalog = catalog;
        this.userFormats = userFormats;
        this.clock = clock;
        this.userExists = userExists;
        this.duplicates = duplicates;
        this.views = new RecordViews(catalog, this::findById, currencies);
    }

    CurrencyTable currencies() {
        return currencies;
    }

    // ---- webservice operations ---------------------------------------------------------------

    synchronized Map<String, Object> create(String module, Map<String, Object> element, String userId, boolean validate) {
        ModuleMeta m = catalog.module(module).filter(x -> CREATABLE.contains(x.name())).orElseThrow(VtigerError::accessDenied);
        if (validate) {
            for (FieldMeta f : m.fields()) {
                if (f.mandatory() && ValueFormat.isBlank(element.get(f.name()))) {
                    throw VtigerError.mandatory(f.name());
                }
            }
            if (m.isInventory() && lineItemsOf(element).isEmpty()) {
                throw new VtigerError("MANDATORY_FIELDS_MISSING", "Mandatory Fields Missing..");
            }
            checkReferences(m, element);
        }
        Map<String, Object> values = new LinkedHashMap<>();
        for (FieldMeta f : m.fields()) {
            if (stored(m, f.name())) {
                Object raw = m.isInventory() ? element.get(f.name()) : userFormat(m, f.name(), element.get(f.name()), userId);
                values.put(f.name(), normalize(m, f, raw));
            }
        }
        boolean ownerIsUser = !validate || ownerIsUser(m, values);
        if (validate) {
            duplicates.check(m, null, values, records.values());
        }
        StoredRecord rec = new StoredRecord(m.name(), m.idPrefix(), nextCrmid++);
        String now = now();
        rec.fields.putAll(values);
        rec.labelText = labelText(m, element, rec.fields);
        rec.fields.put("createdtime", now);
        rec.fields.put("modifiedtime", now);
        rec.fields.put("modifiedby", userId);
        rec.fields.put("source", "WEBSERVICE");
        String[] auto = AUTO_NUMBERS.get(m.name());
        rec.fields.put(auto[0], auto[1] + autoNumbers.merge(m.name(), 1, Integer::sum));
        if (m.name().equals("SalesOrder") && !"1".equals(rec.fields.get("enable_recurring"))) {
            rec.fields.put("invoicestatus", ""); // not persisted for non-recurring orders (recorded pitfall)
        }
        records.put(rec.crmid, rec);
        if (!ownerIsUser) {
            throw new RestrictedFilePage("owner " + rec.fields.get("assigned_user_id") + " is no user");
        }
        if (!m.isInventory()) {
            return views.create(rec, Map.of());
        }
        if ("individual".equals(element.get("hdnTaxType"))) {
            // PHP 8 TypeError in Inventory Record.php after the header was saved: a broken header-only record stays.
            rec.broken = true;
            throw new PhpFatal("hdnTaxType individual");
        }
        Map<String, Object> echoed = new HashMap<>();
        if (m.name().equals("SalesOrder") && element.containsKey("invoicestatus")) {
            echoed.put("invoicestatus", String.valueOf(element.get("invoicestatus")));
        }
        rec.shippingGiven = !ValueFormat.isBlank(element.get("hdnS_H_Amount"));
        List<Map<String, Object>> items = lineItemsOf(element);
        // Group mode takes its rates from the first line's tax1..tax3 for the whole subtotal; the header's tax1..tax3
        // are ignored, as are other rates on later lines (VtigerLineItemOperation::updateParent, probed on 8.2.0).
        Map<String, Object> first = items.isEmpty() ? Map.of() : items.get(0);
        rec.groupTaxPercents = List.of(ValueFormat.num(first.get("tax1")), ValueFormat.num(first.get("tax2")),
                ValueFormat.num(first.get("tax3")));
        rec.shippingTaxPercents = java.util.stream.IntStream.rangeClosed(1, 3).mapToObj(n -> ValueFormat.num(
                element.getOrDefault("shtax" + n + "_sh_percent", element.get("shipping_&_handling_shtax" + n))))
                .toList();
        replaceLineItems(rec, items, "1", true);
        recomputeTotals(rec);
        Map<String, Object> answer = views.create(rec, echoed);
        if (m.name().equals("Invoice")) {
            // The create answer still shows balance 0; a later retrieve shows grand total − received.
            rec.fields.put("balance", ValueFormat.dec(ValueFormat.num(rec.fields.get("hdnGrandTotal"))
                    .subtract(ValueFormat.num(rec.fields.get("received"))), 8));
        }
        return answer;
    }

    synchronized Map<String, Object> retrieve(String id) {
        StoredRecord rec = resolve(id);
        if (rec.broken) {
            throw new PhpFatal("retrieve of a broken inventory record");
        }
        return views.retrieve(rec);
    }

    /** update: the element is merged onto the stored record; mandatory fields of the merged record must be set. */
    synchronized Map<String, Object> update(Map<String, Object> element, String userId) {
        StoredRecord rec = resolve(idOf(element));
        ModuleMeta m = catalog.module(rec.module).orElseThrow();
        for (FieldMeta f : m.fields()) {
            if (f.mandatory() && stored(m, f.name())) {
                Object v = element.containsKey(f.name()) ? element.get(f.name()) : rec.fields.get(f.name());
                if (ValueFormat.isBlank(v)) {
                    throw VtigerError.mandatory(f.name());
                }
            }
        }
        checkReferences(m, element);
        if (m.isInventory() && element.containsKey("hdnDiscountAmount") && ValueFormat.isBlank(element.get("hdnDiscountAmount"))) {
            // PHP 8 TypeError 'float - string' in sanitizeShippingTaxes, before anything is saved.
            throw new PhpFatal("update with hdnDiscountAmount ''");
        }
        return applyWrite(rec, m, element, userId, true);
    }

    /** revise: partial update; only the given fields change, a given mandatory field must not be blank. */
    synchronized Map<String, Object> revise(Map<String, Object> element, String userId) {
        StoredRecord rec = resolve(idOf(element));
        ModuleMeta m = catalog.module(rec.module).orElseThrow();
        for (Map.Entry<String, Object> e : element.entrySet()) {
            boolean mandatory = m.field(e.getKey()).map(FieldMeta::mandatory).orElse(false);
            if (mandatory && stored(m, e.getKey()) && ValueFormat.isBlank(e.getValue())) {
                throw VtigerError.mandatory(e.getKey());
            }
        }
        checkReferences(m, element);
        return applyWrite(rec, m, element, userId, false);
    }

    synchronized Map<String, Object> delete(String id) {
        resolve(id).deleted = true;
        return new LinkedHashMap<>(Map.of("status", "successful"));
    }

    /** Query rows of a module (live records, crmid order), each holding every column a query may select. */
    synchronized List<Map<String, Object>> queryRows(String module) {
        List<Map<String, Object>> rows = new ArrayList<>();
        if (module.equals("Currency")) {
            return currencies.rows();
        }
        for (StoredRecord rec : records.values()) {
            if (rec.module.equals(module) && !rec.deleted) {
                Map<String, Object> row = views.queryRow(rec);
                rec.fields.forEach((k, v) -> {
                    if (!row.containsKey(k)) {
                        row.put(k, v);
                    }
                });
                rows.add(row);
            }
        }
        return rows;
    }

    // ---- test-control access ---------------------------------------------------------------

    synchronized List<Map<String, Object>> records(String module) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (StoredRecord rec : records.values()) {
            if (rec.module.equals(module) && !rec.deleted) {
                out.add(views.retrieve(rec));
            }
        }
        return out;
    }

    synchronized Optional<Map<String, Object>> record(String id) {
        return findById(id).filter(r -> !r.deleted).map(views::retrieve);
    }

    /** Module named by a record id's prefix, for per-module call counts; null when unknown. */
    String moduleOfId(Object id) {
        Matcher mt = id == null ? null : ID.matcher(id.toString());
        return mt != null && mt.matches() ? catalog.byPrefix(mt.group(1)).map(ModuleMeta::name).orElse(null) : null;
    }

    // ---- internals ---------------------------------------------------------------------------

    private Map<String, Object> applyWrite(StoredRecord rec, ModuleMeta m, Map<String, Object> element,
                                           String userId, boolean isUpdate) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : element.entrySet()) {
            Optional<FieldMeta> f = m.field(e.getKey());
            if (f.isPresent() && stored(m, e.getKey()) && !isAutoNumber(m, e.getKey())) {
                values.put(e.getKey(), normalize(m, f.get(), userFormat(m, e.getKey(), e.getValue(), userId)));
            }
        }
        // Only create was recorded refusing a duplicate (18_err_create_Accounts_duplicate_name*.json); update and
        // revise are assumed to run the same save-time check when they change a unique field to a value another
        // live record holds. An unchanged value is not checked, so the record never collides with itself.
        boolean ownerIsUser = ownerIsUser(m, values);
        Map<String, Object> changed = new LinkedHashMap<>(values);
        changed.entrySet().removeIf(e -> Objects.equals(e.getValue(), rec.fields.get(e.getKey())));
        duplicates.check(m, rec, changed, records.values());
        rec.fields.putAll(values);
        rec.labelText = labelText(m, element, rec.fields);
        rec.fields.put("modifiedtime", now());
        rec.fields.put("modifiedby", userId);
        if (m.isInventory() && element.containsKey("LineItems")) {
            // PHP 8 TypeError in VTEntityDelta::hasChanged: the header (even invoicestatus) is written and the
            // items ARE replaced, but the header totals stay stale (11_err_update_..._state_after).
            replaceLineItems(rec, lineItemsOf(element), "0", false);
            throw new PhpFatal((isUpdate ? "update" : "revise") + " with LineItems");
        }
        if (m.name().equals("SalesOrder") && !"1".equals(rec.fields.get("enable_recurring"))) {
            rec.fields.put("invoicestatus", ""); // not persisted for non-recurring orders (recorded pitfall)
        }
        if (!ownerIsUser) {
            throw new RestrictedFilePage("owner " + rec.fields.get("assigned_user_id") + " is no user");
        }
        return isUpdate ? views.update(rec) : views.revise(rec);
    }

    private static String idOf(Map<String, Object> element) {
        Object id = element.get("id");
        return id == null ? "" : id.toString();
    }

    /** Resolves "<prefix>x<crmid>" with Vtiger's error answers for each way it can be wrong. */
    private StoredRecord resolve(String id) {
        Matcher mt = ID.matcher(id == null ? "" : id.trim());
        if (!mt.matches()) {
            throw VtigerError.accessDenied("for id");
        }
        ModuleMeta prefixModule = catalog.byPrefix(mt.group(1)).orElseThrow(() -> VtigerError.accessDenied("for id"));
        StoredRecord rec = records.get(Integer.parseInt(mt.group(2)));
        if (rec == null || rec.deleted) {
            throw VtigerError.accessDenied();
        }
        if (!rec.module.equals(prefixModule.name())) {
            throw new VtigerError("INVALID_ID_ATTRIBUTE", "Id specified is incorrect");
        }
        return rec;
    }

    private Optional<StoredRecord> findById(String id) {
        Matcher mt = ID.matcher(id == null ? "" : id);
        if (!mt.matches()) {
            return Optional.empty();
        }
        StoredRecord rec = records.get(Integer.parseInt(mt.group(2)));
        String module = catalog.byPrefix(mt.group(1)).map(ModuleMeta::name).orElse(null);
        return rec != null && rec.module.equals(module) ? Optional.of(rec) : Optional.empty();
    }

    /**
     * Create.php/Revise.php check a reference by the module its id's prefix names, not the record: an id of a module
     * outside the field's refersTo is REFERENCE_INVALID, an id that is no id at all ACCESS_DENIED, and an id of the
     * right module that names no live record is taken (and reads back "", see RecordViews). The top-level productid
     * is only checked for presence.
     */
    private void checkReferences(ModuleMeta m, Map<String, Object> element) {
        for (Map.Entry<String, Object> e : element.entrySet()) {
            FieldMeta f = m.field(e.getKey()).orElse(null);
            if (f == null || !f.type().equals("reference") || ValueFormat.isBlank(e.getValue())
                    || f.name().equals("productid") || f.name().equals("modifiedby")) {
                continue;
            }
            Matcher mt = ID.matcher(e.getValue().toString().trim());
            if (!mt.matches()) {
                throw VtigerError.accessDenied("for id");
            }
            String module = mt.group(1).equals(USERS_PREFIX) ? "Users"
                    : catalog.byPrefix(mt.group(1)).map(ModuleMeta::name).orElseThrow(() -> VtigerError.accessDenied("for id"));
            if (!f.refersTo().contains(module)) {
                throw new VtigerError("REFERENCE_INVALID", "Invalid reference specified for " + f.name());
            }
            // Currency ids are not checked at all either: 21x99 is kept (14_create_SalesOrder_unknown_currency_id.json).
        }
    }

    /**
     * The owner (type "owner", not a reference) is read as a user id from its crmid, whatever the prefix ("12x1" is
     * user 19x1). One that names no user is stored as the bare number and the record is saved; then PHP stops with
     * the restricted-file page (checked against a stock 8.2.0).
     */
    private boolean ownerIsUser(ModuleMeta m, Map<String, Object> values) {
        boolean ok = true;
        for (FieldMeta f : m.fields()) {
            Object v = values.get(f.name());
            if (!f.type().equals("owner") || ValueFormat.isBlank(v)) {
                continue;
            }
            String s = v.toString().trim();
            String crmid = s.substring(s.indexOf('x') + 1);
            if (userExists.test(USERS_PREFIX + "x" + crmid)) {
                values.put(f.name(), USERS_PREFIX + "x" + crmid);
            } else {
                values.put(f.name(), crmid);
                ok = false;
            }
        }
        return ok;
    }

    /** Fields kept in the header map; line fields, shipping pseudo-fields and Products' tax columns are derived. */
    private static boolean stored(ModuleMeta m, String field) {
        if (SYSTEM_FIELDS.contains(field) || field.equals("label") || field.equals("LineItems")) {
            return false;
        }
        if (m.isInventory()) {
            return !RecordViews.LINE_FIELDS.contains(field) && !RecordViews.SHIPPING_FIELDS.contains(field);
        }
        return !(m.name().equals("Products") && RecordViews.PRODUCT_HIDDEN.contains(field));
    }

    /** A currency value as the writing user's format rounds it ({@link CurrencyRounding}). */
    private Object userFormat(ModuleMeta m, String field, Object raw, String userId) {
        return CurrencyRounding.rounds(m.name(), field)
                ? CurrencyRounding.round(m.name(), field, raw, userFormats.apply(userId)) : raw;
    }

    private static boolean isAutoNumber(ModuleMeta m, String field) {
        String[] auto = AUTO_NUMBERS.get(m.name());
        return auto != null && auto[0].equals(field);
    }

    /**
     * Renders a value the way Vtiger reads it back from MySQL for the field's type; strings as their column stores
     * them (see {@link ColumnLimits}).
     */
    private Object normalize(ModuleMeta m, FieldMeta f, Object raw) {
        boolean blank = ValueFormat.isBlank(raw);
        String s = blank ? "" : raw.toString().trim();
        return switch (f.type()) {
            // A reference given no value reads back "" (a stock 8.2.0: Contacts account_id and contact_id, an order's
            // currency_id, 14_create_SalesOrder_without_currency_id_stores_empty.json; older 05_ recordings showed null).
            case "reference" -> blank ? "" : s;
            case "boolean" -> blank ? ("1".equals(String.valueOf(f.defaultValue())) ? "1" : "0")
                    : (List.of("1", "true", "on", "yes").contains(s.toLowerCase()) ? "1" : "0");
            case "integer" -> blank ? "0" : ValueFormat.isNumeric(s) ? ValueFormat.num(s).toBigInteger().toString() : s;
            case "currency", "double" -> decimal(m, f, blank, s);
            default -> limits.store(m.name(), f.name(), s);
        };
    }

    /**
     * The label PHP computes on save from the record's values as entered (crmentity.label): the new value where the
     * element has one, the stored one otherwise; its table is utf8mb3 too.
     */
    private static String labelText(ModuleMeta m, Map<String, Object> entered, Map<String, Object> stored) {
        List<String> parts = new ArrayList<>();
        for (String f : m.labelFields()) {
            Object v = entered.containsKey(f) ? entered.get(f) : stored.get(f);
            if (!ValueFormat.isBlank(v)) {
                parts.add(Utf8mb3.replaceFourByte(v.toString().trim()));
            }
        }
        return String.join(" ", parts);
    }

    private static String decimal(ModuleMeta m, FieldMeta f, boolean blank, String s) {
        if (BLANK_WHEN_ZERO.contains(f.name())) {
            return blank || ValueFormat.num(s).signum() == 0 ? "" : ValueFormat.dec(s, f.type().equals("currency") ? 8 : 3);
        }
        int scale = f.type().equals("currency") ? 8 : 3;
        if (f.name().equals("qty_per_unit")) {
            scale = 2;
        } else if (m.name().equals("Invoice") && f.name().equals("hdnS_H_Percent")) {
            scale = 8;
        }
        Object value = blank ? f.defaultValue() : s;
        return ValueFormat.isNumeric(value) || ValueFormat.isBlank(value) ? ValueFormat.dec(value, scale) : s;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> lineItemsOf(Map<String, Object> element) {
        Object items = element.get("LineItems");
        if (!(items instanceof List<?> list)) {
            return List.of();
        }
        List<Map<String, Object>> out = new ArrayList<>();
        for (Object o : list) {
            if (o instanceof Map<?, ?> map) {
                out.add((Map<String, Object>) map);
            }
        }
        return out;
    }

    /** Stores new line rows (LineItem ids come from their own sequence, like vtiger_inventoryproductrel). */
    private void replaceLineItems(StoredRecord rec, List<Map<String, Object>> items, String incrementOnDel,
                                  boolean decrementStock) {
        rec.lineItems.clear();
        String lineItemPrefix = catalog.module("LineItem").map(ModuleMeta::idPrefix).orElse("33");
        int seq = 1;
        for (Map<String, Object> item : items) {
            Optional<StoredRecord> product = Optional.ofNullable(item.get("productid")).map(Object::toString)
                    .flatMap(this::findById).filter(p -> p.module.equals("Products") && !p.deleted);
            Object listPrice = ValueFormat.isBlank(item.get("listprice"))
                    ? product.map(p -> p.fields.get("unit_price")).orElse("0") : item.get("listprice");
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("parent_id", rec.id);
            row.put("productid", product.map(p -> p.id).orElse(null));
            row.put("sequence_no", String.valueOf(seq++));
            row.put("quantity", ValueFormat.dec(item.get("quantity"), 3));
            row.put("listprice", ValueFormat.dec(listPrice, 8));
            row.put("discount_percent", ValueFormat.dec(item.get("discount_percent"), 3));
            row.put("discount_amount", ValueFormat.dec(item.get("discount_amount"), 8));
            row.put("comment", ValueFormat.isBlank(item.get("comment")) ? ""
                    : limits.store("LineItem", "comment", item.get("comment").toString()));
            row.put("description", "");
            row.put("incrementondel", incrementOnDel);
            row.put("tax1", ValueFormat.dec(item.get("tax1"), 3));
            row.put("tax2", ValueFormat.dec(item.get("tax2"), 3));
            row.put("tax3", ValueFormat.dec(item.get("tax3"), 3));
            row.put("image", "");
            row.put("purchase_cost", ValueFormat.dec(null, 8));
            row.put("margin", ValueFormat.dec(null, 8));
            row.put("id", lineItemPrefix + "x" + nextLineItemId++);
            // the product's label, not its (cut) productname (14_create_SalesOrder_*: 120 N's, productname 100)
            row.put("product_name", product.map(p -> Utf8mb3.cut(p.labelText, ColumnLimits.LABEL_CHARS)).orElse(""));
            row.put("entity_type", product.isPresent() ? "Products" : "");
            row.put("deleted", "0");
            rec.lineItems.add(row);
            if (decrementStock && product.isPresent()) {
                StoredRecord p = product.get();
                BigDecimal left = ValueFormat.num(p.fields.get("qtyinstock")).subtract(ValueFormat.num(item.get("quantity")));
                p.fields.put("qtyinstock", ValueFormat.dec(left, 3));
            }
        }
    }

    private void recomputeTotals(StoredRecord rec) {
        LineItemCalculator.Totals t = views.totals(rec);
        rec.fields.put("hdnSubTotal", ValueFormat.dec(t.subTotal(), 8));
        rec.fields.put("hdnGrandTotal", ValueFormat.dec(t.grandTotal(), 8));
        rec.fields.put("pre_tax_total", ValueFormat.dec(t.preTaxTotal(), 8));
    }

    private String now() {
        return TIME.format(clock.get());
    }
}
