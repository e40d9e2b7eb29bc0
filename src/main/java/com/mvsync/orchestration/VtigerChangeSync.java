package com.mvsync.orchestration;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.mvsync.magento.EntityType;
import com.mvsync.magento.rest.MagentoRestException;
import com.mvsync.queue.Processed;
import com.mvsync.queue.QueuedEvent;
import com.mvsync.store.EntityBusyException;
import com.mvsync.store.EntityLink;
import com.mvsync.store.EventClaim;
import com.mvsync.store.Outcome;
import com.mvsync.store.StoreException;
import com.mvsync.store.SyncLedger;
import com.mvsync.store.Written;
import com.mvsync.sync.VtigerChange;
import com.mvsync.sync.WriteBack;
import com.mvsync.sync.WriteBacks;
import com.mvsync.sync.WriteBackResult;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * The drain's sync of a queued Vtiger change (two-way sync): the other direction of the same queue, claims, retries
 * and dead letters as a Magento event. The queue item is the Vtiger record's ({@code vtiger#<id>}: several changes
 * of one record before the drain coalesce into the latest), the body the {@link Item} the Vtiger poll read, and the
 * event key {@link VtigerChange#eventKey()} (module, id, modifiedtime), claimed once in the ledger like a Magento
 * event's. The entity's link is locked as a Magento sync of it locks it, so the two directions never interleave on
 * one customer; the link and the log line are committed with the event in one transaction.
 * <p>
 * A redelivery of a change already done is answered from its record with no Magento call. A crash after the Magento
 * write and before the commit leaves the event claimable again: the retry reads the customer, finds Vtiger's values
 * there already, and writes nothing ({@link CustomerWriteBack}).
 */
@ApplicationScoped
public class VtigerChangeSync {

    private static final Logger LOG = Logger.getLogger(VtigerChangeSync.class);
    /** The queue route of a Vtiger change (a queue item's route names how the drain replays it). */
    public static final String ROUTE = "vtigerChange";
    /** The sync log's and the answer's name for this direction. */
    public static final String DIRECTION = "Vtiger → Magento";

    /**
     * A queued change: the Vtiger record's version and the Magento entity it is linked to (null: a Contact linked to
     * none when it was read, queued to be made a customer: {@link ContactLinking}).
     */
    @io.quarkus.runtime.annotations.RegisterForReflection
    public record Item(String entityKey, VtigerChange change) {
    }

    private final SyncLedger ledger;
    private final WriteBacks writeBacks;
    private final ContactLinking linking;
    private final ObjectMapper json;

    public VtigerChangeSync(SyncLedger ledger, WriteBacks writeBacks, ContactLinking linking, ObjectMapper json) {
        this.ledger = ledger;
        this.writeBacks = writeBacks;
        this.linking = linking;
        this.json = json;
    }

    /** The queue key of a Vtiger record: its changes coalesce there, apart from its entity's Magento events. */
    public static String queueKey(String vtigerId) {
        return "vtiger#" + vtigerId;
    }

    public QueuedEvent.Arrival arrival(WriteBack writeBack, Item item, String label) {
        try {
            return new QueuedEvent.Arrival(writeBack.entityType(), queueKey(item.change().vtigerId()), ROUTE,
                    item.change().eventKey(), json.writeValueAsString(item), label);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public Processed process(QueuedEvent queued) {
        Item item;
        try {
            item = json.readValue(queued.body(), Item.class);
        } catch (JsonProcessingException e) {
            return Processed.dead("the queued Vtiger change no longer parses: " + e.getOriginalMessage());
        }
        VtigerChange change = item.change();
        WriteBack writeBack = writeBacks.of(change.module()).orElse(null);
        if (writeBack == null) {
            return Processed.dead(change.module() + " changes are not written back to Magento");
        }
        EntityType type = writeBack.entityType();
        String eventKey = queued.eventKey();
        String entityKey = item.entityKey();
        if (entityKey == null) {
            // Unlinked when read: linked meanwhile (a redelivery of a Contact made a customer), an ordinary change.
            String holder = ledger.holders(List.of(change.vtigerId())).get(change.vtigerId());
            if (holder == null || !holder.startsWith(type.label() + "#")) {
                return linking.process(queued, type, change);
            }
            entityKey = holder;
        }
        EntityLink link;
        try {
            SyncLedger.Lock lock = ledger.lock(entityKey, eventKey);
            if (lock instanceof SyncLedger.LastDone) {
                return Processed.synced(Map.of(change.module(), change.vtigerId()), List.of("replayed"));
            }
            link = ((SyncLedger.Locked) lock).link();
        } catch (EntityBusyException e) {
            return Processed.retry(e.getMessage());
        }
        EventClaim claim;
        try {
            claim = ledger.claimEvent(eventKey, entityKey);
        } catch (StoreException e) {
            ledger.unlock(entityKey);
            throw e;
        }
        if (!(claim instanceof EventClaim.Claimed)) {
            ledger.unlock(entityKey);
            return claim instanceof EventClaim.AlreadyDone
                    ? Processed.synced(Map.of(change.module(), change.vtigerId()), List.of("replayed"))
                    : Processed.retry("the change is being written by another drain");
        }
        String magentoId = type.idOfKey(entityKey);
        try {
            WriteBackResult result = writeBack.apply(change, link);
            List<String> notes = new java.util.ArrayList<>();
            notes.add(DIRECTION + ": " + change.module() + " " + change.vtigerId() + " modified "
                    + change.modifiedtime() + " by " + change.modifiedby() + "; " + (result.magentoWrites() == 0
                            ? "nothing to write (Magento holds these values, or they are what the sync wrote)"
                            : result.changes().size() + " field(s) written to Magento " + type.label() + " "
                                    + magentoId));
            notes.addAll(result.notes());
            ObjectNode body = json.createObjectNode().put("status", "synced").put("direction", DIRECTION)
                    .put("event", eventKey).put("entityKey", entityKey).put("magentoWrites", result.magentoWrites());
            body.set("changes", json.valueToTree(result.changes()));
            body.set("conflicts", json.valueToTree(result.conflicts()));
            // The drain logs the outcome, in the entity's history (as it logs a Magento event's): not here as well.
            ledger.commit(eventKey, result.link(), body.toString(), null);
            LOG.infof("%s %s → %s %s: %d Magento write(s), %d conflict(s)", DIRECTION, change.vtigerId(),
                    type.label(), magentoId, result.magentoWrites(), result.conflicts().size());
            return Processed.synced(Map.of(change.module(), change.vtigerId()), notes,
                    new Written(Map.of(), result.changes())).about(entityKey);
        } catch (MagentoRestException e) {
            ledger.abandon(eventKey, link, e.getMessage());
            // Logged by the drain under the item's own key, which its Retry in the Report names.
            return e.retryable() ? Processed.retry(DIRECTION + ": " + e.getMessage())
                    : Processed.dead(DIRECTION + ": " + e.getMessage());
        } catch (RuntimeException e) {
            ledger.abandon(eventKey, link, e.getClass().getSimpleName());
            throw e;
        }
    }
}
