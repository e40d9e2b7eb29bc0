package com.mvsync.sync;

import static com.mvsync.sync.Modules.ACCOUNTS;
import static com.mvsync.sync.Modules.CONTACTS;
import static com.mvsync.sync.Modules.SALES_ORDER;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.mvsync.magento.EntityType;
import com.mvsync.mapping.FieldMapper;
import com.mvsync.mapping.RecordType;
import com.mvsync.store.EntityLink;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A placed order becomes a Vtiger Sales Order with one line per ordered product, after its buyer and its products.
 * Vtiger 8.2.0's inventory quirks shape what is sent: group tax only ("individual" makes a broken record), line items
 * only on create (an update or revise carrying LineItems fails and leaves stale totals), and changes to an existing
 * Sales Order are revises of header fields. A new Sales Order is written only in a currency Vtiger has (see
 * {@link SalesCurrency}). The buyer and the order's products do not depend on each other: they are resolved at once
 * (each under its own entity lock, linked as it is made), then the Sales Order is written with their ids.
 */
@ApplicationScoped
public class OrderSync implements EntityRules.ById {

    private final FieldMapper mapper;
    private final RecordWriter writer;
    private final OrderCustomer buyers;
    private final ProductSync products;
    private final SalesCurrency currencies;
    private final Branches branches;

    public OrderSync(FieldMapper mapper, RecordWriter writer, OrderCustomer buyers, ProductSync products,
            SalesCurrency currencies, Branches branches) {
        this.branches = branches;
        this.mapper = mapper;
        this.writer = writer;
        this.buyers = buyers;
        this.products = products;
        this.currencies = currencies;
    }

    @Override
    public EntityType type() {
        return EntityType.ORDER;
    }

    @Override
    public List<Draft> draft(JsonNode entity) {
        return List.of(new Draft(RecordType.SALES_ORDER, header(entity, new OrderCustomer.Buyer(SyncPreview.LINKED,
                SyncPreview.LINKED)).all(), previewLines(entity)));
    }

    @Override
    public SyncResult sync(String orderId, JsonNode order, EntityLink link) {
        return SyncResult.within(link, () -> syncOrder(orderId, order, link));
    }

    private SyncResult syncOrder(String orderId, JsonNode order, EntityLink link) {
        List<RecordOutcome> outcomes = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        List<EntityLink> related = new ArrayList<>();

        String salesOrderId = link.idOf(SALES_ORDER);
        // A new Sales Order's currency is settled before anything is written: one Vtiger cannot hold is refused whole.
        SalesCurrency.Choice currency = salesOrderId == null ? currencies.choose(order, EntityType.ORDER, link) : null;

        List<ObjectNode> lines = salesOrderId == null ? OrderLines.of(currency.amounts()) : List.of();
        // The buyer and the products at once; a failure of either is thrown once both have ended (what the other
        // made is linked under its own entity's lock, and found by its link on the retry).
        Branches.Both<OrderCustomer.Buyer, ProductSync.Resolved> sides = branches.both(() -> buyers.resolve(order),
                () -> salesOrderId == null ? products.resolve(lines.stream().map(OrderSync::lineProduct).toList())
                        : null).orThrow();
        OrderCustomer.Buyer buyer = sides.first().value();
        outcomes.addAll(buyer.outcomes());
        notes.addAll(buyer.notes());
        buyer.link().ifPresent(related::add);

        Fields header = header(order, buyer);
        RecordWriter.Written written;
        if (salesOrderId != null) {
            // Lines are never sent again: Vtiger 8.2.0 cannot change them without corrupting totals.
            written = writer.write(link, SALES_ORDER, header, RecordWriter.Lookup.NONE, true);
        } else {
            ProductSync.Resolved resolved = sides.second().value();
            outcomes.addAll(resolved.outcomes());
            notes.addAll(resolved.notes());
            related.addAll(resolved.newLinks());
            Map<String, Object> element = inventoryElement(header, currency, lineItems(lines, resolved.idsBySku()),
                    notes);
            written = writer.writeInventory(link, SALES_ORDER, element, header,
                    RecordWriter.Lookup.by(Map.of("subject", header.get("subject"))));
            written.created().ifPresent(record -> checkTotal(record, currency.amounts(), notes));
        }
        outcomes.add(written.outcome());
        notes.addAll(written.notes());
        EntityLink orderLink = withBuyer(written.link(), buyer);
        return new SyncResult(EntityType.ORDER, orderId, outcomes, notes, orderLink, related)
                .withReferencedNames(buyer.names());
    }

    /** The order link also names the buyer's records, which its invoices are linked to. */
    private static EntityLink withBuyer(EntityLink link, OrderCustomer.Buyer buyer) {
        return link.with(ACCOUNTS, buyer.accountId(), Map.of()).with(CONTACTS, buyer.contactId(), Map.of());
    }

    /** Header fields that may be revised later (status, addresses, buyer): compared with what was last written. */
    Fields header(JsonNode order, OrderCustomer.Buyer buyer) {
        Fields header = Fields.of(mapper, RecordType.SALES_ORDER, order).with("account_id", buyer.accountId());
        if (order.has("status")) {
            header = header.withDefault("sostatus", salesOrderStatus(order.path("status").asText("")));
        } else {
            header.all().putIfAbsent("sostatus", "Created"); // mandatory on create; an update without status keeps it
        }
        return buyer.contactId() == null ? header : header.with("contact_id", buyer.contactId());
    }

