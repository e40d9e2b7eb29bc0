package com.mvsync.store;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What one sync wrote to Vtiger, for its sync log entry: the name of each record it has (module to "Maria Keller",
 * "Keller Design LLC") and, per module, the fields whose value changed. Worked out from the entity's link before and
 * after the sync ({@link EntityLink#lastWritten}), so it costs no Vtiger call; "before" is what this product wrote
 * last (null on the first write), not what Vtiger holds: an edit made in Vtiger since is not seen.
 *
 * @param recordNames module to the record's name, for the modules whose name the sync wrote
 * @param changes     fields written with a new value, module by module
 */
@RegisterForReflection
public record Written(Map<String, String> recordNames, List<Change> changes) {

    /** Nothing written (a failure, a skip). */
    public static final Written NONE = new Written(Map.of(), List.of());

    /** The most of a value a log entry keeps, so its item stays far below DynamoDB's 400 KB. */
    static final int VALUE_MAX = 500;

    /** One field written: its value before (null: never written by the sync) and after. */
    @RegisterForReflection
    public record Change(String module, String field, String before, String after, boolean cut) {
    }

    public Written {
        recordNames = recordNames == null ? Map.of() : Map.copyOf(recordNames);
        changes = changes == null ? List.of() : List.copyOf(changes);
    }

    /**
     * The changes from the link {@code before} a sync to the one {@code after} it, fields in name order per module;
     * values longer than {@link #VALUE_MAX} are cut (the change says so).
     */
    public static List<Change> changes(EntityLink before, EntityLink after) {
        List<Change> out = new ArrayList<>();
        new TreeMap<>(after.lastWritten()).forEach((module, fields) -> {
            if (module.equals(EntityLink.HELD_ALONE)) {
                return; // bookkeeping of two-way sync, no value written anywhere
            }
            Map<String, String> old = before.lastWrittenTo(module);
            new TreeMap<>(fields).forEach((field, value) -> {
                String was = old.get(field);
                if (!Objects.equals(was, value)) {
                    out.add(new Change(module, field, cut(was), cut(value),
                            longer(was) || longer(value)));
                }
            });
        });
        return out;
    }

    private static boolean longer(String value) {
        return value != null && value.length() > VALUE_MAX;
    }

    private static String cut(String value) {
        return longer(value) ? value.substring(0, VALUE_MAX) : value;
    }
}
