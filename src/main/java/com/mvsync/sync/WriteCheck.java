package com.mvsync.sync;

import com.fasterxml.jackson.databind.JsonNode;
import com.mvsync.vtiger.Alteration;
import com.mvsync.vtiger.CurrencyPreferences;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Compares what was sent with Vtiger's answer to create or revise, which is the record as stored: a difference the
 * sync did not make itself (a column narrower than stock, a picklist Vtiger changed) becomes a note, at no extra call.
 * Vtiger's own formatting is not a difference: decimals come back with 8 places, checkboxes as 0/1. A number Vtiger
 * rounded to the sync user's "Number of currency decimals" preference is named as such: the preferences are read
 * (one retrieve of the user, cached) only when a number came back different.
 */
final class WriteCheck {

    /** Fields whose answer is Vtiger's own (owner, ids), not a stored copy of what was sent. */
    private static final Set<String> NOT_COMPARED = Set.of("id", "assigned_user_id", "LineItems");
    private static final Set<String> TRUE = Set.of("1", "on", "true", "yes");
    private static final Set<String> FALSE = Set.of("0", "off", "false", "no", "");

    private WriteCheck() {
    }

    static List<Alteration> differences(String module, Map<String, String> sent, JsonNode stored) {
        return differences(module, sent, stored, Optional::empty);
    }

    static List<Alteration> differences(String module, Map<String, String> sent, JsonNode stored,
            Supplier<Optional<CurrencyPreferences>> preferences) {
        List<Alteration> out = new ArrayList<>();
        List<Optional<CurrencyPreferences>> asked = new ArrayList<>(1);
        sent.forEach((field, value) -> {
            if (NOT_COMPARED.contains(field) || value == null || !stored.has(field)) {
                return;
            }
            String kept = stored.path(field).asText("");
            BigDecimal number = number(value.strip());
            BigDecimal storedNumber = number(kept.strip());
            if (number != null && storedNumber != null && number.compareTo(storedNumber) != 0) {
                if (asked.isEmpty()) {
                    asked.add(preferences.get());
                }
                Optional<CurrencyPreferences> user = asked.get(0).filter(p -> p.rounded(number, storedNumber));
                if (user.isPresent()) {
                    out.add(Alteration.rounded(module, field, value.strip(), CurrencyPreferences.shown(storedNumber),
                            user.get().advice(CurrencyPreferences.decimalsFor(number))));
                    return;
                }
            }
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
