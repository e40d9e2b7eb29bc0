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
 * @param direction which way the value is copied (Magento → Vtiger unless the admin chose otherwise)
 * @param conflict which value a two-way row keeps when both sides changed since the last sync
 */
@RegisterForReflection
public record MappingRow(RecordType type, String vtigerField, String magentoField, boolean active,
        String description, WriteRule write, boolean freeText, boolean htmlToText, Direction direction,
        ConflictRule conflict) {

    public MappingRow {
        direction = direction == null ? Direction.TO_VTIGER : direction;
        conflict = conflict == null ? ConflictRule.NEWEST_WINS : conflict;
    }

    /** A one-way row (Magento → Vtiger), as every row was before two-way sync. */
    public MappingRow(RecordType type, String vtigerField, String magentoField, boolean active, String description,
            WriteRule write, boolean freeText, boolean htmlToText) {
        this(type, vtigerField, magentoField, active, description, write, freeText, htmlToText, Direction.TO_VTIGER,
                ConflictRule.NEWEST_WINS);
    }

    /** A row with the default rules of its field ({@link #defaults}). */
    public MappingRow(RecordType type, String vtigerField, String magentoField, boolean active, String description) {
        this(type, vtigerField, magentoField, active, description, WriteRule.defaultFor(type, vtigerField), false,
                htmlToTextByDefault(vtigerField));
    }

    /** Whether the Magento → Vtiger sync writes this row (active, and not a Vtiger → Magento-only row). */
    public boolean writesVtiger() {
        return active && direction.toVtiger();
    }

    /** Whether a change in Vtiger is written back to Magento through this row. */
    public boolean writesMagento() {
        return active && direction.toMagento();
    }

    public static MappingRow of(RecordType type, String vtigerField, String magentoField, String description) {
        return new MappingRow(type, vtigerField, magentoField, true, description);
    }

    /** Descriptions are HTML in Magento (products, categories) and plain text in Vtiger. */
    public static boolean htmlToTextByDefault(String vtigerField) {
        return "description".equals(vtigerField);
    }
}
