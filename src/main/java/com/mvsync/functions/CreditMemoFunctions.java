package com.mvsync.functions;

import com.mvsync.http.HttpApiEvent;
import com.mvsync.http.HttpApiResponse;
import com.mvsync.orchestration.SyncHandlers;
import com.mvsync.webhook.WebhookPipeline;
import io.quarkus.funqy.Funq;
import jakarta.enterprise.context.ApplicationScoped;

/** Credit memo (refund) webhooks. */
@ApplicationScoped
public class CreditMemoFunctions {

    private final WebhookPipeline pipeline;

    public CreditMemoFunctions(WebhookPipeline pipeline) {
        this.pipeline = pipeline;
    }

    /**
     * {@code POST /webhooks/creditmemos/created}: a refund is noted on its order's Sales Order (which is cancelled once
     * the order is refunded in full) and marks the refunded Invoice.
     */
    @Funq
    public HttpApiResponse creditMemosCreated(HttpApiEvent request) {
        return pipeline.handle(request, SyncHandlers.CREDIT_MEMOS_CREATED);
    }
}
