package com.mvsync.vtiger;

import java.time.Instant;

/**
 * No call was made, or Vtiger refused one for its rate (HTTP 429): calls to Vtiger are paused until
 * {@link #resumeAt()}, for every container. Code {@link VtigerException#RATE_LIMITED} (Vtiger said so) or
 * {@link VtigerException#BUDGET_EXHAUSTED} (our own call budget is spent for the window). Retryable; a queued item
 * that meets it waits for {@link #resumeAt()} without an attempt counted, since nothing about the item failed.
 */
public class VtigerPausedException extends VtigerException {

    private final transient Instant resumeAt;

    public VtigerPausedException(String code, String message, String operation, int httpStatus, Instant resumeAt) {
        super(code, message + " until " + resumeAt, operation, httpStatus);
        this.resumeAt = resumeAt;
    }

    /** With the message as given (no "until"): a connection pause has no end time of its own. */
    protected VtigerPausedException(String code, String message, String operation, int httpStatus, Instant resumeAt,
            Throwable cause) {
        super(code, message, operation, httpStatus, cause);
        this.resumeAt = resumeAt;
    }

    /** When calls may be made again. */
    public Instant resumeAt() {
        return resumeAt;
    }
}
