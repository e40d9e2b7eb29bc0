package com.mvsync.mapping;

import static com.mvsync.mapping.MappingRow.of;
import static com.mvsync.mapping.RecordType.CONTACT;
import static com.mvsync.mapping.RecordType.CREDITED_INVOICE;
import static com.mvsync.mapping.RecordType.CREDIT_MEMO;
import static com.mvsync.mapping.RecordType.DELETED_CONTACT;
import static com.mvsync.mapping.RecordType.DELETED_LEAD;
import static com.mvsync.mapping.RecordType.DELETED_ORGANIZATION;
import static com.mvsync.mapping.RecordType.DELETED_PRODUCT;
import static com.mvsync.mapping.RecordType.INVOICE;
import static com.mvsync.mapping.RecordType.LEAD;
import static com.mvsync.mapping.RecordType.LINE_ITEM;
import static com.mvsync.mapping.RecordType.ORGANIZATION;
import static com.mvsync.mapping.RecordType.PRODUCT;
import static com.mvsync.mapping.RecordType.SALES_ORDER;
import static com.mvsync.mapping.RecordType.SHIPMENT;

import java.util.List;
import java.util.Map;

/**
 * Built-in mapping rows: a useful sync with nothing configured. A configured row for the same type and Vtiger field
 * replaces the default one. Paths are in the syntax of {@link PathExpression}, over the Magento REST shapes.
 */
public final class DefaultMappings {

    private static final String FULL_NAME = "firstname + ' ' + lastname";
    private static final String DELETED_CUSTOMER = "'Magento customer #' + id + ' (' + email + ') was deleted in Magento'";
    private static final String DELETED_NOTE = "A line added when the customer is deleted in Magento";

