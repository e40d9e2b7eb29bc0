package com.mvsync.vtiger;

import java.time.Instant;

/**
 * The connection to Vtiger failed, not the record: the login was refused (wrong username or access key), the user
 * may not use a whole module, or Vtiger cannot be reached; or a call met the pause such a failure set
 * ({@link Failure#PAUSED}). Every queued item would fail alike, so none is charged with it: it is retryable, and a
 * queued item that meets it goes back to pending without an attempt counted, due at once ({@link #resumeAt()}): the
 * shared connection pause, not a time, holds the drain back until a check of the connection succeeds.
 */
public class VtigerConnectionException extends VtigerPausedException {

    /** What failed. */
    public enum Failure {
        /** getchallenge or login refused: unknown user, wrong access key, inactive user. */
        LOGIN_REFUSED,
        /** ACCESS_DENIED to a whole module: a describe of it is refused too (not a missing record or column). */
        MODULE_DENIED,
        /** No connection: unknown host, refused, unreachable network, TLS handshake. */
        UNREACHABLE,
        /** No call was made: a connection failure paused every container's calls. */
        PAUSED
    }

    private final Failure failure;
    private final String module;

    public VtigerConnectionException(Failure failure, VtigerException cause, String module, Instant seenAt) {
        super(cause.code(), describe(failure, cause, module), cause.operation(), cause.httpStatus(), seenAt, cause);
        this.failure = failure;
        this.module = module;
    }

    /** A call that met the pause: no request was sent. */
    public static VtigerConnectionException paused(String reason, String operation, Instant now) {
        return new VtigerConnectionException(Failure.PAUSED, new VtigerException(CONNECTION_PAUSED,
                "Vtiger calls are paused until a check of the connection succeeds: " + reason, operation, 0), null,
                now);
    }

    private static String describe(Failure failure, VtigerException cause, String module) {
        return switch (failure) {
            case LOGIN_REFUSED -> "Vtiger refused the login (" + cause.code() + ": " + cause.detail()
                    + "): check the username and access key";
            case MODULE_DENIED -> "the Vtiger user may not use " + module + " (" + cause.code() + ": "
                    + cause.detail() + "; a describe of " + module + " is refused): check the user's role and profile";
            case UNREACHABLE -> "Vtiger cannot be reached (" + cause.detail() + ")";
            case PAUSED -> cause.detail();
        };
    }

    public Failure failure() {
        return failure;
    }

    /** The module denied ({@link Failure#MODULE_DENIED}), else null. */
    public String module() {
        return module;
    }

    /** Not the item's fault: the same call works once the connection is fixed. */
    @Override
    public boolean retryable() {
        return true;
    }
}
