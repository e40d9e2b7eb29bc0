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
        this(module, partialLink, cause, true);
    }

    private SyncFailedException(String module, EntityLink partialLink, VtigerException cause, boolean unused) {
        super("Vtiger " + cause.operation() + " of " + module + " failed: " + cause.code() + ": " + cause.detail(),
                cause, false, false);
        this.partialLink = partialLink;
        this.module = module;
    }

    /**
     * The same failure, remembered against the entity being synced: a failure in a record made on the side (an
     * order's buyer or products) leaves the order's own link as it was; lookups find those records on the retry.
     */
    public SyncFailedException within(EntityLink entityLink) {
        return entityLink.entityKey().equals(partialLink.entityKey()) ? this
                : new SyncFailedException(module, entityLink, vtigerError(), true);
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