    private static final Map<RecordType, List<MappingRow>> DEFAULTS = Map.ofEntries(Map.entry(
            LEAD, List.of(
                    of(LEAD, "firstname", "firstname", "First name"),
                    of(LEAD, "lastname", "lastname", "Last name (mandatory in Vtiger)"),
                    of(LEAD, "email", "email", "Email; also how an existing Lead is recognised"),
                    of(LEAD, "phone", "default_billing.telephone", "Phone of the default billing address"),
                    of(LEAD, "company", "default_billing.company", "Company of the default billing address"),
                    of(LEAD, "lane", "default_billing.street", "Street"),
                    of(LEAD, "city", "default_billing.city", "City"),
                    of(LEAD, "state", "default_billing.region.region ?? default_billing.region", "Region"),
                    of(LEAD, "code", "default_billing.postcode", "Postal code"),
                    of(LEAD, "country", "default_billing.country_id", "Country (ISO code)"),
                    of(LEAD, "leadsource", "'Web Site'", "Lead source"),
                    of(LEAD, "description", "'Magento customer #' + id", "Where the Lead came from"))), Map.entry(
            ORGANIZATION, List.of(
                    of(ORGANIZATION, "accountname", "default_billing.company ?? " + FULL_NAME,
                            "Company of the default billing address, else the customer's full name"),
                    of(ORGANIZATION, "email1", "email", "Email"),
                    of(ORGANIZATION, "phone", "default_billing.telephone", "Phone"),
                    of(ORGANIZATION, "bill_street", "default_billing.street", "Billing street"),
                    of(ORGANIZATION, "bill_city", "default_billing.city", "Billing city"),
                    of(ORGANIZATION, "bill_state", "default_billing.region.region ?? default_billing.region", "Billing region"),
                    of(ORGANIZATION, "bill_code", "default_billing.postcode", "Billing postal code"),
                    of(ORGANIZATION, "bill_country", "default_billing.country_id", "Billing country"),
                    of(ORGANIZATION, "ship_street", "default_shipping.street", "Shipping street"),
                    of(ORGANIZATION, "ship_city", "default_shipping.city", "Shipping city"),
                    of(ORGANIZATION, "ship_state", "default_shipping.region.region ?? default_shipping.region", "Shipping region"),
                    of(ORGANIZATION, "ship_code", "default_shipping.postcode", "Shipping postal code"),
                    of(ORGANIZATION, "ship_country", "default_shipping.country_id", "Shipping country"))), Map.entry(
            CONTACT, List.of(
                    of(CONTACT, "firstname", "firstname", "First name"),
                    of(CONTACT, "lastname", "lastname", "Last name (mandatory in Vtiger)"),
                    of(CONTACT, "email", "email", "Email; also how an existing Contact is recognised"),
                    of(CONTACT, "phone", "default_billing.telephone", "Phone of the default billing address"),
                    of(CONTACT, "birthday", "dob", "Date of birth"),
                    of(CONTACT, "mailingstreet", "default_billing.street", "Mailing street (billing address)"),
                    of(CONTACT, "mailingcity", "default_billing.city", "Mailing city"),
                    of(CONTACT, "mailingstate", "default_billing.region.region ?? default_billing.region", "Mailing region"),
                    of(CONTACT, "mailingzip", "default_billing.postcode", "Mailing postal code"),
                    of(CONTACT, "mailingcountry", "default_billing.country_id", "Mailing country"),
                    of(CONTACT, "otherstreet", "default_shipping.street", "Other street (shipping address)"),
                    of(CONTACT, "othercity", "default_shipping.city", "Other city"),
                    of(CONTACT, "otherstate", "default_shipping.region.region ?? default_shipping.region", "Other region"),
                    of(CONTACT, "otherzip", "default_shipping.postcode", "Other postal code"),
                    of(CONTACT, "othercountry", "default_shipping.country_id", "Other country"),
                    of(CONTACT, "leadsource", "'Web Site'", "Lead source"),
                    of(CONTACT, "description", "'Magento customer #' + id", "Where the Contact came from"))), Map.entry(
            // No weight row: Vtiger's Products module has no weight field (describe of 8.2.0).
            PRODUCT, List.of(
                    of(PRODUCT, "productname", "name ?? sku", "Product name (mandatory in Vtiger)"),
                    of(PRODUCT, "productcode", "sku", "SKU; also how an existing Product is recognised"),
                    of(PRODUCT, "unit_price", "price", "Price"),
                    of(PRODUCT, "qtyinstock", "extension_attributes.stock_item.qty", "Quantity in stock"),
                    of(PRODUCT, "description", "custom_attributes.description", "Description (Magento's HTML as text)"))), Map.entry(
            SALES_ORDER, List.of(
                    of(SALES_ORDER, "subject", "'Magento order #' + increment_id", "Subject (mandatory)"),
                    of(SALES_ORDER, "invoicestatus", "'AutoCreated'", "Invoice status (mandatory in Vtiger)"),
                    of(SALES_ORDER, "customerno", "customer_id", "Magento customer id"),
                    of(SALES_ORDER, "bill_street", "default_billing.street", "Billing street (mandatory)"),
                    of(SALES_ORDER, "bill_city", "default_billing.city", "Billing city"),
                    of(SALES_ORDER, "bill_state", "default_billing.region.region ?? default_billing.region", "Billing region"),
                    of(SALES_ORDER, "bill_code", "default_billing.postcode", "Billing postal code"),
                    of(SALES_ORDER, "bill_country", "default_billing.country_id", "Billing country"),
                    of(SALES_ORDER, "ship_street", "default_shipping.street ?? default_billing.street",
                            "Shipping street (mandatory; virtual orders have no shipping address)"),
                    of(SALES_ORDER, "ship_city", "default_shipping.city", "Shipping city"),
                    of(SALES_ORDER, "ship_state", "default_shipping.region.region ?? default_shipping.region", "Shipping region"),
                    of(SALES_ORDER, "ship_code", "default_shipping.postcode", "Shipping postal code"),
                    of(SALES_ORDER, "ship_country", "default_shipping.country_id", "Shipping country"),
                    of(SALES_ORDER, "carrier", "shipping_description", "Shipping method"),
                    of(SALES_ORDER, "description", "'Magento order ' + increment_id + ' placed ' + created_at",
                            "Where the order came from"))), Map.entry(
            // No customerno row: a Magento invoice has no customer_id (its order has), so the row never filled
            // anything and would make every invoice look partial (see FieldMapper#missingFields).
            INVOICE, List.of(
                    of(INVOICE, "subject", "'Magento invoice #' + increment_id", "Subject (mandatory)"),
                    of(INVOICE, "description", "'Magento invoice ' + increment_id + ' of order ' + order_id",
                            "Where the invoice came from"))), Map.entry(
            LINE_ITEM, List.of(
                    of(LINE_ITEM, "quantity", "qty_ordered ?? qty", "Quantity (ordered, or invoiced on an invoice)"),
                    of(LINE_ITEM, "listprice", "price", "Unit price"),
                    of(LINE_ITEM, "discount_amount", "discount_amount", "Line discount"),
                    of(LINE_ITEM, "comment", "name", "Product name as ordered"))),
            // A credit memo revises the Sales Order its order made: each row but sostatus adds its value as a new
            // line to what the field holds (so every refund stays on record); sostatus is set once the order is
            // refunded in full. Vtiger's stock SalesOrder has no refund field, hence the description.
            Map.entry(CREDIT_MEMO, List.of(
                    of(CREDIT_MEMO, "description", "'Refund ' + grand_total + ' ' + order_currency_code + ' on '"
                            + " + created_at + ' (credit memo ' + increment_id + ')'",
                            "A line added per refund"),
                    of(CREDIT_MEMO, "sostatus", "'Cancelled'", "Sales Order status once the order is refunded in full"))),
            Map.entry(CREDITED_INVOICE, List.of(
                    of(CREDITED_INVOICE, "invoicestatus", "'Credit Invoice'",
                            "Status of the invoice a credit memo refunds (a stock Vtiger picklist value)"))),
            // A shipment revises its order's Sales Order like a credit memo: description gets a line per shipment;
            // carrier (a picklist: FedEx, UPS, USPS, DHL, BlueDart in a stock 8.2.0) is set when the carrier is one
            // of its values (a custom carrier is noted and left out); sostatus once everything ordered has shipped.
            // Vtiger's stock SalesOrder has no tracking number field, hence the description.
            Map.entry(SHIPMENT, List.of(
                    of(SHIPMENT, "carrier", "tracks[0].carrier_code", "Carrier of the first tracking number"),
                    of(SHIPMENT, "description", "'Shipment ' + increment_id + ' on ' + created_at + ', tracking '"
                            + " + tracks[].track_number", "A line added per shipment, with its tracking numbers"),
                    of(SHIPMENT, "sostatus", "'Delivered'", "Sales Order status once everything ordered has shipped"))),
            // Delete policy "mark": a text field (description) gets the value as a new line, others are set.
            Map.entry(DELETED_LEAD, List.of(of(DELETED_LEAD, "description", DELETED_CUSTOMER, DELETED_NOTE))),
            Map.entry(DELETED_ORGANIZATION, List.of(
                    of(DELETED_ORGANIZATION, "description", DELETED_CUSTOMER, DELETED_NOTE))),
            Map.entry(DELETED_CONTACT, List.of(of(DELETED_CONTACT, "description", DELETED_CUSTOMER, DELETED_NOTE))),
            Map.entry(DELETED_PRODUCT, List.of(of(DELETED_PRODUCT, "discontinued", "'0'",
                    "Product Active unticked: the product was deleted in Magento"))));

    private DefaultMappings() {
    }

    public static List<MappingRow> rowsFor(RecordType type) {
        return DEFAULTS.getOrDefault(type, List.of());
    }
}
