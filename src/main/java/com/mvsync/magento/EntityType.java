package com.mvsync.magento;

import java.util.Locale;

/** The Magento entities the sync handles; each webhook route accepts exactly one. */
public enum EntityType {
    CUSTOMER, PRODUCT, ORDER, INVOICE;

    /** Lower-case name as used in user-facing messages and Magento payload keys ("customer", "order"…). */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
