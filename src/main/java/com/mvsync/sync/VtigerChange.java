package com.mvsync.sync;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.Map;

/**
 * A Vtiger record as the Vtiger poll read it: one version of it, known by module, id and {@code modifiedtime}
 * (Vtiger's "yyyy-MM-dd HH:mm:ss", in the server's time zone, to the second).
 *
 * @param modifiedby the Vtiger user who saved this version (the product's own user when the sync wrote it)
 * @param fields     the record's values of the fields the Vtiger → Magento rows read
 */
@RegisterForReflection
public record VtigerChange(String module, String vtigerId, String modifiedtime, String modifiedby,
        Map<String, String> fields) {

    public VtigerChange {
        fields = fields == null ? Map.of() : Map.copyOf(fields);
    }

    /** The key under which this version is claimed once: module, id and modifiedtime. */
    public String eventKey() {
        return "vtiger:" + module + ":" + vtigerId + ":" + modifiedtime;
    }
}
