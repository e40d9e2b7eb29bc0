package com.mvsync.sync;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.mvsync.magento.EntityType;
import com.mvsync.magento.rest.MagentoRestClient;
import com.mvsync.mapping.FieldMapper;
import com.mvsync.mapping.MappingRow;
import com.mvsync.mapping.RecordType;
import com.mvsync.store.EntityLink;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;

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
    public List<String> nameFields() {
        return List.of("productname");
    }

    @Override
    public WriteBackResult apply(VtigerChange change, EntityLink link) {
        String sku = EntityType.PRODUCT.idOfKey(link.entityKey());
        return FieldWriteBack.apply(mapper, RecordType.PRODUCT, change, link,
                () -> magento.read(EntityType.PRODUCT, sku), product -> new FieldWriteBack.Target() {
                    /** Only the changed fields: the PUT sets what its body has on the stored product. */
                    private final ObjectNode body = product.objectNode();

                    @Override
                    public String label() {
                        return "Magento product";
                    }

                    @Override
                    public Optional<String> set(MappingRow row, String value) {
                        ProductWriteBack.set(body, row.magentoField(), value);
                        return Optional.empty();
                    }

                    @Override
                    public ObjectNode save() {
                        return magento.saveProduct(sku, body);
                    }
                });
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
