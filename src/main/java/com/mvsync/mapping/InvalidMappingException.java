package com.mvsync.mapping;

/** A mapping row or path that cannot be used; the message is meant for the admin who wrote it. */
public class InvalidMappingException extends RuntimeException {
    public InvalidMappingException(String message) {
        super(message);
    }
}
