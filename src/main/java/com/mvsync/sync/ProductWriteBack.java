package com.mvsync.sync;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.mvsync.magento.EntityType;
import com.mvsync.magento.rest.MagentoRestClient;
import com.mvsync.mapping.AddressResolver;
import com.mvsync.mapping.FieldMapper;
import com.mvsync.mapping.MappingRow;
import com.mvsync.mapping.PathExpression;
import com.mvsync.mapping.RecordType;
import com.mvsync.store.EntityLink;
import com.mvsync.store.Written;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a Product's change in Vtiger back to its Magento product (name, price, status, stock quantity), by the
 * rules of {@link CustomerWriteBack}: the link's values are the baseline, the product is read and only the changed
 * mapped fields are written, a value Magento holds already is not written again, a conflict is decided by the row's
 * rule. Magento's {@code PUT /V1/products/{sku}} sets what its body has on the stored product, so the body carries
 * only the changed fields (the stock quantity as {@code extension_attributes.stock_item.qty}, which the legacy stock
 * item takes; a store on multi-source inventory keeps per-source quantities this does not write). Prices and
 * quantities compare by value: Vtiger answers 12.5 as 12.50000000.
 */
@ApplicationScoped
public class ProductWriteBack implements WriteBack {

    static final String MODULE = RecordType.PRODUCT.module();
    private static final java.util.Set<String> NUMBERS = java.util.Set.of("price", "status", "qty");

    private final FieldMapper mapper;
    private final MagentoRestClient magento;

    public ProductWriteBack(FieldMapper mapper, MagentoRestClient magento) {
        this.mapper = mapper;
        this.magento = magento;
    }

    @Override
    public RecordType record() {
        return RecordType.PRODUCT;
    }

    @Override
    public List<String> polledFields() {
        return mapper.rowsToMagento(RecordType.PRODUCT).stream().map(MappingRow::vtigerField).toList();
    }

    @Override
    public List<String> nameFields() {
        return List.of("productname");
    }

    @Override
    public WriteBackResult apply(VtigerChange change, EntityLink link) {
        String sku = EntityType.PRODUCT.idOfKey(link.entityKey());
        Map<String, String> baseline = link.lastWrittenTo(MODULE);
        List<MappingRow> changed = mapper.rowsToMagento(RecordType.PRODUCT).stream()
                .filter(r -> change.fields().containsKey(r.vtigerField())
                        && !AgreedValues.same(change.fields().get(r.vtigerField()), baseline.get(r.vtigerField())))
                .toList();
        if (changed.isEmpty()) {
            return WriteBackResult.unchanged(link);
        }
        ObjectNode product = magento.read(EntityType.PRODUCT, sku);
        String magentoChangedAt = product.path("updated_at").asText("");
        Map<String, String> agreed = new LinkedHashMap<>(baseline);
        ObjectNode body = product.objectNode();
        Map<MappingRow, String> written = new LinkedHashMap<>();
        List<Written.Change> changes = new ArrayList<>();
        List<FieldConflict> conflicts = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        for (MappingRow row : changed) {
            String vtigerValue = AgreedValues.normal(change.fields().get(row.vtigerField()));
            String magentoValue = AgreedValues.normal(value(row, product));
            String last = baseline.get(row.vtigerField());
            if (AgreedValues.same(vtigerValue, magentoValue)) {
                agreed.put(row.vtigerField(), magentoValue); // in Magento's form, as the other direction maps it
                continue;
            }
            if (AgreedValues.conflicts(row, last, magentoValue)) {
                boolean vtigerWins = AgreedValues.vtigerWins(row, change.modifiedtime(), magentoChangedAt);
                conflicts.add(new FieldConflict(row.vtigerField(), row.magentoField(), last, magentoValue,
                        magentoChangedAt, vtigerValue, change.modifiedtime(), row.conflict(), vtigerWins));
                if (!vtigerWins) {
                    continue;
                }
            }
            set(body, row.magentoField(), vtigerValue);
            written.put(row, vtigerValue);
            changes.add(new Written.Change("Magento product", row.magentoField(), magentoValue, vtigerValue, false));
        }
        int writes = 0;
        if (!written.isEmpty()) {
            ObjectNode saved = magento.saveProduct(sku, body);
            writes = 1;
            written.forEach((row, value) -> {
                String stored = AgreedValues.normal(value(row, saved));
                if (!AgreedValues.same(stored, value)) {
                    notes.add("Magento stored " + row.magentoField() + " as '" + stored + "', not '" + value + "'");
                }
                // Magento's form of an equal value ("79.9" for Vtiger's "79.90000000"): what the Magento → Vtiger
                // sync maps from the saved product, so it finds no change.
                agreed.put(row.vtigerField(), AgreedValues.same(stored, value) ? stored : value);
            });
            link = link.withSourceVersion(saved.path("updated_at").asText(null));
        }
        conflicts.forEach(c -> notes.add(c.note()));
        String vtigerId = link.idOf(MODULE) != null ? link.idOf(MODULE) : change.vtigerId();
        return new WriteBackResult(link.with(MODULE, vtigerId, agreed), writes, changes, conflicts, notes);
    }

    private static String value(MappingRow row, JsonNode product) {
        return PathExpression.parse(row.magentoField()).evaluate(product, AddressResolver.REST);
    }

    /**
     * Sets a writable product path on the body: a plain field, or {@code extension_attributes.stock_item.qty}.
     * Price, status and quantity are sent as JSON numbers, as Magento's product interfaces type them.
     */
    private static void set(ObjectNode body, String path, String value) {
        String[] parts = path.split("\\.");
        ObjectNode at = body;
        for (int i = 0; i < parts.length - 1; i++) {
            JsonNode next = at.get(parts[i]);
            at = next instanceof ObjectNode o ? o : at.putObject(parts[i]);
        }
        String field = parts[parts.length - 1];
        if (NUMBERS.contains(field)) {
            try {
                at.put(field, new BigDecimal(value));
                return;
            } catch (NumberFormatException e) {
                // Sent as text: Magento's answer says what it made of it.
            }
        }
        at.put(field, value);
    }
}
