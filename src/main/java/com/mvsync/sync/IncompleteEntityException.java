package com.mvsync.sync;

import java.util.List;

/**
 * The payload lacks what the Vtiger records need (an order without items, an invoice whose order was never synced)
 * and Magento could not be asked for the rest. Nothing was written; the sender gets 422 naming what is missing.
 */
public class IncompleteEntityException extends RuntimeException {

    private final List<String> missing;

    public IncompleteEntityException(String message, List<String> missing) {
        super(message, null, false, false);
        this.missing = List.copyOf(missing);
    }

    public List<String> missing() {
        return missing;
    }
}
