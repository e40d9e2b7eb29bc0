package com.mvsync.magento;

/**
 * The webhook body cannot be used. The message is user-facing (it becomes the HTTP 400 body),
 * so it says what was wrong and what was expected. A 400 also tells I/O Events not to retry.
 */
public class InvalidPayloadException extends RuntimeException {

    public InvalidPayloadException(String message) {
        super(message);
    }

    public InvalidPayloadException(String message, Throwable cause) {
        super(message, cause);
    }
}
