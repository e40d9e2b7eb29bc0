package com.mvsync.functions;

import com.mvsync.http.HttpApiEvent;
import com.mvsync.http.HttpApiResponse;
import com.mvsync.orchestration.SyncHandlers;
import com.mvsync.webhook.WebhookPipeline;
import io.quarkus.funqy.Funq;
import jakarta.enterprise.context.ApplicationScoped;

/** Shipment webhooks. */
@ApplicationScoped
public class ShipmentFunctions {

    private final WebhookPipeline pipeline;

    public ShipmentFunctions(WebhookPipeline pipeline) {
        this.pipeline = pipeline;
    }

    /**
     * {@code POST /webhooks/shipments/created}: a shipment's carrier and tracking numbers are recorded on its order's
     * Sales Order, which is marked delivered once everything ordered has shipped.
     */
    @Funq
    public HttpApiResponse shipmentsCreated(HttpApiEvent request) {
        return pipeline.handle(request, SyncHandlers.SHIPMENTS_CREATED);
    }
}
