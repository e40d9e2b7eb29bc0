package com.mvsync.testing.vtiger;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Number rendering the way Vtiger's MySQL columns come back (decimal(25,8) → "19.99000000", decimal(25,3) → "2.000"). */
final class ValueFormat {
    private ValueFormat() {
    }

    static boolean isBlank(Object v) {
        return v == null || v.toString().isBlank();
    }

    /** Lenient parse: blank or non-numeric input counts as 0, like PHP's float cast. */
    static BigDecimal num(Object v) {
        if (isBlank(v)) {
            return BigDecimal.ZERO;
        }
        try {
            return new BigDecimal(v.toString().trim());
        } catch (NumberFormatException e) {
            return BigDecimal.ZERO;
        }
    }

    static boolean isNumeric(Object v) {
        if (isBlank(v)) {
            return false;
        }
        try {
            new BigDecimal(v.toString().trim());
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    static String dec(Object v, int scale) {
        return num(v).setScale(scale, RoundingMode.HALF_UP).toPlainString();
    }

    static String money(BigDecimal v) {
        return v.setScale(2, RoundingMode.HALF_UP).toPlainString();
    }

    /** PHP float in JSON: 47.48, 3 (no trailing zeros, no exponent). */
    static Object jsonNumber(BigDecimal v) {
        BigDecimal s = v.setScale(8, RoundingMode.HALF_UP).stripTrailingZeros();
        if (s.scale() <= 0) {
            return s.setScale(0).longValueExact();
        }
        return s;
    }

    /** "2.000" → "2", "19.99" → "19.99": how the inventory UI helper prints quantities and prices. */
    static String plain(BigDecimal v) {
        BigDecimal s = v.stripTrailingZeros();
        return (s.scale() < 0 ? s.setScale(0) : s).toPlainString();
    }
}
