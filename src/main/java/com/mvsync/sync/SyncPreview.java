package com.mvsync.sync;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.mvsync.magento.EntityType;
import com.mvsync.mapping.FieldMapper;
import com.mvsync.mapping.RecordType;
import com.mvsync.settings.RecordPolicy;
import com.mvsync.settings.RecordPolicySource;
import com.mvsync.store.EntityLink;
import com.mvsync.vtiger.Alteration;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a sync of one Magento entity would write to Vtiger, record by record and field by field, built by the sync
 * classes' own field building (mapping rows, fallbacks, derived statuses) without any Vtiger call, and made storable as
 * the writer makes them (cut to the column, 4-byte characters replaced), with the same notes. Ids of records the sync
 * would find or create first (the buyer's Organization, a line's Product) are shown as placeholders.
 */
@ApplicationScoped
public class SyncPreview {

    /** One Vtiger record the sync would write: its module and fields ({@code lines} for inventory line items). */
    public record PreviewRecord(String module, String type, Map<String, String> fields,
            List<Map<String, String>> lines, List<String> notes) {
    }

    static final String LINKED = "(linked by the sync)";

    private final FieldMapper mapper;
    private final ProductSync products;
    private final OrderSync orders;
    private final InvoiceSync invoices;
    private final StorableFields storable;
    private final RecordPolicySource policies;

    public SyncPreview(FieldMapper mapper, ProductSync products, OrderSync orders, InvoiceSync invoices,
            StorableFields storable, RecordPolicySource policies) {
        this.mapper = mapper;
        this.products = products;
        this.orders = orders;
        this.invoices = invoices;
        this.storable = storable;
        this.policies = policies;
    }

    public List<PreviewRecord> preview(EntityType type, JsonNode entity) {
        return switch (type) {
            case CUSTOMER -> customer(entity);
            case PRODUCT -> List.of(record(RecordType.PRODUCT, products.fields(entity), List.of()));
            case ORDER -> List.of(record(RecordType.SALES_ORDER,
                    orders.header(entity, new OrderCustomer.Buyer(LINKED, LINKED)), lines(entity)));
            case INVOICE -> List.of(record(RecordType.INVOICE, invoices.header(entity, new EntityLink(
                    EntityType.INVOICE.key("preview"), Map.of("SalesOrder", LINKED, "Accounts", LINKED), Map.of())),
                    lines(entity)));
            // What a refund adds to its order's Sales Order (sostatus only once refunded in full) and its Invoice.
            case CREDITMEMO -> List.of(record(RecordType.CREDIT_MEMO, Fields.of(mapper, RecordType.CREDIT_MEMO, entity),
                    List.of()), record(RecordType.CREDITED_INVOICE,
                    Fields.of(mapper, RecordType.CREDITED_INVOICE, entity), List.of()));
            case SHIPMENT -> List.of(record(RecordType.SHIPMENT, Fields.of(mapper, RecordType.SHIPMENT, entity),
                    List.of()));
        };
    }

    /** As {@link CustomerSync#sync}: a Lead, an Organization, and a Contact linked to that Organization. */
    private List<PreviewRecord> customer(JsonNode customer) {
        List<PreviewRecord> out = new ArrayList<>();
        out.add(record(RecordType.LEAD, Fields.of(mapper, RecordType.LEAD, customer), List.of()));
        out.add(record(RecordType.ORGANIZATION, Fields.of(mapper, RecordType.ORGANIZATION, customer), List.of()));
        out.add(record(RecordType.CONTACT, Fields.of(mapper, RecordType.CONTACT, customer).with("account_id", LINKED),
                List.of()));
        return out;
    }

    private List<Map<String, String>> lines(JsonNode entity) {
        List<ObjectNode> lines = OrderLines.of(entity);
        Map<String, String> productIds = new LinkedHashMap<>();
        lines.forEach(l -> productIds.put(l.path("sku").asText(), LINKED));
        return orders.lineItems(lines, productIds);
    }

    private PreviewRecord record(RecordType type, Fields fields, List<Map<String, String>> lines) {
        RecordPolicy policy = policies.recordPolicy();
        StorableFields.Fitted header = storable.fit(type.module(), fields.all(), policy);
        List<Alteration> alterations = new ArrayList<>(header.alterations());
        List<Map<String, String>> fittedLines = new ArrayList<>();
        for (Map<String, String> line : lines) {
            StorableFields.Fitted fitted = storable.fit(Modules.LINE_ITEM, line, policy);
            fittedLines.add(fitted.values());
            alterations.addAll(fitted.alterations());
        }
        return new PreviewRecord(type.module(), type.label(), header.values(), fittedLines,
                alterations.stream().map(Alteration::note).distinct().toList());
    }
}
