package com.mvsync.store;

/** DynamoDB could not be read or written; the caller answers 503 so the sender retries. */
public class StoreException extends RuntimeException {
    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
