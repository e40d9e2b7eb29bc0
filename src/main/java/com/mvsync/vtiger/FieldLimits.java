package com.mvsync.vtiger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;

/**
 * How many characters each Vtiger field can hold. Vtiger runs MySQL/MariaDB with a non-strict sql_mode, so a longer
 * value is stored cut, without an error; the sync cuts (and says so) before Vtiger does. The sizes are those of a
 * stock 8.2.0 ({@code vtiger/field_limits_8.2.0.tsv}, read from its database schema), overridable per deployment
 * ({@code mvsync.vtiger.field-limit-overrides}) for a Vtiger whose columns were widened or narrowed. A field not listed
 * (a custom {@code cf_} field, a text column) has no known limit; the write check notes it if Vtiger cuts it.
 */
@ApplicationScoped
public class FieldLimits {

    static final String RESOURCE = "/vtiger/field_limits_8.2.0.tsv";
    private static final String UNLIMITED = "unlimited";

    private final Map<String, Integer> maxChars;

    @Inject
    public FieldLimits(VtigerConfig config) {
        this(config.fieldLimitOverrides().orElse(""));
    }

    FieldLimits(String overrides) {
        Map<String, Integer> limits = readStock();
        for (String entry : overrides.split(",")) {
            if (entry.isBlank()) {
                continue;
            }
            String[] kv = entry.split("=", 2);
            if (kv.length != 2 || !kv[0].trim().matches("[A-Za-z]+\\.[A-Za-z0-9_]+")) {
                throw new IllegalArgumentException("mvsync.vtiger.field-limit-overrides: '" + entry.trim()
                        + "' is not Module.field=<characters> or Module.field=unlimited");
            }
            String value = kv[1].trim().toLowerCase(Locale.ROOT);
            if (value.equals(UNLIMITED)) {
                limits.remove(kv[0].trim());
                continue;
            }
            try {
                int n = Integer.parseInt(value);
                if (n < 1) {
                    throw new NumberFormatException();
                }
                limits.put(kv[0].trim(), n);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("mvsync.vtiger.field-limit-overrides: the limit of " + kv[0].trim()
                        + " must be a positive number of characters or 'unlimited', not '" + kv[1].trim() + "'");
            }
        }
        this.maxChars = Map.copyOf(limits);
    }

    /** The characters (code points) the field keeps, or empty when it has no known limit. */
    public OptionalInt maxChars(String module, String field) {
        Integer n = maxChars.get(module + "." + field);
        return n == null ? OptionalInt.empty() : OptionalInt.of(n);
    }

    private static Map<String, Integer> readStock() {
        Map<String, Integer> limits = new HashMap<>();
        try (InputStream in = FieldLimits.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the application");
            }
            BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                String[] columns = line.split("\t", -1);
                if (line.startsWith("#") || columns.length < 4 || columns[0].equals("module") || columns[3].isBlank()) {
                    continue;
                }
                limits.put(columns[0] + "." + columns[1], Integer.parseInt(columns[3].trim()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return limits;
    }
}
