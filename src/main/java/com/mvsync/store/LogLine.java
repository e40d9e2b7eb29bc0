package com.mvsync.store;

import java.util.List;

/**
 * What a sync did, for the sync log (its Vtiger ids are the link's); written in the same transaction as the link.
 *
 * @param entityKey  the entity's key in the store, e.g. {@code customer#42}: its history is read by it
 * @param entityType the entity's label, e.g. {@code customer}
 * @param label      what a person calls the entity ("Maria Keller &lt;maria@example.com&gt;"), or null
 * @param notes      every value the sync or Vtiger altered, every mapped field left empty
 * @param written    the records' names and the fields written, before and after
 */
public record LogLine(String entityKey, String entityType, String magentoId, String label, Outcome result,
        String error, List<String> notes, Written written) {

    /** How a conflict's note begins (two-way sync: a field both systems changed; the note has both values). */
    public static final String CONFLICT_NOTE = "conflict on ";

    /** Whether a note of the entry is a conflict's: such entries are also found by {@code SyncLog#conflicts}. */
    public boolean hasConflict() {
        return notes.stream().anyMatch(n -> n.startsWith(CONFLICT_NOTE));
    }

    public LogLine {
        notes = notes == null ? List.of() : List.copyOf(notes);
        written = written == null ? Written.NONE : written;
    }
}
