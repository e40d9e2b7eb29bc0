package com.mvsync.mapping;

import com.mvsync.vtiger.ModuleDescription;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The Vtiger fields a record cannot be created without, less the ones the sync fills itself (owner, references,
 * line items, currency and tax mode), which therefore need no mapping row.
 */
public final class MandatoryFields {

    /** Mandatory fields as Vtiger 8.2.0's describe reports them, for when no Vtiger connection is configured. */
    private static final Map<RecordType, List<String>> RECORDED = Map.of(
            RecordType.LEAD, List.of("lastname"),
            RecordType.ORGANIZATION, List.of("accountname"),
            RecordType.CONTACT, List.of("lastname"),
            RecordType.PRODUCT, List.of("productname"),
            RecordType.SALES_ORDER, List.of("subject", "invoicestatus", "bill_street", "ship_street"),
            RecordType.INVOICE, List.of("subject"),
            RecordType.LINE_ITEM, List.of("quantity"));

    private static final Set<String> SALES_EXEMPT = Set.of("account_id", "contact_id", "productid", "LineItems",
            "currency_id", "hdnTaxType");

    private MandatoryFields() {
    }

    /** The mandatory fields of a described module that none of the effective rows fills and the sync does not set. */
    public static List<String> unfilled(RecordType type, ModuleDescription described, List<MappingRow> effectiveRows) {
        Set<String> mapped = new java.util.HashSet<>();
        effectiveRows.forEach(r -> mapped.add(r.vtigerField()));
        return of(type, described).stream().filter(f -> !mapped.contains(f)).toList();
    }

    static List<String> of(RecordType type, ModuleDescription described) {
        return described.mandatoryFields().stream().filter(field -> !filledBySync(type, field)).toList();
    }

    static List<String> recorded(RecordType type) {
        return RECORDED.getOrDefault(type, List.of());
    }

    static boolean filledBySync(RecordType type, String field) {
        if (type.revisesOnly()) {
            return true; // never creates: the record's mandatory fields were filled by the type that made it
        }
        return switch (type) {
            // sostatus follows Magento's order status unless a row maps it.
            case SALES_ORDER -> field.equals("assigned_user_id") || SALES_EXEMPT.contains(field)
                    || field.equals("sostatus");
            // An invoice's status follows its state; its addresses are its order's.
            case INVOICE -> field.equals("assigned_user_id") || SALES_EXEMPT.contains(field)
                    || field.equals("salesorder_id") || field.equals("invoicestatus") || field.startsWith("bill_")
                    || field.startsWith("ship_");
            // A line item's product is the Vtiger product the sync made for the order item.
            case LINE_ITEM -> field.equals("assigned_user_id") || field.equals("productid");
            default -> field.equals("assigned_user_id");
        };
    }
}