    /**
     * The create element of a Sales Order or Invoice: its header, currency, totals fields and lines, with what
     * Magento charged beyond them carried as adjustment. All amounts come from {@code currency.amounts()}, the
     * currency's own.
     */
    static Map<String, Object> inventoryElement(Fields header, SalesCurrency.Choice currency,
            List<Map<String, String>> lineItems, List<String> notes) {
        currency.note().ifPresent(notes::add);
        Map<String, Object> element = new LinkedHashMap<>(header.all());
        element.putAll(totalsFields(currency));
        element.put("productid", lineItems.get(0).get("productid"));
        element.put("LineItems", lineItems);
        balanceTotals(currency.amounts(), element, lineItems, notes);
        return element;
    }

    /**
     * Fields that feed Vtiger's totals; sent on create only, since revising them makes Vtiger 8.2.0 recompute totals
     * from its own stored lines.
     */
    private static Map<String, String> totalsFields(SalesCurrency.Choice currency) {
        JsonNode source = currency.amounts();
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("hdnTaxType", "group");
        BigDecimal shipping = Amounts.of(source.path("shipping_amount"))
                .subtract(Amounts.of(source.path("shipping_discount_amount")));
        fields.put("hdnS_H_Amount", Amounts.text(shipping));
        fields.put("currency_id", currency.currencyId());
        return fields;
    }

    /** Magento order status to Vtiger's sostatus picklist (Created, Approved, Delivered, Cancelled). */
    static String salesOrderStatus(String magentoStatus) {
        return switch (magentoStatus) {
            case "processing" -> "Approved";
            case "complete" -> "Delivered";
            case "canceled", "closed" -> "Cancelled";
            default -> "Created";
        };
    }

    /**
     * The Product a line names, for creating it when Vtiger lacks it. Its unit price is the line's base price: a
     * Vtiger Product is priced in the base currency, and a line of an order in another currency lists the price in
     * that currency.
     */
    static ProductSync.LineProduct lineProduct(JsonNode line) {
        JsonNode price = line.hasNonNull("base_price") ? line.path("base_price") : line.path("price");
        return new ProductSync.LineProduct(line.path("sku").asText(), line.path("name").asText(line.path("sku").asText()),
                price.isMissingNode() || price.isNull() ? null : Amounts.of(price).toPlainString());
    }

    /** The line items a sync would write for an order's or invoice's lines, their Products shown as placeholders. */
    List<Map<String, String>> previewLines(JsonNode entity) {
        Map<String, String> productIds = new java.util.LinkedHashMap<>();
        OrderLines.of(entity).forEach(l -> productIds.put(l.path("sku").asText(), SyncPreview.LINKED));
        return lineItems(OrderLines.of(entity), productIds);
    }

    List<Map<String, String>> lineItems(List<ObjectNode> lines, Map<String, String> productIds) {
        List<Map<String, String>> items = new ArrayList<>();
        for (ObjectNode line : lines) {
            Map<String, String> item = new LinkedHashMap<>(mapper.map(RecordType.LINE_ITEM, line));
            item.put("productid", productIds.get(line.path("sku").asText()));
            items.add(item);
        }
        return items;
    }

    /**
     * Vtiger computes its own totals from the lines, the shipping amount and group tax. Magento's tax is written as
     * Vtiger's group tax where its lines carry rates ({@link GroupTax}); whatever Magento charged beyond what Vtiger
     * will compute (a tax without rates on the lines, rounding Magento does per line) is carried in Vtiger's
     * adjustment field, so that the grand totals agree; the answer says so.
     */
    static void balanceTotals(JsonNode source, Map<String, Object> element, List<Map<String, String>> lines,
            List<String> notes) {
        BigDecimal lineBase = BigDecimal.ZERO;
        for (Map<String, String> line : lines) {
            lineBase = lineBase.add(Amounts.parse(line.get("quantity")).multiply(Amounts.parse(line.get("listprice")))
                    .subtract(Amounts.parse(line.get("discount_amount"))));
        }
        BigDecimal shipping = Amounts.parse((String) element.get("hdnS_H_Amount"));
        GroupTax tax = GroupTax.of(source, lineBase, shipping);
        tax.applyTo(element);
        tax.note().ifPresent(notes::add);
        BigDecimal vtigerTax = tax.amount(lineBase, shipping);
        BigDecimal computed = lineBase.add(shipping).add(vtigerTax);
        BigDecimal grandTotal = Amounts.of(source.path("grand_total"));
        if (!source.has("grand_total")) {
            return;
        }
        BigDecimal adjustment = grandTotal.subtract(computed);
        if (adjustment.abs().compareTo(new BigDecimal("0.005")) >= 0) {
            element.put("txtAdjustment", Amounts.text(adjustment));
            notes.add("Magento's grand total " + Amounts.text(grandTotal) + " includes " + Amounts.text(adjustment)
                    + " (tax " + Amounts.text(Amounts.of(source.path("tax_amount")))
                    + (vtigerTax.signum() == 0 ? "" : ", of which Vtiger's tax holds " + Amounts.text(vtigerTax))
                    + ") beyond the lines, shipping and Vtiger's tax; carried as Vtiger adjustment");
        }
    }

    static void checkTotal(JsonNode record, JsonNode source, List<String> notes) {
        if (!source.has("grand_total") || !record.has("hdnGrandTotal")) {
            return;
        }
        BigDecimal vtigerTotal = Amounts.of(record.path("hdnGrandTotal"));
        BigDecimal magentoTotal = Amounts.of(source.path("grand_total"));
        if (vtigerTotal.subtract(magentoTotal).abs().compareTo(new BigDecimal("0.005")) >= 0) {
            notes.add("Vtiger's grand total " + Amounts.text(vtigerTotal) + " differs from Magento's "
                    + Amounts.text(magentoTotal) + " (tax or discount rules differ)");
        }
    }
}
