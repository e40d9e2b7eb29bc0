package com.mvsync.settings;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Whose values stand when the sync finds an existing Vtiger record by lookup and links it for the first time. */
public enum FirstLink {
    /** The mapped fields whose values differ are revised to Magento's, with a note (default). */
    MAGENTO_WINS,
    /** Vtiger's values are kept; later Magento edits send only what changed since the link. */
    VTIGER_WINS;

    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static Optional<FirstLink> parse(String text) {
        return Arrays.stream(values()).filter(v -> v.wire().equals(text) || v.name().equals(text)).findFirst();
    }

    static List<String> wireNames() {
        return Arrays.stream(values()).map(FirstLink::wire).toList();
    }
}
