package com.mvsync.functions;

import com.mvsync.http.HttpApiEvent;
import com.mvsync.http.HttpApiResponse;
import com.mvsync.webhook.WebhookPipeline;
import io.quarkus.funqy.Funq;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The webhook routes of the registry ({@link com.mvsync.magento.EntityType#webhooks()}), one Lambda function each,
 * selected by {@code QUARKUS_FUNQY_EXPORT}: the method name is the route's export. What each route does is the
 * registry's and the sync rules' business; {@code TemplateConsistencyTest} keeps these methods, the registry and
 * template.yaml in step.
 */
@ApplicationScoped
public class WebhookFunctions {

    private final WebhookPipeline pipeline;

    public WebhookFunctions(WebhookPipeline pipeline) {
        this.pipeline = pipeline;
    }

    /** {@code POST /webhooks/customers/created}: a registered customer becomes a Lead, Organization and Contact. */
    @Funq
    public HttpApiResponse customersCreated(HttpApiEvent request) {
        return pipeline.handle(request, "customersCreated");
    }

    /** {@code POST /webhooks/customers/updated}: the same records revised; created if never synced. */
    @Funq
    public HttpApiResponse customersUpdated(HttpApiEvent request) {
        return pipeline.handle(request, "customersUpdated");
    }

    /** {@code POST /webhooks/customers/deleted}: the customer's Lead, Organization, Contact by the delete policy. */
    @Funq
    public HttpApiResponse customersDeleted(HttpApiEvent request) {
        return pipeline.handle(request, "customersDeleted");
    }

    /** {@code POST /webhooks/products/saved}: a new or edited product becomes or updates a Vtiger Product. */
    @Funq
    public HttpApiResponse productsSaved(HttpApiEvent request) {
        return pipeline.handle(request, "productsSaved");
    }

    /** {@code POST /webhooks/products/deleted}: the product's Vtiger Product by the delete policy. */
    @Funq
    public HttpApiResponse productsDeleted(HttpApiEvent request) {
        return pipeline.handle(request, "productsDeleted");
    }

    /** {@code POST /webhooks/orders/placed}: a placed (or changed) order becomes a Vtiger Sales Order. */
    @Funq
    public HttpApiResponse ordersPlaced(HttpApiEvent request) {
        return pipeline.handle(request, "ordersPlaced");
    }

    /** {@code POST /webhooks/invoices/created}: an invoice becomes a Vtiger Invoice linked to its Sales Order. */
    @Funq
    public HttpApiResponse invoicesCreated(HttpApiEvent request) {
        return pipeline.handle(request, "invoicesCreated");
    }

    /** {@code POST /webhooks/creditmemos/created}: a refund noted on its Sales Order and Invoice. */
    @Funq
    public HttpApiResponse creditMemosCreated(HttpApiEvent request) {
        return pipeline.handle(request, "creditMemosCreated");
    }

    /** {@code POST /webhooks/shipments/created}: carrier, tracking and status written to its Sales Order. */
    @Funq
    public HttpApiResponse shipmentsCreated(HttpApiEvent request) {
        return pipeline.handle(request, "shipmentsCreated");
    }
}
