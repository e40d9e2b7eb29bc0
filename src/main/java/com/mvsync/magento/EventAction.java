package com.mvsync.magento;

/** Whether the event reports a new entity or a change; UNKNOWN when the payload cannot tell. */
public enum EventAction {
    CREATED, UPDATED, UNKNOWN
}
