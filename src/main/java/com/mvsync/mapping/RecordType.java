package com.mvsync.mapping;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The kinds of Vtiger record a mapping row can target, with the Vtiger module each is written to. The last ones are
 * not records of their own but what a later event writes to an existing one ({@link #revisesOnly()}): a refund to the
 * order's Sales Order and the invoice it credits.
 */
public enum RecordType {
    LEAD("Leads", "Lead"),
    ORGANIZATION("Accounts", "Organization"),
    CONTACT("Contacts", "Contact"),
    PRODUCT("Products", "Product"),
    SALES_ORDER("SalesOrder", "Sales Order"),
    INVOICE("Invoice", "Invoice"),
    LINE_ITEM("LineItem", "Line Item"),
    /** What a credit memo writes to its order's Sales Order: a refund note, and the status once fully refunded. */
    CREDIT_MEMO("SalesOrder", "Credit Memo"),
    /** What a credit memo writes to the Invoice it refunds. */
    CREDITED_INVOICE("Invoice", "Credited Invoice"),
    /** What a shipment writes to its order's Sales Order: carrier, tracking, and the status once all has shipped. */
    SHIPMENT("SalesOrder", "Shipment"),
    /** What a customer deleted in Magento writes to its Lead, Organization and Contact (delete policy "mark"). */
    DELETED_LEAD("Leads", "Deleted Lead"),
    DELETED_ORGANIZATION("Accounts", "Deleted Organization"),
    DELETED_CONTACT("Contacts", "Deleted Contact"),
    /** What a product deleted in Magento writes to its Product (delete policy "mark"). */
    DELETED_PRODUCT("Products", "Deleted Product");

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

    /**
     * Whether rows of this type only ever revise a record another type made (so no field is mandatory for them), as
     * a refund revises a Sales Order.
     */
    public boolean revisesOnly() {
        return this == CREDIT_MEMO || this == CREDITED_INVOICE || this == SHIPMENT || this == DELETED_LEAD || this == DELETED_ORGANIZATION
                || this == DELETED_CONTACT || this == DELETED_PRODUCT;
    }

    /**
     * The fields a Vtiger module's users know a record by, as webservice names: a person's first and last name, an
     * organisation's or product's name, a sales order's or invoice's subject.
     */
    private static final Map<String, List<String>> NAME_FIELDS = Map.of(
            "Contacts", List.of("firstname", "lastname"),
            "Leads", List.of("firstname", "lastname"),
            "Accounts", List.of("accountname"),
            "Products", List.of("productname"),
            "SalesOrder", List.of("subject"),
            "Invoice", List.of("subject"));

    /**
     * A record's name from the values written to it ({@code module}'s name fields, joined), or empty when none was
     * written.
     */
    public static Optional<String> recordName(String module, Map<String, String> written) {
        String name = NAME_FIELDS.getOrDefault(module, List.of()).stream().map(written::get)
                .filter(v -> v != null && !v.isBlank()).map(String::strip)
                .collect(Collectors.joining(" "));
        return name.isEmpty() ? Optional.empty() : Optional.of(name);
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
