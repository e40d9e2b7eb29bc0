package com.mvsync.magento;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Objects;

/**
 * Parses a Magento webhook body from any supported sender (Adobe I/O Events, Adobe Commerce Webhooks,
 * Mageplaza Webhook, or a bare REST entity) into a {@link MagentoEvent} whose entity has the REST API shape,
 * so the sync has one code path per entity whatever the sender.
 */
@ApplicationScoped
public class EnvelopeParser {

    private static final List<EnvelopeReader> EVENT_READERS = List.of(
            new CloudEventReader(), new CommerceWebhookReader(), new MageplazaReader());
    private static final EnvelopeReader REST_READER = new RestReader();

    private final JsonBodyReader bodyReader;

    public EnvelopeParser(ObjectMapper mapper) {
        this.bodyReader = new JsonBodyReader(Objects.requireNonNull(mapper, "mapper"));
    }

    /**
     * @param body     raw request body (UTF-8 JSON object, at most 1 MiB)
     * @param expected the entity type the receiving endpoint handles
     * @throws InvalidPayloadException with a user-facing message when the body cannot be used
     */
    public MagentoEvent parse(byte[] body, EntityType expected) {
        Objects.requireNonNull(expected, "expected");
        ObjectNode root = bodyReader.read(body);
        Unwrapped unwrapped = reader(root, expected).unwrap(root, expected);

        ObjectNode entity = unwrapped.entity();
        // I/O Events original-data markers: used for the action, never part of the entity.
        JsonNode isNew = entity.remove("_isNew");
        entity.remove("_origData");
        entity = unnest(entity, expected);
        if (isNew == null) {
            isNew = entity.remove("_isNew");
            entity.remove("_origData");
        }

        EntityNormalizer normalizer = expected.normalizer();
        normalizer.normalize(entity);
        normalizer.validate(entity);
        return new MagentoEvent(unwrapped.kind(), expected, ActionResolver.resolve(unwrapped, isNew, entity),
                unwrapped.eventId(), unwrapped.eventName(), normalizer.entityId(entity), entity,
                normalizer.missing(entity));
    }

    private static EnvelopeReader reader(ObjectNode root, EntityType expected) {
        for (EnvelopeReader reader : EVENT_READERS) {
            if (reader.matches(root, expected)) {
                return reader;
            }
        }
        if (REST_READER.matches(root, expected)) {
            return REST_READER;
        }
        throw unknownShape(root, expected);
    }

    /** customer_register_success (and some hooks) nest the entity one level down, under its own name. */
    private static ObjectNode unnest(ObjectNode entity, EntityType expected) {
        ObjectNode nested = Json.object(entity, expected.label());
        boolean identified = entity.has("id") || entity.has("entity_id") || entity.has("email")
                || entity.has("sku") || entity.has("increment_id");
        return nested != null && !identified ? nested : entity;
    }

    private static InvalidPayloadException unknownShape(ObjectNode root, EntityType expected) {
        String type = expected.label();
        String hint = root.has("items") && root.has("search_criteria")
                ? "this looks like a REST search result; send one " + type + " per request. " : "";
        return new InvalidPayloadException("unrecognised " + type + " payload. " + hint + "Expected one of: "
                + "(1) an Adobe I/O Events CloudEvent {\"specversion\", \"type\": \"com.adobe.commerce.observer.…\", "
                + "\"data\": {\"value\": {…}}}; "
                + "(2) an Adobe Commerce webhook {\"eventName\": \"observer.…\", \"data\": {\"" + type + "\": {…}}}; "
                + "(3) a Mageplaza Webhook body with \"event\" (" + mageplazaEvents(expected) + "); "
                + "(4) a Magento REST " + type + " (" + expected.restShape() + ")");
    }

    /** The hooks that save the type ("new_customer or update_customer"). */
    private static String mageplazaEvents(EntityType type) {
        return type.mageplazaHooks().stream().filter(h -> h.action() != EventAction.DELETED)
                .map(EntityType.EventName::name).collect(java.util.stream.Collectors.joining(" or "));
    }
}
