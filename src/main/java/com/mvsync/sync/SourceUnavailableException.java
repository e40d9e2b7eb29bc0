package com.mvsync.sync;

/** Magento's REST API failed in a way a later attempt can get past (timeout, 5xx, rate limit). */
public class SourceUnavailableException extends RuntimeException {
    public SourceUnavailableException(String message, Throwable cause) {
        super(message, cause, false, false);
    }
}
