package com.mvsync.sync;

import static com.mvsync.sync.Modules.SALES_ORDER;

import com.fasterxml.jackson.databind.JsonNode;
import com.mvsync.magento.EntityType;
import com.mvsync.mapping.MappingRow;
import com.mvsync.store.EntityLink;
import com.mvsync.vtiger.VtigerClient;
import com.mvsync.vtiger.VtigerException;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Records a later event of an order (a refund, a shipment) on its Sales Order exactly once: under the order's lock
 * (two events of one order, or the order's own edit, never interleave their writes), skipped when the order's link
 * already holds the event, else the Sales Order is retrieved, revised with what the event changes, and the event
 * kept in the order's link ({@code kind}: a key of its written values that is not a Vtiger module).
 */
@ApplicationScoped
public class SalesOrderEvents {

    /**
     * What an event changes on the Sales Order: the fields to revise, what the order's link keeps of it, notes, and the
     * mapping rows behind the fields (their write rules and picklist flags).
     */
    public record Change(Map<String, String> fields, String kept, List<String> notes, Map<String, MappingRow> rows) {
        public Change(Map<String, String> fields, String kept, List<String> notes) {
            this(fields, kept, notes, Map.of());
        }
    }

    /** An event's change, from the Sales Order as Vtiger holds it now and what the link kept of earlier events. */
    @FunctionalInterface
    public interface Changer {
        Change of(JsonNode salesOrder, Map<String, String> earlier);
    }

    /** The Sales Order's write (the event's link, with the Sales Order) and its notes. */
    public record Recorded(RecordWriter.Written written, List<String> notes) {
    }

    private record Locked(EntityLink orderLink, Recorded recorded) {
    }

    private final RecordWriter writer;
    private final VtigerClient vtiger;
    private final LockedSync lockedSync;

    public SalesOrderEvents(RecordWriter writer, VtigerClient vtiger, LockedSync lockedSync) {
        this.writer = writer;
        this.vtiger = vtiger;
        this.lockedSync = lockedSync;
    }

    /** @throws SyncFailedException when Vtiger fails (the event's link as it was is the partial link) */
    public Recorded record(String kind, String eventId, String orderId, EntityLink eventLink, Changer changer) {
        return lockedSync.run(EntityType.ORDER.key(orderId), l -> false,
                l -> record(kind, eventId, l, eventLink, changer), Locked::orderLink, LockedSync.KeepPartial.NEVER)
                .synced().orElseThrow().recorded();
    }

    private Locked record(String kind, String eventId, EntityLink orderLink, EntityLink eventLink, Changer changer) {
        String salesOrder = orderLink.idOf(SALES_ORDER);
        EntityLink link = eventLink.idOf(SALES_ORDER) != null ? eventLink
                : eventLink.with(SALES_ORDER, salesOrder, Map.of());
        Map<String, String> earlier = orderLink.lastWrittenTo(kind);
        if (earlier.containsKey(eventId)) {
            return new Locked(orderLink, new Recorded(new RecordWriter.Written(new RecordOutcome(SALES_ORDER,
                    salesOrder, RecordOutcome.Action.UNCHANGED), link), List.of()));
        }
        Change change;
        try {
            change = changer.of(vtiger.retrieve(salesOrder), earlier);
        } catch (VtigerException e) {
            throw new SyncFailedException(SALES_ORDER, eventLink, e);
        }
        RecordWriter.Written written = writer.write(link, SALES_ORDER, new Fields(change.fields(), change.fields(),
                change.rows(), false), RecordWriter.Lookup.NONE, true);
        Map<String, String> kept = new LinkedHashMap<>(earlier);
        kept.put(eventId, change.kept());
        Map<String, Map<String, String>> values = new LinkedHashMap<>(orderLink.lastWritten());
        values.put(kind, kept);
        return new Locked(new EntityLink(orderLink.entityKey(), orderLink.vtigerIds(), values,
                orderLink.sourceVersion()), new Recorded(written, change.notes()));
    }
}
