package com.mvsync.sync;

import com.mvsync.mapping.FieldMapper;
import com.mvsync.mapping.MappingRow;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;

/**
 * The write backs of two-way sync, in the order the Vtiger poll takes their modules: a customer's Contact and
 * personal Organization, then products, then orders.
 */
@ApplicationScoped
public class WriteBacks {

    private final List<WriteBack> all;
    private final FieldMapper mapper;

    public WriteBacks(CustomerWriteBack customers, AccountWriteBack accounts, ProductWriteBack products,
            OrderWriteBack orders, FieldMapper mapper) {
        this.all = List.of(customers, accounts, products, orders);
        this.mapper = mapper;
    }

    /** The Vtiger fields the poll of a module must read: those of its rows that flow back; empty when none does. */
    public List<String> polledFields(WriteBack writeBack) {
        return mapper.rowsToMagento(writeBack.record()).stream().map(MappingRow::vtigerField).toList();
    }

    public List<WriteBack> all() {
        return all;
    }

    public Optional<WriteBack> of(String module) {
        return all.stream().filter(w -> w.module().equals(module)).findFirst();
    }

    /**
     * Whether the module's cursor was kept under its entity type's key before each module had its own: the first
     * module of each type (Accounts, the second of customers, was not polled then).
     */
    public boolean ownsFormerCursor(WriteBack writeBack) {
        return all.stream().filter(w -> w.entityType() == writeBack.entityType()).findFirst().orElseThrow()
                == writeBack;
    }
}
