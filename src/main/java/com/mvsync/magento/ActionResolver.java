package com.mvsync.magento;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Decides CREATED / UPDATED / UNKNOWN, strongest evidence first. */
final class ActionResolver {

    private ActionResolver() {
    }

    /**
     * 1. {@code _isNew} (I/O Events original-data support) when present;
     * 2. the event name when it decides (Mageplaza new_* / update_*, customer_register_success, order place);
     * 3. REST bodies carry no event: UNKNOWN;
     * 4. otherwise the starter kit's rule: created_at == updated_at means created.
     */
    static EventAction resolve(Unwrapped unwrapped, JsonNode isNew, ObjectNode entity) {
        if (unwrapped.actionHint() == EventAction.DELETED) {
            return EventAction.DELETED; // a deleted entity's _isNew or timestamps say nothing about the event
        }
        if (isNew != null && !isNew.isNull()) {
            if (isNew.isBoolean() || isNew.isNumber()) {
                return isNew.asBoolean() || isNew.asInt() == 1 ? EventAction.CREATED : EventAction.UPDATED;
            }
            String text = isNew.asText().trim();
            if (text.equals("1") || text.equalsIgnoreCase("true")) {
                return EventAction.CREATED;
            }
            if (text.equals("0") || text.equalsIgnoreCase("false") || text.isEmpty()) {
                return EventAction.UPDATED;
            }
        }
        if (unwrapped.actionHint() != EventAction.UNKNOWN) {
            return unwrapped.actionHint();
        }
        if (unwrapped.kind() == EnvelopeKind.REST) {
            return EventAction.UNKNOWN;
        }
        String created = Json.scalarText(entity, "created_at");
        String updated = Json.scalarText(entity, "updated_at");
        if (created == null || updated == null) {
            return EventAction.UNKNOWN;
        }
        return created.equals(updated) ? EventAction.CREATED : EventAction.UPDATED;
    }
}
