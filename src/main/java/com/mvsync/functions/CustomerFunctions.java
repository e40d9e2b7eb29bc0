package com.mvsync.functions;

import com.mvsync.magento.EntityType;
import com.mvsync.magento.MagentoEvent;
import com.mvsync.store.EntityLink;
import com.mvsync.sync.CustomerSync;
import com.mvsync.sync.SyncResult;
import com.mvsync.webhook.EntitySyncHandler;
import com.mvsync.webhook.HttpApiEvent;
import com.mvsync.webhook.HttpApiResponse;
import com.mvsync.webhook.WebhookPipeline;
import io.quarkus.funqy.Funq;
import jakarta.enterprise.context.ApplicationScoped;

/** Customer webhooks. Each method is one Lambda function, selected by {@code QUARKUS_FUNQY_EXPORT}. */
@ApplicationScoped
public class CustomerFunctions {

    private final WebhookPipeline pipeline;
    private final EntitySyncHandler registration;
    private final EntitySyncHandler edit;

    public CustomerFunctions(WebhookPipeline pipeline, CustomerSync customers) {
        this.pipeline = pipeline;
        this.registration = handler(customers, false);
        this.edit = handler(customers, true);
    }

    /** {@code POST /webhooks/customers/created}: a registered customer becomes a Lead, Organization and Contact. */
    @Funq
    public HttpApiResponse customersCreated(HttpApiEvent request) {
        return pipeline.handle(request, EntityType.CUSTOMER, registration);
    }

    /** {@code POST /webhooks/customers/updated}: the same records revised; created if never synced. */
    @Funq
    public HttpApiResponse customersUpdated(HttpApiEvent request) {
        return pipeline.handle(request, EntityType.CUSTOMER, edit);
    }

    private static EntitySyncHandler handler(CustomerSync customers, boolean updateLinked) {
        return new EntitySyncHandler() {
            @Override
            public String entityKey(MagentoEvent event) {
                return CustomerSync.entityKey(event.entityId());
            }

            @Override
            public SyncResult sync(MagentoEvent event, EntityLink link) {
                return customers.sync(event.entityId(), event.entity(), link, updateLinked);
            }
        };
    }
}
