package com.mvsync.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLException;

/**
 * Why a call to a dependency (Vtiger, Magento) got no usable answer, decided in one place for both clients: they map
 * a kind to their own error code and message. {@link #retryable()} is the one rule for "may a later attempt get
 * past it": a network that failed or a server that is overloaded or broken may recover; an answer that is not JSON
 * comes from something else than the dependency (a wrong URL) and stays so until someone fixes the setting.
 */
public enum TransportFailure {
    /** No answer within the read or connect timeout. */
    TIMEOUT(true),
    /** The host name does not resolve. */
    UNKNOWN_HOST(true),
    /** Nothing listens on the port. */
    REFUSED(true),
    /** The TLS handshake failed (certificate, protocol, or a plain HTTP server behind https). */
    TLS(true),
    /** Any other failure to get an answer. */
    UNREACHABLE(true),
    /** HTTP 429. */
    RATE_LIMITED(true),
    /** HTTP 5xx. */
    SERVER_ERROR(true),
    /** An answer that is no JSON at all. */
    NOT_JSON(false);

    private final boolean retryable;

    TransportFailure(boolean retryable) {
        this.retryable = retryable;
    }

    /** Whether the same call may succeed later without anyone changing data or configuration. */
    public boolean retryable() {
        return retryable;
    }

    /** The kind of failure the HTTP client threw, with the TLS failure's message (else null) for the report. */
    public record Cause(TransportFailure kind, String tlsMessage) {
    }

    /** Classifies what the HTTP client threw instead of an answer; TLS anywhere in the chain wins. */
    public static Cause of(Throwable thrown) {
        for (Throwable t = thrown; t != null; t = next(t)) {
            if (t instanceof SSLException || t.getClass().getName().contains("Ssl")) {
                return new Cause(TLS, t.getMessage() != null ? t.getMessage() : t.getClass().getSimpleName());
            }
        }
        for (Throwable t = thrown; t != null; t = next(t)) {
            // before ConnectException: netty's ConnectTimeoutException is one
            if (t instanceof SocketTimeoutException || t instanceof TimeoutException
                    || t.getClass().getSimpleName().contains("Timeout")) {
                return new Cause(TIMEOUT, null);
            }
            if (t instanceof UnknownHostException) {
                return new Cause(UNKNOWN_HOST, null);
            }
            if (t instanceof ConnectException) {
                return new Cause(REFUSED, null);
            }
        }
        return new Cause(UNREACHABLE, null);
    }

    /** The kind an HTTP status stands for, if it is one of these (429, 5xx); other statuses are the caller's. */
    public static Optional<TransportFailure> ofStatus(int status) {
        if (status == 429) {
            return Optional.of(RATE_LIMITED);
        }
        return status >= 500 ? Optional.of(SERVER_ERROR) : Optional.empty();
    }

    /** The body as JSON, or null when it is blank or not JSON (then the answer is {@link #NOT_JSON}). */
    public static JsonNode json(ObjectMapper mapper, String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        try {
            return mapper.readTree(body);
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    private static Throwable next(Throwable t) {
        return t.getCause() == t ? null : t.getCause();
    }
}
