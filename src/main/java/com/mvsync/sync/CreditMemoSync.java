package com.mvsync.sync;

import static com.mvsync.sync.Modules.INVOICE;
import static com.mvsync.sync.Modules.SALES_ORDER;

import com.fasterxml.jackson.databind.JsonNode;
import com.mvsync.magento.EntityType;
import com.mvsync.mapping.FieldMapper;
import com.mvsync.mapping.RecordType;
import com.mvsync.store.EntityLink;
import com.mvsync.store.SyncLedger;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A credit memo (a refund) made in Magento is recorded on its order's Sales Order (by the Credit Memo rows: by default
 * a line added to the description per refund (see {@link AddedLines}), and status Cancelled once the order is
 * refunded in full) and marks the
 * Invoice it refunds (Credited Invoice rows: status Credit Invoice). Each credit memo is recorded once: the order's
 * link keeps the credit memos recorded on its Sales Order and their amounts, written under the order's lock in the
 * same request that releases it, so a redelivered or re-saved credit memo, or two refunds of one order at once, never
 * add a second line. An invoice or order never synced is fetched from Magento and synced first; when Magento cannot
 * supply it the credit memo becomes a dead letter saying so.
 */
@ApplicationScoped
public class CreditMemoSync implements EntityRules.ById {

    /** Key in the order link's written values (not a Vtiger module): credit memo id to its refunded amount. */
    static final String REFUNDS = "Refunds";
    private static final String STATUS = "sostatus";
    private static final BigDecimal CENT = new BigDecimal("0.005");

    private final FieldMapper mapper;
    private final RecordWriter writer;
    private final InvoiceSync invoices;
    private final OrderFirst orderFirst;
    private final SyncLedger ledger;
    private final LockedSync lockedSync;
    private final AddedLines lines;
    private final SalesOrderEvents salesOrders;

    public CreditMemoSync(FieldMapper mapper, RecordWriter writer, InvoiceSync invoices, OrderFirst orderFirst,
            SyncLedger ledger, LockedSync lockedSync, AddedLines lines, SalesOrderEvents salesOrders) {
        this.mapper = mapper;
        this.writer = writer;
        this.invoices = invoices;
        this.orderFirst = orderFirst;
        this.ledger = ledger;
        this.lockedSync = lockedSync;
        this.lines = lines;
        this.salesOrders = salesOrders;
    }

    @Override
    public EntityType type() {
        return EntityType.CREDITMEMO;
    }

    @Override
    public List<Draft> draft(JsonNode entity) {
        // What a refund adds to its order's Sales Order (sostatus only once refunded in full) and its Invoice.
        return List.of(new Draft(RecordType.CREDIT_MEMO, Fields.of(mapper, RecordType.CREDIT_MEMO, entity)),
                new Draft(RecordType.CREDITED_INVOICE, Fields.of(mapper, RecordType.CREDITED_INVOICE, entity)));
    }

    @Override
    public SyncResult sync(String memoId, JsonNode memo, EntityLink link) {
        return SyncResult.within(link, () -> syncMemo(memoId, memo, link));
    }

    private SyncResult syncMemo(String memoId, JsonNode memo, EntityLink link) {
        List<RecordOutcome> outcomes = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        List<EntityLink> related = new ArrayList<>();
        String orderId = memo.path("order_id").asText("");
        Optional<String> invoiceId = invoiceId(memo);

        String invoiceRecord = null;
        if (invoiceId.isPresent()) {
            invoiceRecord = linkedInvoice(memoId, invoiceId.get(), link, outcomes, notes, related).idOf(INVOICE);
        }
        OrderFirst.Synced order = orderFirst.ensure("credit memo " + memoId, orderId, link);
        outcomes.addAll(order.outcomes());
        notes.addAll(order.notes());
        related.addAll(order.related());

        SalesOrderEvents.Recorded recorded = salesOrders.record(REFUNDS, memoId, orderId, link,
                (salesOrder, earlier) -> refund(memo, salesOrder, earlier));
        outcomes.add(recorded.written().outcome());
        notes.addAll(recorded.written().notes());
        notes.addAll(recorded.notes());
        EntityLink memoLink = recorded.written().link();

        if (invoiceRecord != null) {
            EntityLink withInvoice = memoLink.idOf(INVOICE) != null ? memoLink
                    : memoLink.with(INVOICE, invoiceRecord, Map.of());
            RecordWriter.Written credited = writer.write(withInvoice, INVOICE,
                    Fields.of(mapper, RecordType.CREDITED_INVOICE, memo), RecordWriter.Lookup.NONE, true);
            outcomes.add(credited.outcome());
            notes.addAll(credited.notes());
            memoLink = credited.link();
        } else if (invoiceId.isEmpty()) {
            notes.add("credit memo " + memoId + " names no invoice (an offline refund): no Invoice marked");
        }
        return new SyncResult(EntityType.CREDITMEMO, memoId, outcomes, notes, memoLink, related);
    }

