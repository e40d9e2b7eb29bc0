package com.mvsync.sync;

import com.mvsync.store.EntityLink;

/**
 * The sync refuses to write a record because writing it would make the CRM wrong, although Vtiger would accept it: an
 * order in a currency Vtiger lacks (Vtiger would store it with no currency), a product whose cut product code is held
 * by another Magento product (the two would be merged). Never retried by itself: the event becomes a dead letter whose
 * message says what to fix; the queue's retry then completes it. {@link #partialLink()} holds the records made before.
 */
public class RecordRefusedException extends RuntimeException {

    private final EntityLink partialLink;

    public RecordRefusedException(String message, EntityLink partialLink) {
        super(message, null, false, false);
        this.partialLink = partialLink;
    }

    public EntityLink partialLink() {
        return partialLink;
    }

    /** The same refusal, remembered against the entity being synced (see {@link SyncFailedException#within}). */
    public RecordRefusedException within(EntityLink entityLink) {
        return entityLink.entityKey().equals(partialLink.entityKey()) ? this
                : new RecordRefusedException(getMessage(), entityLink);
    }
}
