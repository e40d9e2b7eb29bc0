package com.mvsync.settings;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * How Magento shares customer accounts (Stores → Configuration → Customers → Customer Configuration → Account
 * Sharing Options, {@code customer/account_share/scope}), which Magento's REST API does not tell: the admin says it.
 */
public enum CustomerAccounts {
    /** One account per e-mail for all websites (scope 0): an e-mail names one customer, found in Vtiger by it. */
    GLOBAL,
    /** An account per website (scope 1, Magento's default): one e-mail on two websites is two customers. */
    PER_WEBSITE;

    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static Optional<CustomerAccounts> parse(String text) {
        return Arrays.stream(values()).filter(v -> v.wire().equals(text) || v.name().equals(text)).findFirst();
    }

    public static List<String> wireNames() {
        return Arrays.stream(values()).map(CustomerAccounts::wire).toList();
    }
}
