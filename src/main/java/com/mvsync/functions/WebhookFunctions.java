package com.mvsync.functions;

import com.mvsync.http.HttpApiEvent;
import com.mvsync.http.HttpApiResponse;
import com.mvsync.webhook.WebhookPipeline;
import io.quarkus.funqy.Funq;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Every webhook route of the registry ({@link com.mvsync.magento.EntityType#webhooks()}). Each route is its own Lambda
 * function in template.yaml (own log group, alarms and concurrency), and all of them run this one export
 * ({@code QUARKUS_FUNQY_EXPORT=webhook}): the route comes from the request API Gateway hands over, so a new route is a
 * registry entry and a template resource, no code here. {@code TemplateConsistencyTest} keeps the two in step.
 */
@ApplicationScoped
public class WebhookFunctions {

    private final WebhookPipeline pipeline;

    public WebhookFunctions(WebhookPipeline pipeline) {
        this.pipeline = pipeline;
    }

    /** {@code POST /webhooks/...}: the route's events synced by its type's rules (or queued, by the settings). */
    @Funq
    public HttpApiResponse webhook(HttpApiEvent request) {
        return pipeline.handle(request);
    }
}
