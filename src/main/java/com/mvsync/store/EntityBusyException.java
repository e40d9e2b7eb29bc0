package com.mvsync.store;

/** Another invocation is syncing the same Magento entity right now. */
public class EntityBusyException extends RuntimeException {
    public EntityBusyException(String entityKey) {
        super("another event for " + entityKey + " is being synced right now", null, false, false);
    }
}
