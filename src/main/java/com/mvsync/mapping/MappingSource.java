package com.mvsync.mapping;

import java.util.List;

/** Where configured mapping rows come from (the admin-edited rows in DynamoDB; none in the simplest setup). */
public interface MappingSource {

    /** The configured rows of a type in the default scope, active and inactive. */
    List<MappingRow> configuredRows(RecordType type);

    /** The rows a website or store view overrides (only those); the default scope's rows for {@link Scope#DEFAULT}. */
    default List<MappingRow> configuredRows(RecordType type, Scope scope) {
        return scope.isDefault() ? configuredRows(type) : List.of();
    }

    /** Whether any website or store view overrides a row (else no entity's scope needs resolving). */
    default boolean hasScopedRows() {
        return false;
    }
}
