package com.mvsync.sync;

import static com.mvsync.sync.Modules.SALES_ORDER;

import com.fasterxml.jackson.databind.JsonNode;
import com.mvsync.magento.EntityType;
import com.mvsync.store.EntityLink;
import com.mvsync.store.SyncLedger;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/**
 * What a later event about an order (a refund, a shipment) needs first: its Sales Order. An order never synced is
 * fetched from Magento and synced under its lock; when Magento cannot supply it the event is refused as a dead letter
 * that says what to sync first, and its retry from the queue completes it.
 */
@ApplicationScoped
public class OrderFirst {

    private final OrderSync orders;
    private final SyncLedger ledger;
    private final EntityCompleter completer;
    private final LockedSync lockedSync;

    public OrderFirst(OrderSync orders, SyncLedger ledger, EntityCompleter completer, LockedSync lockedSync) {
        this.orders = orders;
        this.ledger = ledger;
        this.completer = completer;
        this.lockedSync = lockedSync;
    }

    /** What syncing the order first added to the answer; nothing when it was synced already. */
    record Synced(List<RecordOutcome> outcomes, List<String> notes, List<EntityLink> related) {
        static final Synced NOTHING = new Synced(List.of(), List.of(), List.of());
    }

    /**
     * @param what   the event's entity, e.g. {@code shipment 301}, for the dead letter's message
     * @param link   the event's entity's link (a refusal is remembered against it)
     */
    Synced ensure(String what, String orderId, EntityLink link) {
        if (ledger.link(EntityType.ORDER.key(orderId)).idOf(SALES_ORDER) != null) {
            return Synced.NOTHING;
        }
        JsonNode order = fetch(what, EntityType.ORDER, orderId, link);
        LockedSync.Done<SyncResult> done = lockedSync.run(EntityType.ORDER.key(orderId),
                l -> l.idOf(SALES_ORDER) != null, l -> orders.sync(orderId, order, l), SyncResult::link,
                LockedSync.KeepPartial.VTIGER_FAILURES_AND_REFUSALS);
        return done.synced().map(s -> new Synced(s.records(), s.notes(), s.relatedLinks())).orElse(Synced.NOTHING);
    }

    /** An entity the event refers to, whole from Magento, or a refusal naming it. */
    JsonNode fetch(String what, EntityType type, String id, EntityLink link) {
        try {
            return completer.fetchWhole(type, id);
        } catch (IncompleteEntityException e) {
            throw refused(what, type.label() + " " + id, e, link);
        }
    }

    /** Nothing to write the event to: a dead letter naming what to sync first, retried from the queue after. */
    static RecordRefusedException refused(String what, String needed, IncompleteEntityException e, EntityLink link) {
        return new RecordRefusedException(what + " refers to " + needed + ", which was never synced, and it cannot "
                + "be synced now: " + e.getMessage() + "; sync " + needed + " first (its webhook, or POST "
                + "/admin/backfill/" + needed.substring(0, needed.indexOf(' ')) + "s), then retry this item from "
                + "the queue", link);
    }
}
