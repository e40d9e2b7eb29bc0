package com.mvsync.functions;

import com.mvsync.http.HttpApiEvent;
import com.mvsync.http.HttpApiResponse;
import com.mvsync.orchestration.SyncHandlers;
import com.mvsync.webhook.WebhookPipeline;
import io.quarkus.funqy.Funq;
import jakarta.enterprise.context.ApplicationScoped;

/** Customer webhooks. Each method is one Lambda function, selected by {@code QUARKUS_FUNQY_EXPORT}. */
@ApplicationScoped
public class CustomerFunctions {

    private final WebhookPipeline pipeline;

    public CustomerFunctions(WebhookPipeline pipeline) {
        this.pipeline = pipeline;
    }

    /** {@code POST /webhooks/customers/created}: a registered customer becomes a Lead, Organization and Contact. */
    @Funq
    public HttpApiResponse customersCreated(HttpApiEvent request) {
        return pipeline.handle(request, SyncHandlers.CUSTOMERS_CREATED);
    }

    /** {@code POST /webhooks/customers/updated}: the same records revised; created if never synced. */
    @Funq
    public HttpApiResponse customersUpdated(HttpApiEvent request) {
        return pipeline.handle(request, SyncHandlers.CUSTOMERS_UPDATED);
    }
}
