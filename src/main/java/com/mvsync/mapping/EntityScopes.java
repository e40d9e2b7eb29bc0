package com.mvsync.mapping;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Which scopes apply to a Magento entity: a customer's {@code website_id}, an order's, invoice's, credit memo's,
 * shipment's or order line's {@code store_id} (its website found through Magento's store list). Implemented where
 * Magento's REST API is reachable; {@link #NONE} knows only the default scope.
 */
public interface EntityScopes {

    EntityScopes NONE = entity -> ScopeChain.DEFAULT;

    ScopeChain of(JsonNode entity);
}
