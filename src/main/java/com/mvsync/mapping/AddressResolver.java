package com.mvsync.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;

/**
 * Finds the default billing and shipping address of a Magento entity in its REST shape: a customer names them by id
 * ({@code default_billing: "101"}) or flags them on the address; an order carries {@code billing_address} and the
 * shipping address inside its first shipping assignment.
 */
public final class AddressResolver {

    public static final AddressResolver REST = new AddressResolver();

    public JsonNode billing(JsonNode entity) {
        if (entity.has("billing_address")) {
            return entity.path("billing_address");
        }
        return customerAddress(entity, "default_billing");
    }

    public JsonNode shipping(JsonNode entity) {
        JsonNode assigned = entity.path("extension_attributes").path("shipping_assignments").path(0)
                .path("shipping").path("address");
        if (!assigned.isMissingNode()) {
            return assigned;
        }
        if (entity.has("billing_address")) {
            return entity.path("billing_address");
        }
        return customerAddress(entity, "default_shipping");
    }

    private static JsonNode customerAddress(JsonNode customer, String which) {
        JsonNode addresses = customer.path("addresses");
        String id = PathExpression.text(customer.path(which));
        for (JsonNode address : addresses) {
            if (address.path(which).asBoolean(false)) {
                return address;
            }
            if (id != null && id.equals(PathExpression.text(address.path("id")))) {
                return address;
            }
        }
        return MissingNode.getInstance();
    }
}
