package com.mvsync.mapping;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Which way a mapping row copies its value. Every row read before directions existed is {@link #TO_VTIGER}: the
 * product was one-way, and a row an admin never touched must not start writing into the store.
 */
public enum Direction {
    /** Magento's value is written to Vtiger (the only direction before two-way sync). */
    TO_VTIGER("magento-to-vtiger"),
    /** Vtiger's value is written back to Magento; the Magento → Vtiger sync leaves the field alone. */
    TO_MAGENTO("vtiger-to-magento"),
    /** Both ways: a change on either side is copied to the other; when both changed, the row's conflict rule decides. */
    BOTH("both");

    private final String wire;

    Direction(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    /** Whether the Magento → Vtiger sync writes this row. */
    public boolean toVtiger() {
        return this != TO_MAGENTO;
    }

    /** Whether a change in Vtiger is written back to Magento through this row. */
    public boolean toMagento() {
        return this != TO_VTIGER;
    }

    /** Accepts the wire name, the enum name, and arrows ("vtiger→magento", "magento -> vtiger"). */
    public static Optional<Direction> parse(String text) {
        String t = text == null ? "" : text.strip().toLowerCase(Locale.ROOT).replace("→", "-to-")
                .replace("->", "-to-").replace('_', '-').replace(' ', '-').replaceAll("-+", "-");
        return Arrays.stream(values()).filter(d -> d.wire.equals(t) || d.name().toLowerCase(Locale.ROOT)
                .replace('_', '-').equals(t)).findFirst();
    }

    public static String choices() {
        return Arrays.stream(values()).map(Direction::wire).collect(Collectors.joining(", "));
    }
}
