package com.mvsync.sync;

import com.mvsync.text.Text;
import com.mvsync.vtiger.ModuleDescription;
import com.mvsync.vtiger.VtigerClient;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Every picklist value the sync writes, checked against the values describe lists (cached by {@link VtigerClient}).
 * Vtiger 8.2.0 stores any text in a picklist field without a word ({@code 05_create_Contacts_unknown_picklist_value}),
 * which then shows on the record but is missing from the field's list and filters. So a value is written in Vtiger's
 * own form when it names one of the values (case, spaces and punctuation aside, or by a known alias: Magento's carrier
 * codes and titles), else it is left out with a note, unless its mapping row says free text.
 */
@ApplicationScoped
public class PicklistValues {

    /** The separator of a multi-select picklist's values in the webservice. */
    private static final String MULTI = " |##| ";

    /**
     * Names Magento gives a value Vtiger's stock picklist has under another name, by field (keys and values
     * {@link #key normalised}): the carrier titles of Magento's shipping methods (their codes ups, usps, fedex, dhl
     * match the stock carrier values already).
     */
    private static final Map<String, Map<String, String>> ALIASES = Map.of("carrier", Map.of(
            "unitedparcelservice", "ups", "federalexpress", "fedex", "unitedstatespostalservice", "usps",
            "dhlexpress", "dhl"));

    private final VtigerClient vtiger;

    public PicklistValues(VtigerClient vtiger) {
        this.vtiger = vtiger;
    }

    /** The fields with each picklist value in Vtiger's form, or left out; and a note for each. */
    public record Checked(Fields fields, List<String> notes) {
    }

    public Checked check(String module, Fields fields) {
        Map<String, ModuleDescription.Field> described = picklists(module, fields.all());
        if (described.isEmpty()) {
            return new Checked(fields, List.of());
        }
        Fields out = fields;
        List<String> notes = new ArrayList<>();
        for (ModuleDescription.Field field : described.values()) {
            String value = fields.all().get(field.name());
            Optional<String> stored = stored(field, value);
            if (stored.isPresent() && stored.get().equals(value)) {
                continue;
            }
            if (stored.isPresent()) {
                out = replaced(out, field.name(), stored.get());
                notes.add(field.name() + " " + value + " written as Vtiger's picklist value " + stored.get());
            } else if (!fields.freeText(field.name())) {
                out = out.without(field.name());
                notes.add(field.name() + " " + Text.abbreviate(value) + " is none of Vtiger's " + field.name()
                        + " picklist values (" + String.join(", ", field.picklistValues()) + "): " + module + "."
                        + field.name() + " left as it is; add the value to the picklist in Vtiger, or mark the"
                        + " mapping row free text to write it as it is");
            }
        }
        return new Checked(out, notes);
    }

    /** Header fields of an inventory record (Sales Order, Invoice): the same check, on a create's element. */
    public List<String> checkElement(String module, Map<String, Object> element, Map<String, String> header,
            Fields rows) {
        Map<String, String> values = new LinkedHashMap<>();
        element.forEach((field, value) -> {
            if (value instanceof String s) {
                values.put(field, s);
            }
        });
        Checked checked = check(module, new Fields(values, values, rows.rows(), rows.shared()));
        values.keySet().forEach(field -> {
            String after = checked.fields().all().get(field);
            if (after == null) {
                element.remove(field);
                header.remove(field);
            } else {
                element.put(field, after);
                header.computeIfPresent(field, (f, v) -> after);
            }
        });
        return checked.notes();
    }

    /** The picklist fields among those written, as described; no describe call when nothing is written. */
    private Map<String, ModuleDescription.Field> picklists(String module, Map<String, String> values) {
        Map<String, ModuleDescription.Field> out = new LinkedHashMap<>();
        if (values.values().stream().allMatch(v -> v == null || v.isEmpty())) {
            return out;
        }
        ModuleDescription described = vtiger.describe(module);
        values.forEach((field, value) -> {
            ModuleDescription.Field f = described.fields().get(field);
            if (f != null && f.isPicklist() && !f.picklistValues().isEmpty() && value != null && !value.isEmpty()) {
                out.put(field, f);
            }
        });
        return out;
    }

    /** The value as the picklist holds it, if it names one of its values (each of a multi-select's). */
    static Optional<String> stored(ModuleDescription.Field field, String value) {
        if (field.type().equals("multipicklist")) {
            List<String> parts = new ArrayList<>();
            for (String part : value.split(java.util.regex.Pattern.quote(MULTI.strip()))) {
                Optional<String> one = one(field, part.strip());
                if (one.isEmpty()) {
                    return Optional.empty();
                }
                parts.add(one.get());
            }
            return Optional.of(String.join(MULTI, parts));
        }
        return one(field, value);
    }

    private static Optional<String> one(ModuleDescription.Field field, String value) {
        for (String candidate : candidates(value)) {
            String key = key(candidate);
            String wanted = ALIASES.getOrDefault(field.name(), Map.of()).getOrDefault(key, key);
            for (String allowed : field.picklistValues()) {
                if (allowed.equals(candidate) || (!wanted.isEmpty() && key(allowed).equals(wanted))) {
                    return Optional.of(allowed);
                }
            }
        }
        return Optional.empty();
    }

    /** The value, and its part before " - ": Magento's shipping description is "carrier title - method title". */
    private static List<String> candidates(String value) {
        int dash = value.indexOf(" - ");
        return dash > 0 ? List.of(value, value.substring(0, dash)) : List.of(value);
    }

    /** Lower case, letters and digits only: "Fed Ex" and "fedex" name the same value. */
    private static String key(String value) {
        return value.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]", "");
    }

    private static Fields replaced(Fields fields, String field, String value) {
        Map<String, String> all = new LinkedHashMap<>(fields.all());
        Map<String, String> determined = new LinkedHashMap<>(fields.determined());
        all.put(field, value);
        determined.computeIfPresent(field, (f, v) -> value);
        return new Fields(all, determined, fields.rows(), fields.shared(), fields.notes(), fields.magentoChangedAt());
    }
}
