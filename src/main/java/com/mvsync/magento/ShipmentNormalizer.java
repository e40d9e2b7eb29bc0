package com.mvsync.magento;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Shipment → {@code GET /V1/shipment/{id}} shape ({@code SalesDataShipmentInterface}): items (order_item_id, qty)
 * and tracks (carrier_code, title, track_number).
 */
final class ShipmentNormalizer implements EntityNormalizer {

    private static final List<String> NEEDED = List.of("increment_id", "order_id", "created_at", "items", "tracks");

    private static final FieldRules RULES = new FieldRules()
            .expect(FieldRules.Kind.INTEGER, "entity_id", "order_id", "store_id", "customer_id",
                    "billing_address_id", "shipping_address_id", "shipment_status")
            .expect(FieldRules.Kind.STRING, "increment_id", "created_at", "updated_at")
            .expect(FieldRules.Kind.NUMBER, "total_qty", "total_weight")
            .expect(FieldRules.Kind.ARRAY, "items", "tracks", "comments")
            .expect(FieldRules.Kind.OBJECT, "extension_attributes");

    private static final FieldRules TRACK_RULES = new FieldRules()
            .expect(FieldRules.Kind.INTEGER, "entity_id", "order_id", "parent_id")
            .expect(FieldRules.Kind.STRING, "carrier_code", "title", "track_number", "description");

    @Override
    public void normalize(ObjectNode shipment) {
        Json.rename(shipment, "id", "entity_id"); // I/O Events subscriptions may name it "id"
        SalesFields.numbers(shipment);
        SalesFields.normaliseItems(Json.array(shipment, "items"));
        ArrayNode tracks = Json.array(shipment, "tracks");
        if (tracks != null) {
            for (JsonNode track : tracks) {
                if (track instanceof ObjectNode object) {
                    // track_number stays text: a tracking number of digits has leading zeros that matter.
                    Json.numbersIn(object, f -> f.equals("entity_id") || f.equals("order_id") || f.equals("parent_id"));
                }
            }
        }
    }

    @Override
    public void validate(ObjectNode shipment) {
        RULES.check(shipment, "");
        if (!Json.has(shipment, "entity_id")) {
            throw new InvalidPayloadException("shipment payload has no 'entity_id' (I/O Events: 'id', Mageplaza: "
                    + "'shipment_id'); the sync needs the Magento shipment id");
        }
        if (!Json.has(shipment, "order_id")) {
            throw new InvalidPayloadException("shipment payload has no 'order_id'; the sync needs the order that "
                    + "shipped");
        }
        SalesFields.validateItems(shipment);
        ArrayNode tracks = Json.array(shipment, "tracks");
        if (tracks != null) {
            for (int i = 0; i < tracks.size(); i++) {
                if (!(tracks.get(i) instanceof ObjectNode track)) {
                    throw new InvalidPayloadException("field 'tracks[" + i + "]' must be an object; got "
                            + Json.withArticle(tracks.get(i)));
                }
                TRACK_RULES.check(track, "tracks[" + i + "].");
            }
        }
    }

    @Override
    public List<String> missing(ObjectNode shipment) {
        List<String> missing = new ArrayList<>();
        for (String field : NEEDED) {
            if (!Json.has(shipment, field)) {
                missing.add(field);
            }
        }
        return missing;
    }

    @Override
    public String entityId(ObjectNode shipment) {
        JsonNode id = shipment.get("entity_id");
        return id == null || id.isNull() ? null : Json.numberText(id);
    }
}
