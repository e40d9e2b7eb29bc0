package com.mvsync.webhook;

import com.mvsync.magento.EntityType;
import com.mvsync.magento.MagentoEvent;
import com.mvsync.mapping.RecordType;
import com.mvsync.store.EntityLink;
import com.mvsync.sync.CustomerSync;
import com.mvsync.sync.InvoiceSync;
import com.mvsync.sync.OrderSync;
import com.mvsync.sync.ProductSync;
import com.mvsync.sync.SyncResult;
import com.mvsync.queue.SyncSettings;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The sync handler of each webhook export. Both the function that receives an event and the drain that replays a
 * queued one find the handler here by the export name, so an event is synced by the same rules either way.
 */
@ApplicationScoped
public class SyncHandlers {

    public static final String CUSTOMERS_CREATED = "customersCreated";
    public static final String CUSTOMERS_UPDATED = "customersUpdated";
    public static final String PRODUCTS_SAVED = "productsSaved";
    public static final String ORDERS_PLACED = "ordersPlaced";
    public static final String INVOICES_CREATED = "invoicesCreated";

    /** A webhook export: the entity type its events must be about, and how to sync them. */
    public record Registered(String export, EntityType type, EntitySyncHandler handler) {
    }

    private final Map<String, Registered> byExport;

    public SyncHandlers(CustomerSync customers, ProductSync products, OrderSync orders, InvoiceSync invoices) {
        this.byExport = Set.of(
                new Registered(CUSTOMERS_CREATED, EntityType.CUSTOMER, customer(customers, false)),
                new Registered(CUSTOMERS_UPDATED, EntityType.CUSTOMER, customer(customers, true)),
                new Registered(PRODUCTS_SAVED, EntityType.PRODUCT, handler(
                        e -> ProductSync.entityKey(e.entity().path("sku").asText()),
                        (e, link, s) -> products.sync(e.entity(), link))),
                new Registered(ORDERS_PLACED, EntityType.ORDER, handler(e -> OrderSync.entityKey(orderId(e)),
                        (e, link, s) -> orders.sync(orderId(e), orders.complete(e.entity(), orderId(e)), link))),
                new Registered(INVOICES_CREATED, EntityType.INVOICE, handler(
                        e -> InvoiceSync.entityKey(e.entityId()),
                        (e, link, s) -> invoices.sync(e.entityId(), e.entity(), link))))
                .stream().collect(Collectors.toUnmodifiableMap(Registered::export, r -> r));
    }

    public Registered get(String export) {
        Registered registered = byExport.get(export);
        if (registered == null) {
            throw new IllegalArgumentException("no webhook export named " + export);
        }
        return registered;
    }

    @FunctionalInterface
    private interface Sync {
        SyncResult run(MagentoEvent event, EntityLink link, SyncSettings settings);
    }

    private static EntitySyncHandler handler(Function<MagentoEvent, String> key, Sync sync) {
        return new EntitySyncHandler() {
            @Override
            public String entityKey(MagentoEvent event) {
                return key.apply(event);
            }

            @Override
            public SyncResult sync(MagentoEvent event, EntityLink link, SyncSettings settings) {
                return sync.run(event, link, settings);
            }
        };
    }

    /** A registration leaves linked records alone; an edit revises them. Switched-off record types are skipped. */
    private static EntitySyncHandler customer(CustomerSync customers, boolean updateLinked) {
        return handler(e -> CustomerSync.entityKey(e.entityId()), (e, link, settings) -> {
            Set<RecordType> types = CustomerSync.ALL.stream().filter(settings::enabled).collect(Collectors.toSet());
            return customers.sync(e.entityId(), e.entity(), link, updateLinked, types);
        });
    }

    /** The entity id; a payload with only the increment id (some Mageplaza templates) is keyed by that. */
    private static String orderId(MagentoEvent event) {
        return event.entityId() != null ? event.entityId() : "increment:" + event.entity().path("increment_id").asText();
    }
}
