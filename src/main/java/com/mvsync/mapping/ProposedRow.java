package com.mvsync.mapping;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * A mapping row as an admin submits it, unchecked; {@link MappingValidator} turns it into a {@link MappingRow}. A rule
 * left null takes the field's default ({@link WriteRule#defaultFor}, {@link MappingRow#htmlToTextByDefault}).
 */
@RegisterForReflection
public record ProposedRow(String type, String vtigerField, String magentoField, String status, String description,
        String write, Boolean freeText, Boolean htmlToText, String direction, String conflict) {

    public ProposedRow(String type, String vtigerField, String magentoField, String status, String description,
            String write, Boolean freeText, Boolean htmlToText) {
        this(type, vtigerField, magentoField, status, description, write, freeText, htmlToText, null, null);
    }

    public ProposedRow(String type, String vtigerField, String magentoField, String status, String description) {
        this(type, vtigerField, magentoField, status, description, null, null, null);
    }
}
