package com.mvsync.vtiger;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * A value the sync changed so that Vtiger can store it, or one Vtiger stored other than it was sent: never silent, each
 * becomes a note in the answer and the sync log, and a metric.
 *
 * @param originalLength characters (code points) of the value as Magento had it
 * @param keptLength characters of the value as Vtiger holds it
 * @param replaced how many characters were substituted ({@link Kind#SUBSTITUTED})
 * @param detail what a {@link Kind#ROUNDED} note says after the field (amounts are not personal data); else null
 */
@RegisterForReflection
public record Alteration(String module, String field, Kind kind, int originalLength, int keptLength, int replaced,
        String detail) {

    public Alteration(String module, String field, Kind kind, int originalLength, int keptLength, int replaced) {
        this(module, field, kind, originalLength, keptLength, replaced, null);
    }

    /** "7.5 stored as 8.00: the Vtiger user admin rounds to 0 decimals; set My Preferences > ... to 2". */
    public static Alteration rounded(String module, String field, String sent, String stored, String advice) {
        return new Alteration(module, field, Kind.ROUNDED, sent.length(), stored.length(), 0,
                sent + " stored as " + stored + ": " + advice);
    }

    public enum Kind {
        /** Longer than the field's column: cut on a character boundary. */
        CUT,
        /** Characters Vtiger's utf8mb3 tables cannot store (4-byte UTF-8) replaced by the substitute. */
        SUBSTITUTED,
        /** Vtiger's answer holds another value than the one sent (a customised field, a picklist it changed). */
        CHANGED_BY_VTIGER,
        /** A currency value Vtiger rounded to the sync user's "Number of currency decimals" preference. */
        ROUNDED
    }

    /** The note, naming the field and the lengths but never a text value (notes are logged). */
    public String note() {
        return switch (kind) {
            case CUT -> module + "." + field + " cut from " + originalLength + " to " + keptLength
                    + " characters (Vtiger's column holds " + keptLength + ")";
            case SUBSTITUTED -> module + "." + field + ": " + replaced + " character" + (replaced == 1 ? "" : "s")
                    + " Vtiger cannot store (emoji or another 4-byte character) replaced";
            case CHANGED_BY_VTIGER -> module + "." + field + " stored by Vtiger differently from what was sent ("
                    + originalLength + " characters sent, " + keptLength + " stored): a customised field or picklist?";
            case ROUNDED -> module + "." + field + " " + detail;
        };
    }
}
