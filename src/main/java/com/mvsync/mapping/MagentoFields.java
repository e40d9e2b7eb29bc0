package com.mvsync.mapping;

import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The fields Magento's REST API gives each entity (its data interfaces: CustomerInterface, AddressInterface,
 * ProductInterface, OrderInterface, OrderItemInterface, InvoiceInterface, CreditmemoInterface, ShipmentInterface and
 * their items), so a mapping path naming a field no such entity has is refused when it is saved rather than left
 * empty on every sync. Only the first name of a path is checked, and the second below an address; what lies below
 * {@code custom_attributes} and {@code extension_attributes} is the store's own and always allowed.
 */
final class MagentoFields {

    /** Open everywhere: a store's attributes and its extensions' additions. */
    private static final Set<String> OPEN = Set.of("custom_attributes", "extension_attributes");
    /** Address roots; {@code default_billing}/{@code default_shipping} are the sync's own for orders too. */
    private static final Set<String> ADDRESS_ROOTS = Set.of("default_billing", "default_shipping", "billing_address",
            "addresses");
    private static final Set<String> ADDRESS = words("""
            id customer_id region region_id region_code country_id street company telephone fax postcode city
            firstname lastname middlename prefix suffix vat_id default_shipping default_billing address_type email
            entity_id parent_id customer_address_id quote_address_id vat_is_valid vat_request_date vat_request_id
            vat_request_success""");
    private static final Set<String> TOTALS = words("""
            base_currency_code base_discount_amount base_discount_tax_compensation_amount base_grand_total
            base_shipping_amount base_shipping_incl_tax base_shipping_tax_amount base_subtotal base_subtotal_incl_tax
            base_tax_amount base_to_global_rate base_to_order_rate billing_address_id comments created_at
            discount_amount discount_description discount_tax_compensation_amount email_sent entity_id
            global_currency_code grand_total increment_id items order_currency_code order_id shipping_address_id
            shipping_amount shipping_discount_tax_compensation_amount shipping_incl_tax shipping_tax_amount state
            store_currency_code store_id store_to_base_rate store_to_order_rate subtotal subtotal_incl_tax tax_amount
            total_qty transaction_id updated_at send_email customer_note customer_note_notify""");

    /** The Magento entity a record type's rows read. */
    enum Shape {
        CUSTOMER("a Magento customer", words("""
                id group_id default_billing default_shipping confirmation created_at updated_at created_in dob email
                firstname lastname middlename prefix suffix gender store_id taxvat website_id addresses
                disable_auto_group_change""")),
        PRODUCT("a Magento product", words("""
                id sku name attribute_set_id price status visibility type_id created_at updated_at weight
                product_links options media_gallery_entries tier_prices""")),
        ORDER("a Magento order", union(words("""
                adjustment_negative adjustment_positive applied_rule_ids base_adjustment_negative
                base_adjustment_positive base_discount_canceled base_discount_invoiced base_discount_refunded
                base_shipping_canceled base_shipping_discount_amount base_shipping_discount_tax_compensation_amnt
                base_shipping_invoiced base_shipping_refunded base_shipping_tax_refunded base_subtotal_canceled
                base_subtotal_invoiced base_subtotal_refunded base_tax_canceled base_tax_invoiced base_tax_refunded
                base_total_canceled base_total_due base_total_invoiced base_total_invoiced_cost
                base_total_offline_refunded base_total_online_refunded base_total_paid base_total_qty_ordered
                base_total_refunded base_discount_tax_compensation_invoiced base_discount_tax_compensation_refunded
                billing_address can_ship_partially can_ship_partially_item coupon_code customer_dob customer_email
                customer_firstname customer_gender customer_group_id customer_id customer_is_guest customer_lastname
                customer_middlename customer_prefix customer_suffix customer_taxvat discount_canceled
                discount_invoiced discount_refunded discount_tax_compensation_invoiced
                discount_tax_compensation_refunded edit_increment ext_customer_id ext_order_id
                forced_shipment_with_invoice hold_before_state hold_before_status is_virtual original_increment_id
                payment payment_auth_expiration payment_authorization_amount protect_code quote_address_id quote_id
                relation_child_id relation_child_real_id relation_parent_id relation_parent_real_id remote_ip
                shipping_canceled shipping_description shipping_discount_amount shipping_invoiced shipping_refunded
                shipping_tax_refunded status status_histories store_name subtotal_canceled subtotal_invoiced
                subtotal_refunded tax_canceled tax_invoiced tax_refunded total_canceled total_due total_invoiced
                total_item_count total_offline_refunded total_online_refunded total_paid total_qty_ordered
                total_refunded weight x_forwarded_for"""), TOTALS)),
        INVOICE("a Magento invoice", union(words("""
                base_cost base_total_refunded can_void_flag is_used_for_refund"""), TOTALS)),
        CREDIT_MEMO("a Magento credit memo", union(words("""
                adjustment adjustment_negative adjustment_positive base_adjustment base_adjustment_negative
                base_adjustment_positive creditmemo_status invoice_id"""), TOTALS)),
        SHIPMENT("a Magento shipment", words("""
                billing_address_id comments created_at customer_id email_sent entity_id increment_id items order_id
                packages shipping_address_id shipment_status store_id total_qty total_weight tracks updated_at
                send_email customer_note customer_note_notify""")),
        ITEM("a Magento order or invoice item", words("""
                additional_data amount_refunded applied_rule_ids base_amount_refunded base_cost base_discount_amount
                base_discount_invoiced base_discount_refunded base_discount_tax_compensation_amount
                base_discount_tax_compensation_invoiced base_discount_tax_compensation_refunded base_original_price
                base_price base_price_incl_tax base_row_invoiced base_row_total base_row_total_incl_tax
                base_tax_amount base_tax_before_discount base_tax_invoiced base_tax_refunded
                base_weee_tax_applied_amount created_at description discount_amount discount_invoiced discount_percent
                discount_refunded discount_tax_compensation_amount discount_tax_compensation_canceled
                discount_tax_compensation_invoiced discount_tax_compensation_refunded entity_id ext_order_item_id
                free_shipping is_qty_decimal is_virtual item_id locked_do_invoice locked_do_ship name no_discount
                order_id order_item_id original_price parent_id parent_item parent_item_id price price_incl_tax
                product_id product_option product_type qty qty_backordered qty_canceled qty_invoiced qty_ordered
                qty_refunded qty_returned qty_shipped quote_item_id row_invoiced row_total row_total_incl_tax
                row_weight sku store_id tax_amount tax_before_discount tax_canceled tax_invoiced tax_percent
                tax_refunded updated_at weee_tax_applied weight"""));

