package com.mvsync.mapping;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** A mapping row as an admin submits it, unchecked; {@link MappingValidator} turns it into a {@link MappingRow}. */
@RegisterForReflection
public record ProposedRow(String type, String vtigerField, String magentoField, String status, String description) {
}
