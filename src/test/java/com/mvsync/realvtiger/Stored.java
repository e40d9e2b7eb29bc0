package com.mvsync.realvtiger;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** Reading the product's answers and Vtiger's records in the flow tests. */
final class Stored {

    private Stored() {
    }

    /** The answer's notes (what was altered or noted on the way). */
    static List<String> notes(JsonNode answer) {
        List<String> notes = new ArrayList<>();
        answer.path("notes").forEach(n -> notes.add(n.asText()));
        return notes;
    }

    /** The record's values of {@code fields}, as text, in that order. */
    static List<String> text(JsonNode record, String... fields) {
        List<String> values = new ArrayList<>();
        for (String field : fields) {
            values.add(record.path(field).asText());
        }
        return values;
    }
}
