package com.mvsync.mapping;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Which value a two-way row keeps when both systems changed the field since the last sync. The losing value is
 * never dropped silently: it goes to the sync log with the winning one.
 */
public enum ConflictRule {
    /**
     * The change made later wins, by each system's own timestamp (Magento's {@code updated_at}, Vtiger's
     * {@code modifiedtime}, both to the second); a tie goes to Magento, the store being the system of record.
     */
    NEWEST_WINS("newest-wins"),
    MAGENTO_WINS("magento-wins"),
    VTIGER_WINS("vtiger-wins");

    private final String wire;

    ConflictRule(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    public static Optional<ConflictRule> parse(String text) {
        String t = text == null ? "" : text.strip().toLowerCase(Locale.ROOT).replace('_', '-').replace(' ', '-');
        return Arrays.stream(values()).filter(r -> r.wire.equals(t)).findFirst();
    }

    public static String choices() {
        return Arrays.stream(values()).map(ConflictRule::wire).collect(Collectors.joining(", "));
    }
}
