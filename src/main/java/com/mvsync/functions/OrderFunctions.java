package com.mvsync.functions;

import com.mvsync.magento.EntityType;
import com.mvsync.magento.MagentoEvent;
import com.mvsync.store.EntityLink;
import com.mvsync.sync.InvoiceSync;
import com.mvsync.sync.OrderSync;
import com.mvsync.sync.SyncResult;
import com.mvsync.webhook.EntitySyncHandler;
import com.mvsync.webhook.HttpApiEvent;
import com.mvsync.webhook.HttpApiResponse;
import com.mvsync.webhook.WebhookPipeline;
import io.quarkus.funqy.Funq;
import jakarta.enterprise.context.ApplicationScoped;

/** Order and invoice webhooks. */
@ApplicationScoped
public class OrderFunctions {

    private final WebhookPipeline pipeline;
    private final EntitySyncHandler placed;
    private final EntitySyncHandler invoiced;

    public OrderFunctions(WebhookPipeline pipeline, OrderSync orders, InvoiceSync invoices) {
        this.pipeline = pipeline;
        this.placed = new EntitySyncHandler() {
            @Override
            public String entityKey(MagentoEvent event) {
                return OrderSync.entityKey(orderId(event));
            }

            @Override
            public SyncResult sync(MagentoEvent event, EntityLink link) {
                String id = orderId(event);
                return orders.sync(id, orders.complete(event.entity(), id), link);
            }
        };
        this.invoiced = new EntitySyncHandler() {
            @Override
            public String entityKey(MagentoEvent event) {
                return InvoiceSync.entityKey(event.entityId());
            }

            @Override
            public SyncResult sync(MagentoEvent event, EntityLink link) {
                return invoices.sync(event.entityId(), event.entity(), link);
            }
        };
    }

    /** {@code POST /webhooks/orders/placed}: a placed (or changed) order becomes a Vtiger Sales Order. */
    @Funq
    public HttpApiResponse ordersPlaced(HttpApiEvent request) {
        return pipeline.handle(request, EntityType.ORDER, placed);
    }

    /** {@code POST /webhooks/invoices/created}: an invoice becomes a Vtiger Invoice linked to its Sales Order. */
    @Funq
    public HttpApiResponse invoicesCreated(HttpApiEvent request) {
        return pipeline.handle(request, EntityType.INVOICE, invoiced);
    }

    /** The entity id; a payload with only the increment id (some Mageplaza templates) is keyed by that. */
    private static String orderId(MagentoEvent event) {
        return event.entityId() != null ? event.entityId() : "increment:" + event.entity().path("increment_id").asText();
    }
}
