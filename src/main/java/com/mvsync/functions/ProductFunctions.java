package com.mvsync.functions;

import com.mvsync.magento.EntityType;
import com.mvsync.magento.MagentoEvent;
import com.mvsync.store.EntityLink;
import com.mvsync.sync.ProductSync;
import com.mvsync.sync.SyncResult;
import com.mvsync.webhook.EntitySyncHandler;
import com.mvsync.webhook.HttpApiEvent;
import com.mvsync.webhook.HttpApiResponse;
import com.mvsync.webhook.WebhookPipeline;
import io.quarkus.funqy.Funq;
import jakarta.enterprise.context.ApplicationScoped;

/** Product webhooks. */
@ApplicationScoped
public class ProductFunctions {

    private final WebhookPipeline pipeline;
    private final EntitySyncHandler saved;

    public ProductFunctions(WebhookPipeline pipeline, ProductSync products) {
        this.pipeline = pipeline;
        this.saved = new EntitySyncHandler() {
            @Override
            public String entityKey(MagentoEvent event) {
                return ProductSync.entityKey(event.entity().path("sku").asText());
            }

            @Override
            public SyncResult sync(MagentoEvent event, EntityLink link) {
                return products.sync(event.entity(), link);
            }
        };
    }

    /** {@code POST /webhooks/products/saved}: a new or edited product becomes or updates a Vtiger Product. */
    @Funq
    public HttpApiResponse productsSaved(HttpApiEvent request) {
        return pipeline.handle(request, EntityType.PRODUCT, saved);
    }
}
