package com.mvsync.sync;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;

/** The write backs of two-way sync, in the order the Vtiger poll takes their modules (customers, then products, then orders). */
@ApplicationScoped
public class WriteBacks {

    private final List<WriteBack> all;

    public WriteBacks(CustomerWriteBack customers, ProductWriteBack products, OrderWriteBack orders) {
        this.all = List.of(customers, products, orders);
    }

    public List<WriteBack> all() {
        return all;
    }

    public Optional<WriteBack> of(String module) {
        return all.stream().filter(w -> w.module().equals(module)).findFirst();
    }
}
