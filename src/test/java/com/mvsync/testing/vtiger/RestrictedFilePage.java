package com.mvsync.testing.vtiger;

/**
 * Vtiger's checkFileAccess refusal, met when a record is saved with an owner id that names no user: PHP prints
 * "Sorry! Attempt to access restricted file." (HTTP 200, text/html) and stops, after the record was stored.
 */
final class RestrictedFilePage extends RuntimeException {
    static final String BODY = "Sorry! Attempt to access restricted file.";

    RestrictedFilePage(String why) {
        super(why, null, false, false);
    }
}
