package com.mvsync.functions;

import com.mvsync.http.HttpApiEvent;
import com.mvsync.http.HttpApiResponse;
import com.mvsync.orchestration.SyncHandlers;
import com.mvsync.webhook.WebhookPipeline;
import io.quarkus.funqy.Funq;
import jakarta.enterprise.context.ApplicationScoped;

/** Product webhooks. */
@ApplicationScoped
public class ProductFunctions {

    private final WebhookPipeline pipeline;

    public ProductFunctions(WebhookPipeline pipeline) {
        this.pipeline = pipeline;
    }

    /** {@code POST /webhooks/products/saved}: a new or edited product becomes or updates a Vtiger Product. */
    @Funq
    public HttpApiResponse productsSaved(HttpApiEvent request) {
        return pipeline.handle(request, SyncHandlers.PRODUCTS_SAVED);
    }
}
