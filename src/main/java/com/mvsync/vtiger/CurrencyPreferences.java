package com.mvsync.vtiger;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * The sync user's currency preferences (My Preferences > Currency and Number Format), as retrieve of the user answers
 * them. Vtiger 8.2.0 writes every currency field (and Products' stock quantities) through this user's display format
 * and back: the value is rounded, half away from zero, to {@code decimals}, and a uitype 71 field (purchase cost,
 * annual revenue) is converted into the user's currency and back. A stock admin who never went through the first-login
 * preferences page has the preference NULL, answered "0": 19.99 is stored as 20.
 *
 * @param decimals "Number of currency decimals" (0 to 5)
 * @param currencyId the user's currency, e.g. 21x1
 */
@RegisterForReflection
public record CurrencyPreferences(String user, int decimals, String decimalSeparator, String groupingSeparator,
        String currencyId) {

    /** Prices in Magento have 2 decimals (some stores 4): fewer rounds them. */
    public static final int ENOUGH = 2;
    /** Vtiger's picklist of the preference ends at 5. */
    private static final int MOST = 5;

    /** From retrieve of the user (19x…); a missing or blank preference is 0, as PHP's (int) cast reads it. */
    public static CurrencyPreferences from(String user, JsonNode record) {
        int decimals;
        try {
            decimals = Integer.parseInt(record.path("no_of_currency_decimals").asText("0").strip());
        } catch (NumberFormatException e) {
            decimals = 0;
        }
        return new CurrencyPreferences(user, decimals, record.path("currency_decimal_separator").asText(""),
                record.path("currency_grouping_separator").asText(""), record.path("currency_id").asText(""));
    }

    /** Whether Vtiger stored {@code sent} as {@code stored} because it rounded it to this user's decimals. */
    public boolean rounded(BigDecimal sent, BigDecimal stored) {
        return sent.stripTrailingZeros().scale() > decimals
                && sent.setScale(decimals, RoundingMode.HALF_UP).compareTo(stored) == 0;
    }

    /** The preference that keeps {@code sent}: at least 2, at most what Vtiger offers. */
    public static int decimalsFor(BigDecimal sent) {
        return Math.min(MOST, Math.max(ENOUGH, sent.stripTrailingZeros().scale()));
    }

    /** "the Vtiger user admin rounds to 0 decimals; set My Preferences > Currency decimals to 2". */
    public String advice(int wanted) {
        return "the Vtiger user " + user + " rounds to " + decimals + " decimal" + (decimals == 1 ? "" : "s")
                + "; set My Preferences > Currency decimals to " + wanted;
    }

    /** The stored value as a person writes it: 8.00000000 → 8.00 (at least 2 places, no padding beyond). */
    public static String shown(BigDecimal stored) {
        BigDecimal stripped = stored.stripTrailingZeros();
        return stripped.scale() < ENOUGH ? stored.setScale(ENOUGH, RoundingMode.UNNECESSARY).toPlainString()
                : stripped.toPlainString();
    }
}
