package com.mvsync.sync;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.mvsync.magento.EntityType;
import com.mvsync.magento.rest.MagentoRestClient;
import com.mvsync.mapping.FieldMapper;
import com.mvsync.mapping.MappingRow;
import com.mvsync.mapping.RecordType;
import com.mvsync.store.EntityLink;
import com.mvsync.store.Written;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a Sales Order's status set in Vtiger to its Magento order as one status-history comment
 * ({@code POST /V1/orders/{id}/comments}). Vtiger's statuses (Created, Approved, Delivered, Cancelled) are none of
 * Magento's, and Magento sets the order's status to the comment's, so the comment carries the order's own status: the
 * order's state and status are left to Magento's workflow (shipping, invoicing), the comment records what the CRM
 * user set.
 * <p>
 * The Magento → Vtiger sync writes its own {@code sostatus} from Magento's status (processing → Approved) and keeps it
 * in the link; a status sent back is kept apart, under {@link #SENT}, so neither direction takes the other's value
 * for a change: Magento's next save of the order maps to the link's Approved (no Vtiger write, the CRM user's
 * Delivered stays), and the Vtiger poll's next read of Delivered matches what was sent (no second comment). A replay
 * after a crash between the comment and the commit finds the comment on the order and posts none.
 */
@ApplicationScoped
public class OrderWriteBack implements WriteBack {

    static final String MODULE = RecordType.SALES_ORDER.module();
    /** The link's key of the values sent to Magento as comments. */
    static final String SENT = "Magento order comments";

    private final FieldMapper mapper;
    private final MagentoRestClient magento;

    public OrderWriteBack(FieldMapper mapper, MagentoRestClient magento) {
        this.mapper = mapper;
        this.magento = magento;
    }

    /** A status flows one way, as a comment: nothing to decide. */
    @Override
    public boolean decidesFieldConflicts() {
        return false;
    }

    @Override
    public RecordType record() {
        return RecordType.SALES_ORDER;
    }

    @Override
    public List<String> nameFields() {
        return List.of("subject");
    }

    @Override
    public WriteBackResult apply(VtigerChange change, EntityLink link) {
        String orderId = EntityType.ORDER.idOfKey(link.entityKey());
        Map<String, String> synced = link.lastWrittenTo(MODULE);
        Map<String, String> sent = new LinkedHashMap<>(link.lastWrittenTo(SENT));
        List<MappingRow> changed = mapper.rowsToMagento(RecordType.SALES_ORDER).stream()
                .filter(r -> change.fields().containsKey(r.vtigerField()))
                .filter(r -> {
                    String value = change.fields().get(r.vtigerField());
                    return !AgreedValues.normal(value).isEmpty() && !AgreedValues.same(value, synced.get(r.vtigerField()))
                            && !AgreedValues.same(value, sent.get(r.vtigerField()));
                })
                .toList();
        if (changed.isEmpty()) {
            return WriteBackResult.unchanged(link);
        }
        ObjectNode order = magento.read(EntityType.ORDER, orderId);
        List<Written.Change> changes = new ArrayList<>();
        int writes = 0;
        for (MappingRow row : changed) {
            String value = AgreedValues.normal(change.fields().get(row.vtigerField()));
            String comment = comment(row, value);
            if (!hasComment(order, comment)) {
                ObjectNode history = order.objectNode();
                history.put("comment", comment);
                history.put("status", order.path("status").asText(""));
                history.put("is_customer_notified", 0);
                history.put("is_visible_on_front", 0);
                history.set("parent_id", order.path("entity_id").deepCopy());
                magento.addOrderComment(orderId, history);
                writes++;
                changes.add(new Written.Change("Magento order", "status_histories[].comment",
                        sent.get(row.vtigerField()), comment, false));
            }
            sent.put(row.vtigerField(), value);
        }
        return new WriteBackResult(link.withValues(SENT, sent), writes, changes, List.of(), List.of());
    }

    /** The comment's text: recognisable, so a replay finds it on the order. */
    static String comment(MappingRow row, String value) {
        return "Vtiger: " + (row.description() == null || row.description().isBlank() ? row.vtigerField()
                : row.description()) + " set to " + value;
    }

    /**
     * Whether the newest comment this class wrote is this one (Magento answers {@code status_histories} newest first):
     * a status set back and forth (Delivered, Approved, Delivered) gets a comment each time.
     */
    private static boolean hasComment(JsonNode order, String comment) {
        for (JsonNode history : order.path("status_histories")) {
            String text = history.path("comment").asText("");
            if (text.startsWith("Vtiger: ")) {
                return text.equals(comment);
            }
        }
        return false;
    }
}
