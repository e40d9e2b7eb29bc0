package com.mvsync.functions;

import com.mvsync.http.HttpApiEvent;
import com.mvsync.http.HttpApiResponse;
import com.mvsync.orchestration.SyncHandlers;
import com.mvsync.webhook.WebhookPipeline;
import io.quarkus.funqy.Funq;
import jakarta.enterprise.context.ApplicationScoped;

/** Order and invoice webhooks. */
@ApplicationScoped
public class OrderFunctions {

    private final WebhookPipeline pipeline;

    public OrderFunctions(WebhookPipeline pipeline) {
        this.pipeline = pipeline;
    }

    /** {@code POST /webhooks/orders/placed}: a placed (or changed) order becomes a Vtiger Sales Order. */
    @Funq
    public HttpApiResponse ordersPlaced(HttpApiEvent request) {
        return pipeline.handle(request, SyncHandlers.ORDERS_PLACED);
    }

    /** {@code POST /webhooks/invoices/created}: an invoice becomes a Vtiger Invoice linked to its Sales Order. */
    @Funq
    public HttpApiResponse invoicesCreated(HttpApiEvent request) {
        return pipeline.handle(request, SyncHandlers.INVOICES_CREATED);
    }
}
