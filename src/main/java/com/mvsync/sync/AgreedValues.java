package com.mvsync.sync;

import com.mvsync.mapping.Direction;
import com.mvsync.mapping.MappingRow;
import java.math.BigDecimal;
import java.util.Objects;

/**
 * How a write back compares values of the two systems with the link's baseline, and decides a conflict: one rule for
 * every module.
 */
final class AgreedValues {

    private AgreedValues() {
    }

    /** Vtiger answers an empty field as "", Magento leaves it out: both are no value. */
    static String normal(String value) {
        return value == null ? "" : value.strip();
    }

    /**
     * Equal as the two systems mean them: text as it is, numbers by value (Vtiger answers a price written as
     * {@code 12.5} as {@code 12.50000000}, a quantity as {@code 100.000}).
     */
    static boolean same(String a, String b) {
        String x = normal(a);
        String y = normal(b);
        if (Objects.equals(x, y)) {
            return true;
        }
        try {
            return new BigDecimal(x).compareTo(new BigDecimal(y)) == 0;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** Whether Magento changed the field since the last sync too: only a two-way row with a baseline can conflict. */
    static boolean conflicts(MappingRow row, String last, String magentoValue) {
        return row.direction() == Direction.BOTH && last != null && !same(magentoValue, last);
    }

    /** The row's rule on a conflict; Magento and Vtiger times both "yyyy-MM-dd HH:mm:ss", compared as text. */
    static boolean vtigerWins(MappingRow row, String vtigerChangedAt, String magentoChangedAt) {
        return switch (row.conflict()) {
            case MAGENTO_WINS -> false;
            case VTIGER_WINS -> true;
            case NEWEST_WINS -> normal(vtigerChangedAt).compareTo(normal(magentoChangedAt)) > 0;
        };
    }
}
