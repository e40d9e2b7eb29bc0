package com.mvsync.sync;

import com.mvsync.store.EntityLink;
import com.mvsync.vtiger.VtigerException;

/**
 * A sync that stopped part-way because Vtiger failed. {@link #partialLink()} holds the records made before the
 * failure, so that they are remembered and a retry completes the rest instead of making them twice.
 */
public class SyncFailedException extends RuntimeException {

    private final EntityLink partialLink;
    private final String module;

    public SyncFailedException(String module, EntityLink partialLink, VtigerException cause) {
        super("Vtiger " + cause.operation() + " of " + module + " failed: " + cause.code() + ": "
                + cause.getMessage().substring(cause.getMessage().indexOf(": ") + 2), cause, false, false);
        this.partialLink = partialLink;
        this.module = module;
    }

    public EntityLink partialLink() {
        return partialLink;
    }

    public String module() {
        return module;
    }

    public VtigerException vtigerError() {
        return (VtigerException) getCause();
    }

    public boolean retryable() {
        return vtigerError().retryable();
    }
}
