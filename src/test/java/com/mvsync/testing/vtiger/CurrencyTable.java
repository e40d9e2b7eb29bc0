package com.mvsync.testing.vtiger;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The install's currencies (vtiger_currency_info), which {@code SELECT … FROM Currency;} lists. A fresh 8.2.0 has
 * its base currency USD (21x1) only; an admin adds others in Settings > Currencies
 * (14_query_Currency_default_install.json shows EUR added as 21x2).
 */
final class CurrencyTable {
    static final String PREFIX = "21";

    /** One row, in the column order of the recorded describe. */
    record Currency(int number, String name, String code, String symbol, BigDecimal conversionRate, boolean base) {
        String id() {
            return PREFIX + "x" + number;
        }

        Map<String, Object> row() {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("id", id());
            row.put("currency_name", name);
            row.put("currency_code", code);
            row.put("currency_symbol", symbol);
            row.put("conversion_rate", conversionRate.setScale(5, RoundingMode.HALF_UP).toPlainString());
            row.put("currency_status", "Active");
            row.put("defaultid", base ? "-11" : "0"); // -11 marks the base currency
            row.put("deleted", "0");
            return row;
        }
    }

    /** Names and symbols of vtiger_currencies, the list Settings > Currencies offers, for the codes tests use. */
    private static final Map<String, String[]> KNOWN = Map.of(
            "USD", new String[] {"USA, Dollars", "$"}, "EUR", new String[] {"Euro", "€"},
            "GBP", new String[] {"UK, Pounds", "£"}, "JPY", new String[] {"Japan, Yen", "¥"},
            "CHF", new String[] {"Switzerland Francs", "CHF"}, "CAD", new String[] {"Canada, Dollars", "$"},
            "AUD", new String[] {"Australia, Dollars", "$"}, "SEK", new String[] {"Sweden, Kronor", "kr"},
            "INR", new String[] {"India, Rupees", "₹"});

    private final List<Currency> currencies = new ArrayList<>();

    CurrencyTable() {
        currencies.add(new Currency(1, "USA, Dollars", "USD", "$", BigDecimal.ONE, true));
    }

    /** Adds a currency with the name and symbol Vtiger lists for the code (the code itself when unknown), rate 1. */
    synchronized String add(String code) {
        String[] known = KNOWN.getOrDefault(code, new String[] {code, code});
        return find(code).map(Currency::id).orElseGet(() -> add(code, known[0], known[1], BigDecimal.ONE));
    }

    /** Adds a currency, or edits the one with that code (like Settings > Currencies); returns its id. */
    synchronized String add(String code, String name, String symbol, BigDecimal conversionRate) {
        for (int i = 0; i < currencies.size(); i++) {
            Currency c = currencies.get(i);
            if (c.code().equals(code)) {
                currencies.set(i, new Currency(c.number(), name, code, symbol, conversionRate, c.base()));
                return c.id();
            }
        }
        Currency c = new Currency(currencies.size() + 1, name, code, symbol, conversionRate, false);
        currencies.add(c);
        return c.id();
    }

    /** The conversion rate of a currency id (21x2); 1 for an id that names none. */
    synchronized BigDecimal rateOf(String id) {
        return currencies.stream().filter(c -> c.id().equals(id)).map(Currency::conversionRate).findFirst()
                .orElse(BigDecimal.ONE);
    }

    synchronized boolean exists(String id) {
        return currencies.stream().anyMatch(c -> c.id().equals(id));
    }

    synchronized int size() {
        return currencies.size();
    }

    synchronized List<Map<String, Object>> rows() {
        return currencies.stream().map(Currency::row).toList();
    }

    private Optional<Currency> find(String code) {
        return currencies.stream().filter(c -> c.code().equals(code)).findFirst();
    }
}
