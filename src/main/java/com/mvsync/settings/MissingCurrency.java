package com.mvsync.settings;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What an order or invoice becomes when Vtiger has no currency of its {@code order_currency_code}. Vtiger itself
 * would store it with currency "" (no currency at all), which the sync never lets happen.
 */
public enum MissingCurrency {
    /** A dead letter naming the fix (add the currency in Vtiger, then retry) (default). */
    DEAD_LETTER,
    /** Written in Vtiger's base currency from Magento's {@code base_*} amounts, with a note. */
    BASE_CURRENCY;

    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static Optional<MissingCurrency> parse(String text) {
        return Arrays.stream(values()).filter(v -> v.wire().equals(text) || v.name().equals(text)).findFirst();
    }

    static List<String> wireNames() {
        return Arrays.stream(values()).map(MissingCurrency::wire).toList();
    }
}
