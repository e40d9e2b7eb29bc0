package com.mvsync.sync;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.mvsync.magento.EntityType;
import java.util.Optional;

/**
 * Fetches a whole entity from Magento when a webhook carried only part of it (Adobe I/O Events send the subscribed
 * fields only; some events fire before the items are saved). Empty when Magento's REST API is not configured.
 */
public interface EntityFetcher {

    /** @param id the entity id (orders, invoices, customers) or the SKU (products) */
    Optional<ObjectNode> fetch(EntityType type, String id);
}
