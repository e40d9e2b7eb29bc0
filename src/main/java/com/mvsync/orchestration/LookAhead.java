package com.mvsync.orchestration;

import com.mvsync.magento.EntityType;
import com.mvsync.magento.EventAction;
import com.mvsync.magento.MagentoEvent;
import com.mvsync.settings.SyncSettings;
import com.mvsync.store.EntityLink;
import com.mvsync.sync.BatchLookup;
import com.mvsync.sync.Branches;
import com.mvsync.sync.CustomerSync;
import com.mvsync.sync.KnownRecords;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * For a customer's webhook, starts its records' lookups as soon as its entity is locked for the first time, so the
 * first Vtiger step overlaps the claim of the event instead of following it. Only on a first lock: no sync of this
 * product has locked the entity, so none has written a record for it, and every record of it is unlinked, so the sync
 * would make these lookups first thing anyway (a registration, or the first edit of a customer from before the
 * install). An entity locked before looks up after its lock as always, so a redelivery or a retry never spends a call
 * on a guess. The lookups are the ones the sync would make ({@link CustomerSync#lookups}, made by {@link BatchLookup}:
 * one query per module, as many calls as before); the sync takes their answers from {@link KnownRecords}. A claim
 * that finds the event done drops them, which a first lock makes all but impossible.
 */
@ApplicationScoped
public class LookAhead {

    private static final Logger LOG = Logger.getLogger(LookAhead.class);

    private final CustomerSync customers;
    private final BatchLookup lookup;
    private final KnownRecords known;
    private final Branches branches;

    public LookAhead(CustomerSync customers, BatchLookup lookup, KnownRecords known, Branches branches) {
        this.customers = customers;
        this.lookup = lookup;
        this.known = known;
        this.branches = branches;
    }

    /** Lookups in flight for one event, or none. */
    public static final class Started implements AutoCloseable {
        static final Started NONE = new Started(null, null);

        private final KnownRecords.Batch answers;
        private final Branches.Started<Void> lookups;

        private Started(KnownRecords.Batch answers, Branches.Started<Void> lookups) {
            this.answers = answers;
            this.lookups = lookups;
        }

        /** Waits for the answers (the sync asks them instead of Vtiger); on a failure the sync looks up itself. */
        void await() {
            if (lookups == null) {
                return;
            }
            try {
                lookups.join();
            } catch (RuntimeException e) {
                // Only an optimisation: the sync's own lookups meet (and report) the failure.
                LOG.warnf("looking ahead failed, the sync looks up itself: %s", e.toString());
                close();
            }
        }

        /** Drops what is left of the answers (a lookup still running adds none). */
        @Override
        public void close() {
            if (lookups != null) {
                lookups.cancel();
                answers.close();
            }
        }
    }

    /** Starts the lookups of a customer saved (not deleted); none for any other event. */
    public Started start(EntityType type, MagentoEvent event, SyncSettings settings) {
        if (type != EntityType.CUSTOMER || event.action() == EventAction.DELETED) {
            return Started.NONE;
        }
        List<BatchLookup.Wanted> wanted = customers.lookups(event.entity(), EntityLink.empty(""),
                settings.enabledRecordTypes(EntityType.CUSTOMER));
        if (wanted.isEmpty()) {
            return Started.NONE;
        }
        KnownRecords.Batch answers = known.none();
        return new Started(answers, branches.start(() -> {
            answers.add(lookup.answers(wanted));
            return null;
        }));
    }
}
