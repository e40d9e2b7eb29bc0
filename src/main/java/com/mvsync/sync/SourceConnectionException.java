package com.mvsync.sync;

/**
 * Magento's REST API refused the connection itself (HTTP 401/403: wrong token or OAuth secrets, an inactive
 * integration, a missing resource grant) or cannot be reached (unknown host, refused, TLS). Not the entity's fault:
 * every item would fail alike until the connection is fixed, so the sync pauses instead of making dead letters.
 */
public class SourceConnectionException extends RuntimeException {
    public SourceConnectionException(String message, Throwable cause) {
        super(message, cause, false, false);
    }
}
