package com.mvsync.sync;

import com.fasterxml.jackson.databind.JsonNode;
import com.mvsync.vtiger.Alteration;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Compares what was sent with Vtiger's answer to create or revise, which is the record as stored: a difference the
 * sync did not make itself (a column narrower than stock, a picklist Vtiger changed) becomes a note, at no extra call.
 * Vtiger's own formatting is not a difference: decimals come back with 8 places, checkboxes as 0/1.
 */
final class WriteCheck {

    /** Fields whose answer is Vtiger's own (owner, ids), not a stored copy of what was sent. */
    private static final Set<String> NOT_COMPARED = Set.of("id", "assigned_user_id", "LineItems");
    private static final Set<String> TRUE = Set.of("1", "on", "true", "yes");
    private static final Set<String> FALSE = Set.of("0", "off", "false", "no", "");

    private WriteCheck() {
    }

    static List<Alteration> differences(String module, Map<String, String> sent, JsonNode stored) {
        List<Alteration> out = new ArrayList<>();
        sent.forEach((field, value) -> {
            if (NOT_COMPARED.contains(field) || value == null || !stored.has(field)) {
                return;
            }
            String kept = stored.path(field).asText("");
            if (!same(value, kept)) {
                out.add(new Alteration(module, field, Alteration.Kind.CHANGED_BY_VTIGER,
                        value.codePointCount(0, value.length()), kept.codePointCount(0, kept.length()), 0));
            }
        });
        return out;
    }

    /** Whether Vtiger holds {@code sent} as {@code stored}, allowing for its formatting of numbers and checkboxes. */
    static boolean same(String sent, String stored) {
        if (sent.equals(stored) || sent.strip().equals(stored.strip())) {
            return true;
        }
        if (sent.equals("1") || sent.equals("0")) {
            String s = stored.toLowerCase(java.util.Locale.ROOT);
            if (TRUE.contains(s) || FALSE.contains(s)) {
                return sent.equals("1") == TRUE.contains(s);
            }
        }
        BigDecimal a = number(sent);
        BigDecimal b = number(stored);
        return a != null && b != null && a.compareTo(b) == 0;
    }

    private static BigDecimal number(String text) {
        if (text.isEmpty() || text.length() > 40 || !text.matches("-?[0-9]*\\.?[0-9]+")) {
            return null;
        }
        return new BigDecimal(text);
    }
}
