package com.mvsync.magento;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/** Brings one entity type to its Magento REST shape and checks what the sync relies on. */
interface EntityNormalizer {

    /** Rewrites the (private copy of the) entity in place into REST shape. */
    void normalize(ObjectNode entity);

    /** Throws InvalidPayloadException naming the field when the sync cannot work with the entity. */
    void validate(ObjectNode entity);

    /** REST fields the sync usually needs that this payload does not carry (partial subscriptions/templates). */
    List<String> missing(ObjectNode entity);

    /** The Magento entity id as text, or null when the payload has none (e.g. only an increment id). */
    String entityId(ObjectNode entity);
}
