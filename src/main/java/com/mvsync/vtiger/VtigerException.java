package com.mvsync.vtiger;

import com.mvsync.http.TransportFailure;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

/**
 * A failed Vtiger call. {@link #code()} is Vtiger's own error code (INVALID_SESSIONID, MANDATORY_FIELDS_MISSING, ...)
 * or one of ours for failures below the protocol (HTTP_ERROR, TIMEOUT, ...). Messages carry the operation and module,
 * never the session name or the access key.
 */
public class VtigerException extends RuntimeException {

    public static final String HTTP_ERROR = "HTTP_ERROR";
    public static final String TIMEOUT = "TIMEOUT";
    public static final String CONNECTION_FAILED = "CONNECTION_FAILED";
    public static final String INVALID_RESPONSE = "INVALID_RESPONSE";
    public static final String RATE_LIMITED = "RATE_LIMITED";
    public static final String NOT_CONFIGURED = "NOT_CONFIGURED";
    /** Our own Vtiger call budget (package budget) is spent for the window: no call was made. */
    public static final String BUDGET_EXHAUSTED = "BUDGET_EXHAUSTED";
    /**
     * Duplicate Prevention refused a create or update: a field marked {@code isunique} holds a value another record has
     * (stock 8.2.0: Accounts accountname). Vtiger answers code 0, a number, with "Duplicate(s) detected!".
     */
    public static final String DUPLICATE = "DUPLICATE";
    /**
     * Vtiger 8.2.0's answer to a retrieve, revise or delete of an id that does not exist or was deleted (recorded in
     * 10_retrieve_after_delete.json, 10_delete_again.json), as well as to a real lack of permission.
     */
    public static final String ACCESS_DENIED = "ACCESS_DENIED";
    /** No call was made: a failure of the connection paused Vtiger calls until a check of it succeeds. */
    public static final String CONNECTION_PAUSED = "CONNECTION_PAUSED";
    /** The stored connection settings could not be read (SSM); a later attempt can succeed. */
    public static final String SETTINGS_UNAVAILABLE = "SETTINGS_UNAVAILABLE";

    /** Codes that mean the session is gone; the client logs in again and repeats the call once. */
    static final Set<String> SESSION_LOST = Set.of("INVALID_SESSIONID", "AUTHENTICATION_REQUIRED",
            "SESSION_EXPIRED", "SESSION_LEFT_IDLE");

    /*
     * Failures a later attempt can get past: the codes of the retryable transport failures (the one rule of
     * http/TransportFailure), Vtiger's session and transient database codes, and ours below. NOT_CONFIGURED too:
     * events that arrive before the admin has entered the connection are retried with backoff (and synced once it is
     * there) rather than parked one by one. Beyond that rule, and kept as they always were for Vtiger: HTTP_ERROR for
     * any status other than 200, and INVALID_RESPONSE (an answer that is not a webservice response).
     */
    private static final Set<String> TRANSIENT = transientCodes();

    private static Set<String> transientCodes() {
        Set<String> codes = new HashSet<>(Set.of(HTTP_ERROR, INVALID_RESPONSE, SETTINGS_UNAVAILABLE, NOT_CONFIGURED,
                BUDGET_EXHAUSTED, CONNECTION_PAUSED, "INVALID_AUTH_TOKEN", "DATABASE_QUERY_ERROR"));
        codes.addAll(SESSION_LOST);
        Arrays.stream(TransportFailure.values()).filter(TransportFailure::retryable)
                .map(VtigerException::codeOf).forEach(codes::add);
        return Set.copyOf(codes);
    }

    /** Our code for a transport failure. */
    static String codeOf(TransportFailure kind) {
        return switch (kind) {
            case TIMEOUT -> TIMEOUT;
            case UNKNOWN_HOST, REFUSED, TLS, UNREACHABLE -> CONNECTION_FAILED;
            case RATE_LIMITED -> RATE_LIMITED;
            case SERVER_ERROR -> HTTP_ERROR;
            case NOT_JSON -> INVALID_RESPONSE;
        };
    }

    private final String code;
    private final String detail;
    private final String operation;
    private final int httpStatus;

    public VtigerException(String code, String message, String operation, int httpStatus) {
        this(code, message, operation, httpStatus, null);
    }

    public VtigerException(String code, String message, String operation, int httpStatus, Throwable cause) {
        super(operation + ": " + code + ": " + message, cause, false, false);
        this.detail = message;
        this.code = code;
        this.operation = operation;
        this.httpStatus = httpStatus;
    }

    public String code() {
        return code;
    }

    /** Vtiger's own message (or ours), without the operation and code. */
    public String detail() {
        return detail;
    }

    public String operation() {
        return operation;
    }

    /** HTTP status of the answer, or 0 when there was none (timeout, refused connection). */
    public int httpStatus() {
        return httpStatus;
    }

    /** Whether the same call may succeed later without anyone changing data or configuration. */
    public boolean retryable() {
        return TRANSIENT.contains(code);
    }

    boolean sessionLost() {
        return SESSION_LOST.contains(code);
    }
}
