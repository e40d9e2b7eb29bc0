package com.mvsync.sync;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.mvsync.magento.EntityType;
import com.mvsync.magento.rest.MagentoRestClient;
import com.mvsync.mapping.AddressResolver;
import com.mvsync.mapping.ConflictRule;
import com.mvsync.mapping.Direction;
import com.mvsync.mapping.FieldMapper;
import com.mvsync.mapping.MappingRow;
import com.mvsync.mapping.RecordType;
import com.mvsync.store.EntityLink;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;

/**
 * Writes a Contact's change in Vtiger back to its Magento customer, by the Contact rows whose direction includes
 * Vtiger → Magento.
 * <p>
 * <b>The baseline.</b> The link keeps, per Vtiger module, the values last agreed by both sides
 * ({@link EntityLink#lastWrittenTo}: what the Magento → Vtiger sync wrote, and what this class wrote back). A Vtiger
 * value equal to it is no change: that is how the sync's own writes to Vtiger (which give the record a new
 * {@code modifiedtime} the poll sees) are recognised and never sent back, with no Magento call. After a write back the
 * baseline holds the new value, so Magento's webhook (or poll) of the customer this write triggers maps to exactly
 * the baseline and the Magento → Vtiger sync writes nothing.
 * <p>
 * <b>Read, change, write.</b> Magento's {@code PUT /V1/customers/{id}} replaces the customer with its body, so the
 * customer is read, only the changed mapped fields are set on it, and the whole of it is written back (addresses
 * included, so none is lost). A value Magento already holds is not written: a replay after a crash between the write
 * and the commit finds it there and makes no second write.
 * <p>
 * <b>Conflicts.</b> A field Magento changed too (its value differs from the baseline and from Vtiger's) is decided by
 * the row's {@link ConflictRule}; both values go to the result. When Magento's value wins nothing is written back and
 * the baseline stays, so the Magento → Vtiger sync of that change writes Magento's value to Vtiger. A
 * {@link Direction#TO_MAGENTO} row has Vtiger as its only source: Vtiger's value is written.
 */
@ApplicationScoped
public class CustomerWriteBack implements WriteBack {

    private final FieldMapper mapper;
    private final MagentoRestClient magento;

    public CustomerWriteBack(FieldMapper mapper, MagentoRestClient magento) {
        this.mapper = mapper;
        this.magento = magento;
    }

    @Override
    public RecordType record() {
        return RecordType.CONTACT;
    }

    @Override
    public List<String> nameFields() {
        return List.of("firstname", "lastname");
    }

    @Override
    public WriteBackResult apply(VtigerChange change, EntityLink link) {
        return apply(RecordType.CONTACT, change, link);
    }

    /** Writes the change of one of the customer's records (its Contact, its personal Organization) to the customer. */
    WriteBackResult apply(RecordType record, VtigerChange change, EntityLink link) {
        String customerId = EntityType.CUSTOMER.idOfKey(link.entityKey());
        return FieldWriteBack.apply(mapper, record, change, link,
                () -> magento.read(EntityType.CUSTOMER, customerId), customer -> new FieldWriteBack.Target() {
                    @Override
                    public String label() {
                        return "Magento customer";
                    }

                    @Override
                    public Optional<String> set(MappingRow row, String value) {
                        return CustomerWriteBack.set(customer, row.magentoField(), value) ? Optional.empty()
                                : Optional.of("Magento customer " + customerId + " has no " + row.magentoField()
                                        .substring(0, row.magentoField().indexOf('.')) + " address: "
                                        + record.module() + "." + row.vtigerField() + " '" + value
                                        + "' not written back");
                    }

                    @Override
                    public ObjectNode save() {
                        return magento.saveCustomer(customerId, customer); // the whole customer, addresses kept
                    }
                });
    }

    /**
     * Sets a writable path ({@code MagentoWritablePaths}) on the customer as read: a top-level field, or a field of
     * its default billing or shipping address, found as the mapping finds it. A street is split back into the lines
     * the Magento → Vtiger sync joined with ", ". False when the customer has no such address.
     */
    static boolean set(ObjectNode customer, String path, String value) {
        int dot = path.indexOf('.');
        if (dot < 0) {
            customer.put(path, value);
            return true;
        }
        String root = path.substring(0, dot);
        String field = path.substring(dot + 1);
        JsonNode address = root.equals("default_billing") ? AddressResolver.REST.billing(customer)
                : AddressResolver.REST.shipping(customer);
        if (!(address instanceof ObjectNode a)) {
            return false;
        }
        if (field.equals("street")) {
            ArrayNode lines = a.putArray("street");
            for (String line : value.split(", ")) {
                lines.add(line);
            }
        } else {
            a.put(field, value);
        }
        return true;
    }
}
