package com.mvsync.poll;

/** Another run moved the cursor of a type since this run read it; this run leaves the type to it. */
public class ConcurrentPollException extends RuntimeException {
    public ConcurrentPollException(String message) {
        super(message);
    }
}
