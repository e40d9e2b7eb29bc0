package com.mvsync.store;

import java.util.List;

/**
 * What a sync did, for the sync log (its Vtiger ids are the link's); written in the same transaction as the link.
 *
 * @param entityType the entity's label, e.g. {@code customer}
 * @param notes      every value the sync or Vtiger altered, every mapped field left empty
 */
public record LogLine(String entityType, String magentoId, Outcome result, String error, List<String> notes) {

    public LogLine(String entityType, String magentoId, Outcome result, String error) {
        this(entityType, magentoId, result, error, List.of());
    }

    public LogLine {
        notes = notes == null ? List.of() : List.copyOf(notes);
    }
}