    /** The refund's line (and, once refunds reach the grand total, the status) on the Sales Order as it is now. */
    private SalesOrderEvents.Change refund(JsonNode memo, JsonNode current, Map<String, String> refunds) {
        String salesOrder = current.path("id").asText();
        BigDecimal amount = Amounts.of(memo.path("grand_total"));
        BigDecimal refunded = amount;
        for (String earlier : refunds.values()) {
            refunded = refunded.add(Amounts.parse(earlier));
        }
        BigDecimal orderTotal = Amounts.of(current.path("hdnGrandTotal"));
        boolean full = orderTotal.signum() > 0 && refunded.compareTo(orderTotal.subtract(CENT)) >= 0;

        List<String> notes = new ArrayList<>();
        Map<String, String> mapped = new LinkedHashMap<>(mapper.map(RecordType.CREDIT_MEMO, memo));
        String status = mapped.remove(STATUS);
        Map<String, String> fields = new LinkedHashMap<>(lines.onto(SALES_ORDER, current, mapped));
        if (full && status != null) {
            fields.put(STATUS, status);
        }
        if (orderTotal.signum() <= 0) {
            notes.add("Sales Order " + salesOrder + " has no grand total in Vtiger: whether order "
                    + memo.path("order_id").asText() + " is refunded in full is unknown, its status is left as it is");
        } else {
            notes.add("order " + memo.path("order_id").asText() + " refunded " + Amounts.text(refunded) + " of "
                    + Amounts.text(orderTotal) + (full ? " (in full" + (fields.containsKey(STATUS)
                            ? ": Sales Order " + STATUS + " " + fields.get(STATUS) + ")" : ")") : ""));
        }
        return new SalesOrderEvents.Change(fields, Amounts.text(amount), notes,
                Fields.rows(mapper.effectiveRows(RecordType.CREDIT_MEMO, memo)));
    }

    /** The invoice's link, synced first (fetched from Magento) when it never was. */
    private EntityLink linkedInvoice(String memoId, String invoiceId, EntityLink memoLink,
            List<RecordOutcome> outcomes, List<String> notes, List<EntityLink> related) {
        String key = EntityType.INVOICE.key(invoiceId);
        EntityLink invoiceLink = ledger.link(key);
        if (invoiceLink.idOf(INVOICE) != null) {
            return invoiceLink;
        }
        JsonNode invoice = orderFirst.fetch("credit memo " + memoId, EntityType.INVOICE, invoiceId, memoLink);
        try {
            LockedSync.Done<SyncResult> done = lockedSync.run(key, l -> l.idOf(INVOICE) != null,
                    l -> invoices.sync(invoiceId, invoice, l), SyncResult::link,
                    LockedSync.KeepPartial.VTIGER_FAILURES_AND_REFUSALS);
            done.synced().ifPresent(synced -> {
                outcomes.addAll(synced.records());
                notes.addAll(synced.notes());
                related.addAll(synced.relatedLinks());
                notes.add("invoice " + invoiceId + " was never synced: fetched from Magento and synced first");
            });
            return done.link();
        } catch (IncompleteEntityException e) {
            throw OrderFirst.refused("credit memo " + memoId, "invoice " + invoiceId, e, memoLink);
        }
    }

    /** The refunded invoice's id; empty for an offline refund without one (Magento stores null or 0). */
    private static Optional<String> invoiceId(JsonNode memo) {
        JsonNode id = memo.path("invoice_id");
        String text = id.isNull() || id.isMissingNode() ? "" : id.asText("").trim();
        return text.isEmpty() || text.equals("0") ? Optional.empty() : Optional.of(text);
    }
}
