package com.mvsync.magento;

/**
 * Whether the event reports a new entity, a change or a deletion; UNKNOWN when the payload cannot tell. Only the event
 * name says DELETED (the payload of a delete is the entity as it was).
 */
public enum EventAction {
    CREATED, UPDATED, DELETED, UNKNOWN
}
