package com.mvsync.orchestration;

import com.mvsync.magento.EntityType;
import com.mvsync.magento.MagentoEvent;
import com.mvsync.queue.QueuedEvent;
import com.mvsync.settings.SettingsStore;
import com.mvsync.settings.SyncSettings;
import com.mvsync.store.EntityLink;
import com.mvsync.store.SyncLedger;
import com.mvsync.sync.BatchLookup;
import com.mvsync.sync.CustomerSync;
import com.mvsync.sync.KnownRecords;
import com.mvsync.sync.ProductSync;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * Before the drain syncs a batch of queued customers and products, looks up in bulk the Vtiger records their syncs
 * would look up one by one ({@link BatchLookup}): only for records the ledger does not link yet, and only for the
 * record types switched on. Orders and invoices are left as they are (products of order lines are looked up in bulk
 * by their own sync).
 */
@ApplicationScoped
public class DrainPrefetch {

    private static final Logger LOG = Logger.getLogger(DrainPrefetch.class);
    private static final Set<EntityType> PREFETCHED = Set.of(EntityType.CUSTOMER, EntityType.PRODUCT);

    private final SettingsStore settings;
    private final SyncLedger ledger;
    private final CustomerSync customers;
    private final ProductSync products;
    private final BatchLookup lookup;
    private final KnownRecords known;
    private final ScopedSettings scopedSettings;

    public DrainPrefetch(SettingsStore settings, SyncLedger ledger, CustomerSync customers, ProductSync products,
            BatchLookup lookup, KnownRecords known, ScopedSettings scopedSettings) {
        this.settings = settings;
        this.scopedSettings = scopedSettings;
        this.ledger = ledger;
        this.customers = customers;
        this.products = products;
        this.lookup = lookup;
        this.known = known;
    }

    /**
     * The batch's answers, open until the batch is closed; none when there is nothing to look up or it failed.
     *
     * @param events the batch's events as parsed, by entity key (one whose body does not parse is absent: its
     *               processing makes it a dead letter)
     */
    public KnownRecords.Batch prefetch(List<QueuedEvent> batch, Map<String, MagentoEvent> events) {
        List<QueuedEvent> items = batch.stream().filter(e -> PREFETCHED.contains(e.entityType())).toList();
        if (items.isEmpty()) {
            return known.none();
        }
        try {
            SyncSettings current = settings.current();
            // At most 100 keys per read (the drain's batches are no larger).
            Map<String, EntityLink> links = ledger.links(items.stream().map(QueuedEvent::entityKey).distinct()
                    .limit(100).toList());
            List<BatchLookup.Wanted> wanted = new ArrayList<>();
            for (QueuedEvent item : items) {
                MagentoEvent event = events.get(item.entityKey());
                if (event == null) {
                    continue;
                }
                // Looked up only for the types its own website syncs (the store list is cached; a failure here
                // leaves every item to look itself up).
                SyncSettings inScope = scopedSettings.of(current, item.entityType(), event.entity()).settings();
                if (!inScope.anyEnabled(item.entityType())) {
                    continue;
                }
                EntityLink link = links.getOrDefault(item.entityKey(), EntityLink.empty(item.entityKey()));
                if (item.entityType() == EntityType.CUSTOMER) {
                    wanted.addAll(customers.lookups(event.entity(), link,
                            inScope.enabledRecordTypes(EntityType.CUSTOMER)));
                } else {
                    products.lookup(event.entity(), link).ifPresent(wanted::add);
                }
            }
            return wanted.isEmpty() ? known.none() : lookup.prefetch(wanted);
        } catch (RuntimeException e) {
            // Only an optimisation: each sync looks its records up itself, and meets (and reports) the failure.
            LOG.warnf(e, "drain: bulk lookup of %d items failed; they are looked up one by one", items.size());
            return known.none();
        }
    }
}
