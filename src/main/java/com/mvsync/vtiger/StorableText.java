package com.mvsync.vtiger;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Makes a text value storable by Vtiger before it is sent, so that nothing is altered by Vtiger silently:
 * <ul>
 * <li>Vtiger 8.2.0's tables are utf8mb3, which holds at most 3 bytes per character: a 4-byte UTF-8 character (emoji,
 * CJK Extension B) would be stored as "????". It is replaced by a documented substitute (U+FFFD by default).</li>
 * <li>A value longer than its column ({@link FieldLimits}) would be cut by MySQL's non-strict mode. It is cut here, on
 * a code point boundary, after the substitution (MySQL converts, then fits the column).</li>
 * </ul>
 * Lookups must compare this stored form: a query by the full value finds nothing.
 */
@ApplicationScoped
public class StorableText {

    private final FieldLimits limits;

    public StorableText(FieldLimits limits) {
        this.limits = limits;
    }

    /** The value as Vtiger will hold it, and what was done to it. */
    public record Fitted(String value, List<Alteration> alterations) {

        public boolean altered() {
            return !alterations.isEmpty();
        }
    }

    public Fitted fit(String module, String field, String value, String substitute) {
        if (value == null || value.isEmpty()) {
            return new Fitted(value, List.of());
        }
        List<Alteration> alterations = new ArrayList<>(2);
        int originalLength = value.codePointCount(0, value.length());
        String text = value;
        int replaced = (int) value.codePoints().filter(StorableText::unstorable).count();
        if (replaced > 0) {
            StringBuilder out = new StringBuilder(value.length());
            value.codePoints().forEach(c -> {
                if (unstorable(c)) {
                    out.append(substitute);
                } else {
                    out.appendCodePoint(c);
                }
            });
            text = out.toString();
            alterations.add(new Alteration(module, field, Alteration.Kind.SUBSTITUTED, originalLength,
                    text.codePointCount(0, text.length()), replaced));
        }
        Optional<Integer> max = limits.maxChars(module, field).stream().boxed().findFirst();
        int length = text.codePointCount(0, text.length());
        if (max.isPresent() && length > max.get()) {
            text = text.substring(0, text.offsetByCodePoints(0, max.get()));
            alterations.add(new Alteration(module, field, Alteration.Kind.CUT, length, max.get(), 0));
        }
        return new Fitted(text, List.copyOf(alterations));
    }

    /** Outside the Basic Multilingual Plane: 4 bytes in UTF-8, more than utf8mb3 holds. */
    static boolean unstorable(int codePoint) {
        return codePoint > 0xFFFF;
    }
}
