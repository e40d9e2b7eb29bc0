package com.mvsync.connection;

/** SSM Parameter Store could not be read or written. The message names parameters, never their values. */
public class ConnectionStoreException extends RuntimeException {
    public ConnectionStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
