package com.mvsync.sync;

import com.mvsync.mapping.FieldMapper;
import com.mvsync.mapping.MappingRow;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;

/** The write backs of two-way sync, in the order the Vtiger poll takes their modules (customers, then products, then orders). */
@ApplicationScoped
public class WriteBacks {

    private final List<WriteBack> all;
    private final FieldMapper mapper;

    public WriteBacks(CustomerWriteBack customers, ProductWriteBack products, OrderWriteBack orders,
            FieldMapper mapper) {
        this.all = List.of(customers, products, orders);
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
}
