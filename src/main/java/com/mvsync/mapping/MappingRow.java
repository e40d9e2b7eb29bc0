package com.mvsync.mapping;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * One row of the field mapping grid: copy what {@code magentoField} evaluates to (see {@link PathExpression}) into
 * {@code vtigerField} of records of {@code type}. Inactive rows are kept but ignored.
 *
 * @param write when the value is written to a record that exists already
 * @param freeText whether a value outside the field's picklist is written as it is (else it is matched to a picklist
 *        value, or left out with a note); no effect on fields that are not picklists
 * @param htmlToText whether HTML (a Magento description) is turned into plain text first
 */
@RegisterForReflection
public record MappingRow(RecordType type, String vtigerField, String magentoField, boolean active,
        String description, WriteRule write, boolean freeText, boolean htmlToText) {

    /** A row with the default rules of its field ({@link #defaults}). */
    public MappingRow(RecordType type, String vtigerField, String magentoField, boolean active, String description) {
        this(type, vtigerField, magentoField, active, description, WriteRule.defaultFor(type, vtigerField), false,
                htmlToTextByDefault(vtigerField));
    }

    public static MappingRow of(RecordType type, String vtigerField, String magentoField, String description) {
        return new MappingRow(type, vtigerField, magentoField, true, description);
    }

    /** Descriptions are HTML in Magento (products, categories) and plain text in Vtiger. */
    public static boolean htmlToTextByDefault(String vtigerField) {
        return "description".equals(vtigerField);
    }
}
