package com.mvsync.mapping;

/** A mapping change could not be checked against Vtiger because Vtiger did not answer; nothing was saved. */
public class MappingCheckUnavailableException extends RuntimeException {
    public MappingCheckUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
