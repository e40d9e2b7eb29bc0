package com.mvsync.admin;

import com.mvsync.mapping.MappingRow;
import io.quarkus.runtime.annotations.RegisterForReflection;

/** A mapping row as the admin API shows it; {@code source} says whether it is built in or configured. */
@RegisterForReflection
public record MappingView(String type, String vtigerField, String magentoField, String status, String description,
        String source) {

    static final String DEFAULT = "default";
    static final String CONFIGURED = "configured";

    static MappingView of(MappingRow row, String source) {
        return new MappingView(row.type().label(), row.vtigerField(), row.magentoField(),
                row.active() ? "active" : "inactive", row.description(), source);
    }
}
