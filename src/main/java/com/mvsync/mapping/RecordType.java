package com.mvsync.mapping;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The kinds of Vtiger record a mapping row can target, with the Vtiger module each is written to. */
public enum RecordType {
    LEAD("Leads", "Lead"),
    ORGANIZATION("Accounts", "Organization"),
    CONTACT("Contacts", "Contact"),
    PRODUCT("Products", "Product"),
    SALES_ORDER("SalesOrder", "Sales Order"),
    INVOICE("Invoice", "Invoice"),
    LINE_ITEM("LineItem", "Line Item");

    private final String module;
    private final String label;

    RecordType(String module, String label) {
        this.module = module;
        this.label = label;
    }

    public String module() {
        return module;
    }

    public String label() {
        return label;
    }

    /** Accepts the enum name, the label ("Sales Order") or the Vtiger module ("SalesOrder"), case-insensitively. */
    public static Optional<RecordType> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String t = text.trim().toLowerCase(Locale.ROOT).replace(' ', '_');
        return Arrays.stream(values()).filter(r -> r.name().toLowerCase(Locale.ROOT).equals(t)
                || r.label.toLowerCase(Locale.ROOT).replace(' ', '_').equals(t)
                || r.module.toLowerCase(Locale.ROOT).equals(t)).findFirst();
    }
}
