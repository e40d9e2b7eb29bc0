package com.mvsync.orchestration;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.mvsync.magento.EntityType;
import com.mvsync.magento.rest.MagentoRestException;
import com.mvsync.mapping.RecordType;
import com.mvsync.queue.Processed;
import com.mvsync.queue.QueuedEvent;
import com.mvsync.settings.SettingsStore;
import com.mvsync.store.EntityBusyException;
import com.mvsync.store.EntityLink;
import com.mvsync.store.EventClaim;
import com.mvsync.store.Outcome;
import com.mvsync.store.SyncLedger;
import com.mvsync.sync.ContactCustomers;
import com.mvsync.sync.VtigerChange;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * The drain's side of customers from unlinked Contacts ({@code records.contactsCreateCustomers}): a Contact the Vtiger
 * poll found linked to no customer becomes one ({@link ContactCustomers}: found by e-mail, else created) and is linked
 * to it as the Magento → Vtiger sync links its Contacts: the customer's link gets the Contact's id and the values both
 * sides hold, and its commit records the Contact's holder ({@code RECORD#}), so the next Magento event of the
 * customer revises this Contact and the next Vtiger change of the Contact is an ordinary write back.
 * <p>
 * Once per Contact: the change's event is claimed in the ledger, the customer's link locked while it is written, and
 * the link, the event and the log line are committed in one transaction. A retry after a crash between the creation
 * and the commit finds the customer by its e-mail (Magento keeps e-mails unique per website) and links it: no second
 * customer. A customer already linked to another Contact keeps its link: the two are never merged on an e-mail.
 */
@ApplicationScoped
public class ContactLinking {

    private static final Logger LOG = Logger.getLogger(ContactLinking.class);
    static final String MODULE = RecordType.CONTACT.module();

    private final SyncLedger ledger;
    private final ContactCustomers customers;
    private final SettingsStore settings;
    private final ObjectMapper json;

    public ContactLinking(SyncLedger ledger, ContactCustomers customers, SettingsStore settings, ObjectMapper json) {
        this.ledger = ledger;
        this.customers = customers;
        this.settings = settings;
        this.json = json;
    }

    /** The Contact fields the poll reads for it besides the rows' (the customer's required ones). */
    public static List<String> fields() {
        return List.of("firstname", "lastname", "email");
    }

    /** Whether the poll queues unlinked Contacts of this module to be made customers (the setting, read now). */
    public boolean on(String module) {
        return MODULE.equals(module) && settings.current().records().contactsCreateCustomers();
    }

    /** Makes or finds the customer of an unlinked Contact and links the two. */
    Processed process(QueuedEvent queued, EntityType type, VtigerChange change) {
        String contact = change.vtigerId();
        if (!on(change.module())) {
            return Processed.skipped("customers from Contacts are switched off (records.contactsCreateCustomers): "
                    + change.module() + " " + contact + " stays unlinked");
        }
        String email = value(change, "email");
        if (email.isEmpty()) {
            return Processed.skipped(change.module() + " " + contact + " has no e-mail: no Magento customer is made"
                    + " of it; it stays unlinked");
        }
        String eventKey = change.eventKey();
        EventClaim claim = ledger.claimEvent(eventKey, queued.entityKey());
        if (claim instanceof EventClaim.AlreadyDone) {
            return Processed.synced(Map.of(change.module(), contact), List.of("replayed"));
        }
        if (!(claim instanceof EventClaim.Claimed)) {
            return Processed.retry("the Contact is being linked by another drain");
        }
        String firstname = value(change, "firstname");
        String lastname = value(change, "lastname");
        ContactCustomers.Match match;
        try {
            match = customers.findOrCreate(email, firstname, lastname);
        } catch (MagentoRestException e) {
            ledger.release(eventKey, e.getMessage());
            String error = VtigerChangeSync.DIRECTION + ": " + change.module() + " " + contact + " (" + email
                    + "): " + e.getMessage();
            return e.retryable() ? Processed.retry(error) : Processed.dead(error);
        }
        String entityKey = type.key(match.id());
        EntityLink link;
        try {
            SyncLedger.Lock lock = ledger.lock(entityKey, eventKey);
            if (lock instanceof SyncLedger.LastDone) {
                return Processed.synced(Map.of(change.module(), contact), List.of("replayed"));
            }
            link = ((SyncLedger.Locked) lock).link();
        } catch (EntityBusyException e) {
            ledger.release(eventKey, e.getMessage());
            return Processed.retry(e.getMessage());
        }
        String linkedTo = link.idOf(change.module());
        String note;
        Outcome outcome = Outcome.SYNCED;
        EntityLink next = link;
        if (linkedTo != null && !linkedTo.equals(contact)) {
            outcome = Outcome.SKIPPED;
            note = VtigerChangeSync.DIRECTION + ": " + change.module() + " " + contact + " not linked: Magento customer "
                    + match.id() + " with the e-mail " + email + " is linked to " + change.module() + " " + linkedTo
                    + " already (two records are never merged on an e-mail)";
        } else {
            Map<String, String> agreed = new LinkedHashMap<>(link.lastWrittenTo(change.module()));
            agreed.putAll(match.agreed());
            next = link.with(change.module(), contact, agreed)
                    .withSourceVersion(match.customer().path("updated_at").asText(null));
            note = VtigerChangeSync.DIRECTION + ": " + change.module() + " " + contact + " made in Vtiger"
                    + (match.created() ? ": created Magento customer " + match.id() + " (" + email
                            + ") and linked it" : ": linked to Magento customer " + match.id()
                                    + ", found by its e-mail " + email + " (nothing written to Magento)");
        }
        ObjectNode body = json.createObjectNode().put("status", outcome == Outcome.SYNCED ? "synced" : "skipped")
                .put("direction", VtigerChangeSync.DIRECTION).put("event", eventKey).put("entityKey", entityKey)
                .put("created", match.created()).put("magentoWrites", match.created() ? 1 : 0);
        try {
            ledger.commit(eventKey, next, body.toString(), null); // the drain logs it, in the customer's history
        } catch (RuntimeException e) {
            ledger.abandon(eventKey, link, e.getClass().getSimpleName());
            throw e;
        }
        LOG.info(note);
        return (outcome == Outcome.SYNCED ? Processed.synced(Map.of(change.module(), contact), List.of(note))
                : Processed.skipped(note)).about(entityKey);
    }

    private static String value(VtigerChange change, String field) {
        String v = change.fields().get(field);
        return v == null ? "" : v.strip();
    }
}
