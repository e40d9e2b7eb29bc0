package com.mvsync.sync;

import static com.mvsync.sync.Modules.ACCOUNTS;
import static com.mvsync.sync.Modules.CONTACTS;
import static com.mvsync.sync.Modules.INVOICE;
import static com.mvsync.sync.Modules.SALES_ORDER;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.mvsync.magento.EntityType;
import com.mvsync.mapping.FieldMapper;
import com.mvsync.mapping.RecordType;
import com.mvsync.store.EntityLink;
import com.mvsync.store.SyncLedger;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * An invoice made in Magento becomes a Vtiger Invoice linked to its order's Sales Order, with the invoiced lines and
 * quantities (partial invoices included). An order never synced is fetched from Magento and synced first.
 */
@ApplicationScoped
public class InvoiceSync implements EntityRules.ById {

    private static final List<String> ADDRESS_FIELDS = List.of("bill_street", "bill_city", "bill_state", "bill_code",
            "bill_country", "ship_street", "ship_city", "ship_state", "ship_code", "ship_country");

    private final FieldMapper mapper;
    private final RecordWriter writer;
    private final OrderSync orders;
    private final ProductSync products;
    private final SalesCurrency currencies;
    private final SyncLedger ledger;
    private final EntityCompleter completer;
    private final LockedSync lockedSync;

    public InvoiceSync(FieldMapper mapper, RecordWriter writer, OrderSync orders, ProductSync products,
            SalesCurrency currencies, SyncLedger ledger, EntityCompleter completer, LockedSync lockedSync) {
        this.mapper = mapper;
        this.writer = writer;
        this.orders = orders;
        this.products = products;
        this.currencies = currencies;
        this.ledger = ledger;
        this.completer = completer;
        this.lockedSync = lockedSync;
    }

    @Override
    public EntityType type() {
        return EntityType.INVOICE;
    }

    @Override
    public List<Draft> draft(JsonNode entity) {
        return List.of(new Draft(RecordType.INVOICE, header(entity, new EntityLink(EntityType.INVOICE.key("preview"),
                Map.of("SalesOrder", SyncPreview.LINKED, "Accounts", SyncPreview.LINKED), Map.of())).all(),
                orders.previewLines(entity)));
    }

    @Override
    public SyncResult sync(String invoiceId, JsonNode invoice, EntityLink link) {
        return SyncResult.within(link, () -> syncInvoice(invoiceId, invoice, link));
    }

    private SyncResult syncInvoice(String invoiceId, JsonNode invoice, EntityLink link) {
        List<RecordOutcome> outcomes = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        List<EntityLink> related = new ArrayList<>();

        String orderId = invoice.path("order_id").asText("");
        // Settled before anything is written (its order, synced first, too): refused whole if Vtiger cannot hold it.
        SalesCurrency.Choice currency = link.idOf(INVOICE) == null
                ? currencies.choose(invoice, EntityType.INVOICE, link) : null;
        EntityLink orderLink = ledger.link(EntityType.ORDER.key(orderId));
        if (orderLink.idOf(SALES_ORDER) == null) {
            orderLink = syncOrderFirst(invoiceId, orderId, outcomes, notes, related);
        }

        Fields header = header(invoice, orderLink);
        RecordWriter.Written written;
        if (link.idOf(INVOICE) != null) {
            written = writer.write(link, INVOICE, header, RecordWriter.Lookup.NONE, true);
        } else {
            List<ObjectNode> lines = OrderLines.of(currency.amounts());
            ProductSync.Resolved resolved = products.resolve(lines.stream().map(OrderSync::lineProduct).toList());
            outcomes.addAll(resolved.outcomes());
            notes.addAll(resolved.notes());
            related.addAll(resolved.newLinks());
            Map<String, Object> element = OrderSync.inventoryElement(header, currency,
                    orders.lineItems(lines, resolved.idsBySku()), notes);
            written = writer.writeInventory(link, INVOICE, element, header,
                    RecordWriter.Lookup.by(Map.of("subject", header.get("subject"))));
            written.created().ifPresent(record -> OrderSync.checkTotal(record, currency.amounts(), notes));
        }
        outcomes.add(written.outcome());
        notes.addAll(written.notes());
        return new SyncResult(EntityType.INVOICE, invoiceId, outcomes, notes, written.link(), related);
    }

    /**
     * Fetches and syncs the invoice's order under the order's lock, linking it before the lock is released, so that
     * the order's own webhook arriving at the same moment does not make a second Sales Order (it waits and retries).
     */
    private EntityLink syncOrderFirst(String invoiceId, String orderId, List<RecordOutcome> outcomes,
            List<String> notes, List<EntityLink> related) {
        LockedSync.Done<SyncResult> done = lockedSync.run(EntityType.ORDER.key(orderId),
                link -> link.idOf(SALES_ORDER) != null,
                link -> orders.sync(orderId, fetchOrder(invoiceId, orderId), link), SyncResult::link,
                LockedSync.KeepPartial.VTIGER_FAILURES_AND_REFUSALS);
        done.synced().ifPresent(order -> {
            outcomes.addAll(order.records());
            notes.addAll(order.notes());
            related.addAll(order.relatedLinks());
        });
        return done.link();
    }

    private JsonNode fetchOrder(String invoiceId, String orderId) {
        try {
            return completer.fetchWhole(EntityType.ORDER, orderId);
        } catch (IncompleteEntityException e) {
            throw new IncompleteEntityException("invoice " + invoiceId + " belongs to order " + orderId
                    + ", which was never synced; " + e.getMessage(), List.of(EntityType.ORDER.label()));
        }
    }

    Fields header(JsonNode invoice, EntityLink orderLink) {
        Fields header = Fields.of(mapper, RecordType.INVOICE, invoice)
                .with("salesorder_id", orderLink.idOf(SALES_ORDER))
                .with("account_id", orderLink.idOf(ACCOUNTS));
        if (invoice.has("state")) {
            header = header.withDefault("invoicestatus", invoiceStatus(invoice.path("state").asText("")));
        }
        String createdAt = invoice.path("created_at").asText("");
        if (createdAt.length() >= 10) {
            header = header.withDefault("invoicedate", createdAt.substring(0, 10));
        }
        if (orderLink.idOf(CONTACTS) != null) {
            header = header.with("contact_id", orderLink.idOf(CONTACTS));
        }
        // Invoices carry no addresses in Magento; they are the order's, as written to its Sales Order.
        Map<String, String> salesOrder = orderLink.lastWrittenTo(SALES_ORDER);
        for (String field : ADDRESS_FIELDS) {
            if (salesOrder.containsKey(field)) {
                header = header.withDefault(field, salesOrder.get(field));
            }
        }
        header = header.withDefault("bill_street", "-");
        header = header.withDefault("ship_street", header.get("bill_street"));
        return header.withDefault("invoicestatus", "Created");
    }

    /** Magento invoice state (1 open, 2 paid, 3 canceled) to Vtiger's invoicestatus picklist. */
    static String invoiceStatus(String state) {
        return switch (state) {
            case "2" -> "Paid";
            case "3" -> "Cancel";
            default -> "Created";
        };
    }
}
