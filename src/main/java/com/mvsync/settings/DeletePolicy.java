package com.mvsync.settings;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** What a customer or product deleted in Magento does to the Vtiger records of one type linked to it. */
public enum DeletePolicy {
    /** Nothing: the records stay as they are. */
    IGNORE,
    /** The "Deleted …" mapping rows are written (a Product inactive, a note on a Lead, Organization or Contact). */
    MARK,
    /** The records are deleted in Vtiger (its recycle bin); a shared company Organization is marked instead. */
    DELETE;

    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<DeletePolicy> parse(String text) {
        return Arrays.stream(values()).filter(v -> v.wire().equals(text) || v.name().equals(text)).findFirst();
    }

    static List<String> wireNames() {
        return Arrays.stream(values()).map(DeletePolicy::wire).toList();
    }
}
