package com.mvsync.mapping;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * When a mapping row's value is written to a record that exists already (a record made by the sync is always written
 * in full on create).
 */
public enum WriteRule {
    /** Every change in Magento is written. */
    ALWAYS("always"),
    /** Only into a field Vtiger holds empty: what a person (or an earlier customer) entered is kept. */
    WHEN_EMPTY("when-empty"),
    /**
     * {@link #WHEN_EMPTY} on an Organization that is shared by the members of a company, {@link #ALWAYS} on a personal
     * one: without it each member's registration would rewrite the company's e-mail with their own.
     */
    WHEN_EMPTY_IF_SHARED("when-empty-if-shared"),
    /** Only when the sync creates the record. */
    ON_CREATE("on-create");

    private final String wire;

    WriteRule(String wire) {
        this.wire = wire;
    }

    /** The rule as the admin API and the console name it. */
    public String wire() {
        return wire;
    }

    /** The rule on a record that is (or is not) shared by several Magento entities. */
    public WriteRule on(boolean sharedRecord) {
        return this == WHEN_EMPTY_IF_SHARED ? (sharedRecord ? WHEN_EMPTY : ALWAYS) : this;
    }

    public static Optional<WriteRule> parse(String text) {
        String t = text == null ? "" : text.strip().toLowerCase(Locale.ROOT).replace('_', '-').replace(' ', '-');
        return Arrays.stream(values()).filter(r -> r.wire.equals(t)).findFirst();
    }

    public static String choices() {
        return Arrays.stream(values()).map(WriteRule::wire).collect(Collectors.joining(", "));
    }

    /**
     * The rule of a row that does not name one: {@link #WHEN_EMPTY_IF_SHARED} for an Organization's fields taken from
     * the member (all but its name), {@link #ALWAYS} elsewhere.
     */
    public static WriteRule defaultFor(RecordType type, String vtigerField) {
        return type == RecordType.ORGANIZATION && !"accountname".equals(vtigerField) ? WHEN_EMPTY_IF_SHARED : ALWAYS;
    }
}
