package com.mvsync.orchestration;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.mvsync.magento.EntityType;
import com.mvsync.magento.EventAction;
import com.mvsync.magento.MagentoEvent;
import com.mvsync.mapping.RecordType;
import com.mvsync.settings.SyncSettings;
import com.mvsync.store.EntityLink;
import com.mvsync.sync.CreditMemoSync;
import com.mvsync.sync.CustomerSync;
import com.mvsync.sync.DeletedEntitySync;
import com.mvsync.sync.EntityCompleter;
import com.mvsync.sync.InvoiceSync;
import com.mvsync.sync.OrderSync;
import com.mvsync.sync.ProductSync;
import com.mvsync.sync.ShipmentSync;
import com.mvsync.sync.SyncResult;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.Optional;
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
    public static final String CREDIT_MEMOS_CREATED = "creditMemosCreated";
    public static final String SHIPMENTS_CREATED = "shipmentsCreated";
    public static final String CUSTOMERS_DELETED = "customersDeleted";
    public static final String PRODUCTS_DELETED = "productsDeleted";

    /**
     * A webhook export: the entity type its events must be about, whether it takes deletions of it (and only them)
     * or saves, and how to sync them.
     */
    public record Registered(String export, EntityType type, EntitySyncHandler handler, boolean deletes) {

        public Registered(String export, EntityType type, EntitySyncHandler handler) {
            this(export, type, handler, false);
        }

        /**
         * Why this export does not take the event: a delete sent to a save route, or a named save event to a delete
         * route. A bare REST entity names no event; a delete route takes it as the entity deleted.
         */
        public Optional<String> refusal(MagentoEvent event) {
            String label = type.label();
            if (deletes && event.action() != EventAction.DELETED && event.eventName() != null) {
                return Optional.of("this endpoint takes deleted " + label + " events (" + DELETE_EVENTS.get(type)
                        + "); got " + event.eventName() + ", which is not a delete; send it to the " + label
                        + " save endpoint");
            }
            if (!deletes && event.action() == EventAction.DELETED) {
                return Optional.of("this endpoint takes saved " + label + " events; got " + event.eventName()
                        + " (a delete); send it to /webhooks/" + label + "s/deleted");
            }
            return Optional.empty();
        }
    }

    private static final Map<EntityType, String> DELETE_EVENTS = Map.of(
            EntityType.CUSTOMER, "observer.customer_delete_commit_after, Mageplaza delete_customer",
            EntityType.PRODUCT, "observer.catalog_product_delete_commit_after, Mageplaza delete_product");

    private final Map<String, Registered> byExport;

    public SyncHandlers(CustomerSync customers, ProductSync products, OrderSync orders, InvoiceSync invoices,
            CreditMemoSync creditMemos, ShipmentSync shipments, DeletedEntitySync deletes,
            EntityCompleter completer) {
        this.byExport = Set.of(
                new Registered(CUSTOMERS_CREATED, EntityType.CUSTOMER, customer(customers, completer, false)),
                new Registered(CUSTOMERS_UPDATED, EntityType.CUSTOMER, customer(customers, completer, true)),
                new Registered(PRODUCTS_SAVED, EntityType.PRODUCT, handler(
                        e -> EntityType.PRODUCT.key(e.entity().path("sku").asText()), completer,
                        (e, entity, link, types) -> products.sync(entity, link))),
                new Registered(ORDERS_PLACED, EntityType.ORDER, handler(e -> EntityType.ORDER.key(orderId(e)),
                        completer, (e, entity, link, types) -> orders.sync(orderId(e), entity, link))),
                new Registered(INVOICES_CREATED, EntityType.INVOICE, handler(
                        e -> EntityType.INVOICE.key(e.entityId()), completer,
                        (e, entity, link, types) -> invoices.sync(e.entityId(), entity, link))),
                new Registered(CREDIT_MEMOS_CREATED, EntityType.CREDITMEMO, handler(
                        e -> EntityType.CREDITMEMO.key(e.entityId()), completer,
                        (e, entity, link, types) -> creditMemos.sync(e.entityId(), entity, link))),
                new Registered(SHIPMENTS_CREATED, EntityType.SHIPMENT, handler(
                        e -> EntityType.SHIPMENT.key(e.entityId()), completer,
                        (e, entity, link, types) -> shipments.sync(e.entityId(), entity, link))),
                new Registered(CUSTOMERS_DELETED, EntityType.CUSTOMER,
                        deleted(e -> e.entityId(), deletes), true),
                new Registered(PRODUCTS_DELETED, EntityType.PRODUCT,
                        deleted(e -> e.entity().path("sku").asText(), deletes), true))
                .stream().collect(Collectors.toUnmodifiableMap(Registered::export, r -> r));
    }

    /**
     * The export whose rules sync an entity that changed outside a webhook (a backfill): the edit rules, so linked
     * records are revised and missing ones made.
     */
    public static String exportForEdits(EntityType type) {
        return switch (type) {
            case CUSTOMER -> CUSTOMERS_UPDATED;
            case PRODUCT -> PRODUCTS_SAVED;
            case ORDER -> ORDERS_PLACED;
            case INVOICE -> INVOICES_CREATED;
            case CREDITMEMO -> CREDIT_MEMOS_CREATED;
            case SHIPMENT -> SHIPMENTS_CREATED;
        };
    }

    public Registered get(String export) {
        Registered registered = byExport.get(export);
        if (registered == null) {
            throw new IllegalArgumentException("no webhook export named " + export);
        }
        return registered;
    }

    /** Syncs an event's entity, completed from Magento where the payload lacked what the enabled types map. */
    @FunctionalInterface
    private interface Sync {
        SyncResult run(MagentoEvent event, ObjectNode entity, EntityLink link, Set<RecordType> types);
    }

    /**
     * Every route completes its entity the same way before syncing it (so the drain of a queued event does too), and
     * adds the completion's notes to the answer.
     */
    private static EntitySyncHandler handler(Function<MagentoEvent, String> key, EntityCompleter completer,
            Sync sync) {
        return new EntitySyncHandler() {
            @Override
            public String entityKey(MagentoEvent event) {
                return key.apply(event);
            }

            @Override
            public SyncResult sync(MagentoEvent event, EntityLink link, SyncSettings settings) {
                Set<RecordType> types = settings.enabledRecordTypes(event.entityType());
                EntityCompleter.Completed completed = completer.complete(event, types,
                        settings.records().alwaysFetch());
                return sync.run(event, completed.entity(), link, types).withNotes(completed.notes())
                        .withSourceVersion(completed.entity().path("updated_at").asText(null));
            }
        };
    }

    /**
     * A deletion: the entity is gone from Magento, so nothing is fetched; its linked records are marked or deleted by
     * each type's delete policy.
     */
    private static EntitySyncHandler deleted(Function<MagentoEvent, String> id, DeletedEntitySync deletes) {
        return new EntitySyncHandler() {
            @Override
            public String entityKey(MagentoEvent event) {
                return event.entityType().key(id.apply(event));
            }

            @Override
            public SyncResult sync(MagentoEvent event, EntityLink link, SyncSettings settings) {
                return deletes.sync(event.entityType(), id.apply(event), event.entity(), link, settings);
            }
        };
    }

    /** A registration leaves linked records alone; an edit revises them. Switched-off record types are skipped. */
    private static EntitySyncHandler customer(CustomerSync customers, EntityCompleter completer,
            boolean updateLinked) {
        return handler(e -> EntityType.CUSTOMER.key(e.entityId()), completer,
                (e, entity, link, types) -> customers.sync(e.entityId(), entity, link, updateLinked, types));
    }

    /** The entity id; a payload with only the increment id (some Mageplaza templates) is keyed by that. */
    private static String orderId(MagentoEvent event) {
        return event.entityId() != null ? event.entityId() : "increment:" + event.entity().path("increment_id").asText();
    }
}
