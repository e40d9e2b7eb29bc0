package com.mvsync.connection;

/** A connection change the admin must correct; the message is meant for them and never quotes a secret. */
public class InvalidConnectionException extends RuntimeException {
    public InvalidConnectionException(String message) {
        super(message, null, false, false);
    }
}
