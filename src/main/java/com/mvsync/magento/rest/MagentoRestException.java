package com.mvsync.magento.rest;

/**
 * A failed Magento REST call. {@link #code()} is one of the constants below; {@link #retryable()} says whether the
 * same call may succeed later without anyone changing data or configuration. Messages never carry tokens or secrets.
 */
public class MagentoRestException extends RuntimeException {

    /** 401/403: wrong token, wrong OAuth secret or signature, or the integration lacks the resource. */
    public static final String UNAUTHORIZED = "UNAUTHORIZED";
    /** 404 with a Magento error body: the entity does not exist (any more). */
    public static final String NOT_FOUND = "NOT_FOUND";
    /** 404 "Request does not match any route": wrong base URL, store code or Magento module missing. */
    public static final String NO_ROUTE = "NO_ROUTE";
    /** 400: Magento rejected the request itself. */
    public static final String BAD_REQUEST = "BAD_REQUEST";
    public static final String RATE_LIMITED = "RATE_LIMITED";
    public static final String SERVER_ERROR = "SERVER_ERROR";
    public static final String TIMEOUT = "TIMEOUT";
    public static final String CONNECTION_FAILED = "CONNECTION_FAILED";
    /** The answer is not Magento JSON: usually the base URL points at something else. */
    public static final String INVALID_RESPONSE = "INVALID_RESPONSE";
    public static final String NOT_CONFIGURED = "NOT_CONFIGURED";

    private final String code;
    private final int httpStatus;
    private final boolean retryable;

    public MagentoRestException(String code, int httpStatus, String message, boolean retryable) {
        this(code, httpStatus, message, retryable, null);
    }

    public MagentoRestException(String code, int httpStatus, String message, boolean retryable, Throwable cause) {
        super(message, cause);
        this.code = code;
        this.httpStatus = httpStatus;
        this.retryable = retryable;
    }

    public String code() {
        return code;
    }

    /** HTTP status of the answer, or 0 when there was none (timeout, refused connection). */
    public int httpStatus() {
        return httpStatus;
    }

    public boolean retryable() {
        return retryable;
    }
}
