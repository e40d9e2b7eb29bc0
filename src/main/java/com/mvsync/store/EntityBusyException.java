package com.mvsync.store;

import java.util.Optional;

/** Another invocation is syncing the same Magento entity right now. */
public class EntityBusyException extends RuntimeException {

    private final transient String heldFor;

    public EntityBusyException(String entityKey) {
        this(entityKey, null);
    }

    /** @param heldFor the event the holder syncs, when its lock names one */
    public EntityBusyException(String entityKey, String heldFor) {
        super("another event for " + entityKey + " is being synced right now", null, false, false);
        this.heldFor = heldFor;
    }

    /** The event the lock's holder is syncing, when it said. */
    public Optional<String> heldFor() {
        return Optional.ofNullable(heldFor);
    }
}
