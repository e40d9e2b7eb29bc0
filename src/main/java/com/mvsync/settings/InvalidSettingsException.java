package com.mvsync.settings;

/** A settings change the admin has to correct; the message says what (answered as 400). */
public class InvalidSettingsException extends IllegalArgumentException {
    public InvalidSettingsException(String message) {
        super(message);
    }
}
