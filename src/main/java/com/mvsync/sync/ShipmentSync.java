package com.mvsync.sync;

import static com.mvsync.sync.Modules.SALES_ORDER;

import com.fasterxml.jackson.databind.JsonNode;
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
 * A shipment made in Magento is recorded on its order's Sales Order by the Shipment rows: by default a line added to
 * the description with its tracking numbers, the carrier, and status Delivered once everything ordered has shipped
 * (shipped quantities of every shipment against the Sales Order's line quantities). Each shipment is recorded once:
 * the order's link keeps the shipments recorded and their quantities, written under the order's lock as it is
 * released (as {@link CreditMemoSync} does for refunds). An order never synced is fetched and synced first.
 */
@ApplicationScoped
public class ShipmentSync implements EntityRules.ById {

    /** Key in the order link's written values (not a Vtiger module): shipment id to the quantity it shipped. */
    static final String SHIPMENTS = "Shipments";
    private static final String STATUS = "sostatus";
    private static final BigDecimal EPSILON = new BigDecimal("0.0001");

    private final FieldMapper mapper;
    private final OrderFirst orderFirst;
    private final AddedLines lines;
    private final SalesOrderEvents salesOrders;

    public ShipmentSync(FieldMapper mapper, OrderFirst orderFirst, AddedLines lines, SalesOrderEvents salesOrders) {
        this.mapper = mapper;
        this.orderFirst = orderFirst;
        this.lines = lines;
        this.salesOrders = salesOrders;
    }

    @Override
    public EntityType type() {
        return EntityType.SHIPMENT;
    }

    @Override
    public List<Draft> draft(JsonNode entity) {
        return List.of(new Draft(RecordType.SHIPMENT, Fields.of(mapper, RecordType.SHIPMENT, entity)));
    }

    @Override
    public SyncResult sync(String shipmentId, JsonNode shipment, EntityLink link) {
        return SyncResult.within(link, () -> syncShipment(shipmentId, shipment, link));
    }

    private SyncResult syncShipment(String shipmentId, JsonNode shipment, EntityLink link) {
        List<RecordOutcome> outcomes = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        String orderId = shipment.path("order_id").asText("");
        OrderFirst.Synced order = orderFirst.ensure("shipment " + shipmentId, orderId, link);
        outcomes.addAll(order.outcomes());
        notes.addAll(order.notes());

        SalesOrderEvents.Recorded recorded = salesOrders.record(SHIPMENTS, shipmentId, orderId, link,
                (salesOrder, earlier) -> shipped(shipmentId, shipment, salesOrder, earlier));
        outcomes.add(recorded.written().outcome());
        notes.addAll(recorded.written().notes());
        notes.addAll(recorded.notes());
        return new SyncResult(EntityType.SHIPMENT, shipmentId, outcomes, notes, recorded.written().link(),
                order.related());
    }

    /** The shipment's line, carrier and (once everything shipped) status on the Sales Order as it is now. */
    private SalesOrderEvents.Change shipped(String shipmentId, JsonNode shipment, JsonNode current,
            Map<String, String> shipped) {
        List<String> notes = new ArrayList<>();
        BigDecimal quantity = quantity(shipment);
        Map<String, String> mapped = new LinkedHashMap<>(mapper.map(RecordType.SHIPMENT, shipment));
        String status = mapped.remove(STATUS);
        // The carrier (a picklist) is written in Vtiger's form, or left out with a note, by PicklistValues.
        Map<String, String> fields = new LinkedHashMap<>(lines.onto(SALES_ORDER, current, mapped));
        if (status != null && everythingShipped(current, shipped, quantity, shipmentId, shipment, notes)) {
            fields.put(STATUS, status);
        }
        return new SalesOrderEvents.Change(fields, quantity == null ? "" : quantity.toPlainString(), notes,
                Fields.rows(mapper.effectiveRows(RecordType.SHIPMENT, shipment)));
    }

    /**
     * Whether this shipment completes the order: every shipment's quantity against the Sales Order's line quantities
     * (Magento's "complete" state reaches the Sales Order through the order's own webhook as well).
     */
    private static boolean everythingShipped(JsonNode salesOrder, Map<String, String> earlier, BigDecimal quantity,
            String shipmentId, JsonNode shipment, List<String> notes) {
        BigDecimal ordered = BigDecimal.ZERO;
        for (JsonNode line : salesOrder.path("LineItems")) {
            ordered = ordered.add(Amounts.of(line.path("quantity")));
        }
        if (quantity == null || ordered.signum() <= 0 || earlier.containsValue("")) {
            notes.add("whether order " + shipment.path("order_id").asText() + " has shipped in full is unknown ("
                    + (quantity == null ? "shipment " + shipmentId + " has no items" : ordered.signum() <= 0
                            ? "the Sales Order has no line quantities" : "an earlier shipment had no items")
                    + "): its status is left as it is");
            return false;
        }
        BigDecimal total = quantity;
        for (String qty : earlier.values()) {
            total = total.add(Amounts.parse(qty));
        }
        boolean all = total.compareTo(ordered.subtract(EPSILON)) >= 0;
        notes.add("order " + shipment.path("order_id").asText() + " shipped " + total.stripTrailingZeros()
                .toPlainString() + " of " + ordered.stripTrailingZeros().toPlainString() + " items"
                + (all ? " (all)" : ""));
        return all;
    }

    /** The quantity the shipment ships, or null when it lists no items. */
    private static BigDecimal quantity(JsonNode shipment) {
        JsonNode items = shipment.path("items");
        if (!items.isArray() || items.isEmpty()) {
            return null;
        }
        BigDecimal sum = BigDecimal.ZERO;
        for (JsonNode item : items) {
            // A configurable's child line ships with its parent: Vtiger has one line for both (see OrderLines).
            if (!item.hasNonNull("parent_item_id") && !item.hasNonNull("parent_id_of_order_item")) {
                sum = sum.add(Amounts.of(item.path("qty")));
            }
        }
        return sum;
    }
}
