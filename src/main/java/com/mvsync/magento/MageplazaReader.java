package com.mvsync.magento;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Mageplaza Webhook body: a flat, merchant-written Liquid template over one model ({@code item}),
 * tagged with {@code "event"}. Ids are written under hook-specific names ({@code customer_id},
 * {@code order_id}…), addresses as {@code item.shippingAddress.*} / {@code item.billingAddress.*},
 * and null attributes render as "". There is no event id: dedupe on {@link Payloads#sha256Hex}.
 */
final class MageplazaReader implements EnvelopeReader {

    // Order address attributes a template may flatten as shipping_<code> / billing_<code>.
    private static final Set<String> ADDRESS_FIELDS = Set.of("firstname", "lastname", "middlename", "company",
            "street", "city", "region", "region_id", "region_code", "postcode", "country_id", "telephone", "email");

    @Override
    public boolean matches(ObjectNode body, EntityType expected) {
        return body.has("event") && !body.has("specversion") && !body.has("eventName");
    }

    @Override
    public Unwrapped unwrap(ObjectNode body, EntityType expected) {
        String event = EnvelopeReader.requiredText(body, "event", "event",
                "a Mageplaza hook type such as \"new_customer\"");
        EventNames.Route route = EventNames.mageplazaRoute(event, expected);
        ObjectNode entity = body.deepCopy();
        entity.remove("event");
        Json.dropEmptyStrings(entity);
        // The template keys holding the model's own entity_id (see mageplaza/templates/*.liquid).
        expected.mageplazaIds().forEach((from, to) -> Json.rename(entity, from, to));
        if (expected == EntityType.ORDER) {
            collectAddresses(entity);
        }
        return new Unwrapped(EnvelopeKind.MAGEPLAZA, null, event, route.actionHint(), entity);
    }

    /** shippingAddress / billingAddress objects and shipping_city-style keys → addresses[] with address_type. */
    private static void collectAddresses(ObjectNode order) {
        List<ObjectNode> found = new ArrayList<>();
        for (String type : new String[] {"shipping", "billing"}) {
            ObjectNode address = Json.NODES.objectNode();
            JsonNode nested = order.remove(type + "Address");
            if (nested instanceof ObjectNode n) {
                address.setAll(n);
            }
            for (String field : ADDRESS_FIELDS) {
                JsonNode flat = order.remove(type + "_" + field);
                if (flat != null && !address.has(field)) {
                    address.set(field, flat);
                }
            }
            JsonNode country = order.remove(type + "_country"); // {{ item.shippingAddress.country_id }} is often labelled this way
            if (country != null && !address.has("country_id")) {
                address.set("country_id", country);
            }
            if (!address.isEmpty()) {
                Json.dropEmptyStrings(address);
                address.put("address_type", type);
                found.add(address);
            }
        }
        if (!found.isEmpty() && !order.has("addresses")) {
            ArrayNode addresses = order.putArray("addresses");
            found.forEach(addresses::add);
        }
    }
}
