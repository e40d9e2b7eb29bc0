package com.mvsync.mapping;

import static com.mvsync.text.Text.abbreviate;

import java.util.List;
import java.util.Map;

/**
 * The Magento paths a Vtiger → Magento row may write, per record type: plain fields the REST API takes back in a
 * {@code PUT} of the entity (customers {@code PUT /V1/customers/{id}}, products {@code PUT /V1/products/{sku}} and
 * the stock item), and an order's status, which is written as a status-history comment ({@code POST
 * /V1/orders/{id}/comments}: the order's status cannot be set by a {@code PUT}). Expressions (constants,
 * concatenations, {@code ??}) read several fields and cannot be inverted, so they are refused for that direction.
 */
public final class MagentoWritablePaths {

    private static final Map<RecordType, List<String>> WRITABLE = Map.of(
            RecordType.CONTACT, List.of("firstname", "lastname", "email", "default_billing.telephone",
                    "default_billing.street", "default_billing.city", "default_billing.postcode",
                    "default_shipping.telephone", "default_shipping.street", "default_shipping.city",
                    "default_shipping.postcode"),
            // A personal Organization's: the customer's company and default addresses (AccountWriteBack).
            RecordType.ORGANIZATION, List.of("default_billing.company", "default_billing.telephone",
                    "default_billing.street", "default_billing.city", "default_billing.postcode",
                    "default_shipping.company", "default_shipping.telephone", "default_shipping.street",
                    "default_shipping.city", "default_shipping.postcode"),
            RecordType.PRODUCT, List.of("name", "price", "status", "extension_attributes.stock_item.qty"),
            RecordType.SALES_ORDER, List.of("status"));

    private MagentoWritablePaths() {
    }

    /** The paths a row of this type may write to Magento, in the order the console offers them; none for others. */
    public static List<String> of(RecordType type) {
        return WRITABLE.getOrDefault(type, List.of());
    }

    public static boolean writable(RecordType type, String path) {
        return path != null && of(type).contains(path.strip());
    }

    /**
     * Refuses a row that would write {@code path} to Magento when Magento cannot take it back, naming the path and
     * what could be written instead.
     */
    static void check(RecordType type, String path) {
        if (writable(type, path)) {
            return;
        }
        List<String> paths = of(type);
        throw new InvalidMappingException(paths.isEmpty()
                ? type.label() + " rows cannot flow from Vtiger to Magento (two-way sync writes back Contact,"
                        + " Organization, Product and Sales Order rows); use direction " + Direction.TO_VTIGER.wire()
                : "'" + abbreviate(path) + "' cannot be written to Magento: a "
                        + Direction.TO_MAGENTO.wire() + " or " + Direction.BOTH.wire() + " row of " + type.label()
                        + " needs one of the writable Magento paths " + String.join(", ", paths));
    }
}
