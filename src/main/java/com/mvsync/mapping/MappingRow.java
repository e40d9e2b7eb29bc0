package com.mvsync.mapping;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * One row of the field mapping grid: copy what {@code magentoField} evaluates to (see {@link PathExpression}) into
 * {@code vtigerField} of records of {@code type}. Inactive rows are kept but ignored.
 */
@RegisterForReflection
public record MappingRow(RecordType type, String vtigerField, String magentoField, boolean active,
        String description) {

    public static MappingRow of(RecordType type, String vtigerField, String magentoField, String description) {
        return new MappingRow(type, vtigerField, magentoField, true, description);
    }
}
