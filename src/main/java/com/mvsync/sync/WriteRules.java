package com.mvsync.sync;

import com.fasterxml.jackson.databind.JsonNode;
import com.mvsync.mapping.WriteRule;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The write rules of the fields a write would change on a record that exists already: which keep Vtiger's value.
 * {@code on-create} keeps it always; {@code when-empty} when Vtiger's field holds something (the record is read, once,
 * only when such a field would change).
 */
final class WriteRules {

    private WriteRules() {
    }

    /** The fields whose Vtiger value is kept, with the rule that kept it. */
    record Kept(Map<String, WriteRule> fields) {

        /** "Accounts 3x12: Vtiger's value kept for email1, phone (write rule when-empty)". */
        Optional<String> note(String module, String id) {
            if (fields.isEmpty()) {
                return Optional.empty();
            }
            Map<WriteRule, String> byRule = fields.entrySet().stream().collect(Collectors.groupingBy(Map.Entry::getValue,
                    LinkedHashMap::new, Collectors.mapping(Map.Entry::getKey, Collectors.joining(", "))));
            return Optional.of(module + " " + id + ": Vtiger's value kept for " + byRule.entrySet().stream()
                    .map(e -> e.getValue() + " (write rule " + e.getKey().wire() + ")")
                    .collect(Collectors.joining(", ")));
        }
    }

    static Kept kept(Map<String, String> changing, Fields rules, Supplier<JsonNode> current) {
        Map<String, WriteRule> kept = new LinkedHashMap<>();
        JsonNode record = null;
        for (String field : changing.keySet()) {
            WriteRule rule = rules.writeRule(field);
            if (rule == WriteRule.ON_CREATE) {
                kept.put(field, rule);
            } else if (rule == WriteRule.WHEN_EMPTY) {
                if (record == null) {
                    record = current.get();
                }
                if (!record.path(field).asText("").isBlank()) {
                    kept.put(field, rule);
                }
            }
        }
        return new Kept(kept);
    }
}