        private final String label;
        private final Set<String> fields;

        Shape(String label, Set<String> fields) {
            this.label = label;
            this.fields = fields;
        }

        static Shape of(RecordType type) {
            return switch (type) {
                case LEAD, ORGANIZATION, CONTACT, DELETED_LEAD, DELETED_ORGANIZATION, DELETED_CONTACT -> CUSTOMER;
                case PRODUCT, DELETED_PRODUCT -> PRODUCT;
                case SALES_ORDER -> ORDER;
                case INVOICE -> INVOICE;
                case LINE_ITEM -> ITEM;
                case CREDIT_MEMO, CREDITED_INVOICE -> CREDIT_MEMO;
                case SHIPMENT -> SHIPMENT;
            };
        }
    }

    private MagentoFields() {
    }

    /** Throws when a path of the expression names a field {@code type}'s Magento entity does not have. */
    static void check(RecordType type, PathExpression expression) {
        Shape shape = Shape.of(type);
        if (expression.readsLabels() && shape != Shape.CUSTOMER && shape != Shape.PRODUCT) {
            // Magento describes the options of customer and product attributes; sales documents carry none.
            throw new InvalidMappingException("label() names the options of a customer's or a product's custom"
                    + " attribute; " + shape.label + " has none");
        }
        for (String path : expression.paths()) {
            String[] names = Arrays.stream(path.split("\\.")).map(MagentoFields::name).toArray(String[]::new);
            String root = names[0];
            boolean address = ADDRESS_ROOTS.contains(root) && shape != Shape.PRODUCT && shape != Shape.ITEM;
            if (OPEN.contains(root) || (!address && shape.fields.contains(root))) {
                continue;
            }
            if (!address) {
                throw new InvalidMappingException("'" + root + "' is not a field of " + shape.label + " in Magento's"
                        + " REST API (path '" + path + "'); a custom attribute is written custom_attributes." + root);
            }
            if (names.length > 1 && !OPEN.contains(names[1]) && !ADDRESS.contains(names[1])) {
                throw new InvalidMappingException("'" + names[1] + "' is not a field of a Magento address (path '"
                        + path + "'); an address has " + String.join(", ", ADDRESS.stream().sorted().toList()));
            }
        }
    }

    /** {@code addresses[1]} → {@code addresses}. */
    private static String name(String segment) {
        int bracket = segment.indexOf('[');
        return (bracket < 0 ? segment : segment.substring(0, bracket)).strip();
    }

    private static Set<String> words(String text) {
        return Arrays.stream(text.strip().split("\\s+")).collect(Collectors.toUnmodifiableSet());
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        return Stream.concat(a.stream(), b.stream()).collect(Collectors.toUnmodifiableSet());
    }
}
