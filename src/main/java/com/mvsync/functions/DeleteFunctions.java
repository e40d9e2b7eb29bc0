package com.mvsync.functions;

import com.mvsync.http.HttpApiEvent;
import com.mvsync.http.HttpApiResponse;
import com.mvsync.orchestration.SyncHandlers;
import com.mvsync.webhook.WebhookPipeline;
import io.quarkus.funqy.Funq;
import jakarta.enterprise.context.ApplicationScoped;

/** Webhooks of customers and products deleted in Magento. */
@ApplicationScoped
public class DeleteFunctions {

    private final WebhookPipeline pipeline;

    public DeleteFunctions(WebhookPipeline pipeline) {
        this.pipeline = pipeline;
    }

    /** {@code POST /webhooks/customers/deleted}: the customer's Lead, Organization, Contact by the delete policy. */
    @Funq
    public HttpApiResponse customersDeleted(HttpApiEvent request) {
        return pipeline.handle(request, SyncHandlers.CUSTOMERS_DELETED);
    }

    /** {@code POST /webhooks/products/deleted}: the product's Vtiger Product by the delete policy. */
    @Funq
    public HttpApiResponse productsDeleted(HttpApiEvent request) {
        return pipeline.handle(request, SyncHandlers.PRODUCTS_DELETED);
    }
}
