package com.mvsync.testing.vtiger;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * How Vtiger 8.2.0's MariaDB columns store a string: utf8mb3 turns each 4-byte character into "????", then a varchar
 * keeps its first max_chars characters. Both happen silently (Vtiger needs a non-strict sql_mode), so the answer of
 * create/revise and every later lookup see the stored form (14_create_Contacts_street_255_chars_truncated_to_250.json,
 * 14_create_Contacts_4byte_utf8_becomes_question_marks.json, 14_query_Products_by_full_long_sku_finds_nothing.json).
 * The sizes come from {@code vtiger/recorded/field_limits_8.2.0.tsv}, read from the schema of a stock install.
 */
final class ColumnLimits {
    static final String FILE = RecordedSamples.BASE + "field_limits_8.2.0.tsv";
    /** vtiger_crmentity.label is a varchar(255) too (not a field, so not in the TSV). */
    static final int LABEL_CHARS = 255;

    /** One column of the TSV; maxChars is null for columns that are not cut (text, int, decimal, date…). */
    record Column(String columnType, Integer maxChars, String charset) {
        boolean isString() {
            return !charset.isEmpty();
        }
    }

    private final Map<String, Column> columns;

    private ColumnLimits(Map<String, Column> columns) {
        this.columns = columns;
    }

    static ColumnLimits load() {
        try (InputStream in = ColumnLimits.class.getClassLoader().getResourceAsStream(FILE)) {
            if (in == null) {
                throw new IllegalStateException("missing classpath file " + FILE);
            }
            return new ColumnLimits(parse(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, Column> parse(BufferedReader reader) throws IOException {
        Map<String, Column> out = new HashMap<>();
        boolean header = true;
        for (String line = reader.readLine(); line != null; line = reader.readLine()) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            if (header) { // module field column_type max_chars charset
                header = false;
                continue;
            }
            String[] c = line.split("\t", -1);
            Integer max = c.length > 3 && !c[3].isBlank() ? Integer.valueOf(c[3].trim()) : null;
            String charset = c.length > 4 ? c[4].trim() : "";
            out.put(key(c[0].trim(), c[1].trim()), new Column(c[2].trim(), max, charset));
        }
        return out;
    }

    /**
     * The stored form of a string value. A field the TSV does not list still sits in a utf8mb3 table, so its 4-byte
     * characters are replaced too; only non-string columns (int, decimal, date) are left alone.
     */
    String store(String module, String field, String value) {
        Column column = columns.get(key(module, field));
        if (column != null && !column.isString()) {
            return value;
        }
        String converted = Utf8mb3.replaceFourByte(value);
        return column == null || column.maxChars() == null ? converted : Utf8mb3.cut(converted, column.maxChars());
    }

    private static String key(String module, String field) {
        return module + "." + field;
    }
}
