package com.mvsync.vtiger;

import java.util.function.UnaryOperator;

/**
 * What the client asks before each HTTP request to Vtiger and tells after each answer: the one hook through which a
 * call budget shared by every container (package {@code budget}) paces the calls, without this package knowing where
 * the budget is kept. {@link #OPEN} lets every call through.
 */
public interface CallGate {

    /**
     * Before a request: returns when the call may be made (possibly after waiting for the next window).
     *
     * @throws VtigerPausedException when calls are paused or the budget is spent beyond what the caller may wait
     */
    void beforeCall(String operation);

    /**
     * After an answer, with its status and headers ({@code header} gives a header's value, or null): lets the gate
     * correct its count from Vtiger's own (X-FloodControl-Remaining) and turn an HTTP 429 into a shared pause.
     *
     * @throws VtigerPausedException for an HTTP 429, naming when calls may resume
     */
    void afterAnswer(String operation, int status, UnaryOperator<String> header);

    /**
     * The connection itself failed ({@link VtigerConnectionException}): the gate pauses every container's calls
     * until a check of the connection succeeds.
     */
    default void connectionFailed(VtigerConnectionException failure) {
        // no shared state: the caller's exception is all
    }

    /** No budget: every call goes ahead, a 429 is the client's plain {@link VtigerException#RATE_LIMITED}. */
    CallGate OPEN = new CallGate() {
        @Override
        public void beforeCall(String operation) {
            // unlimited
        }

        @Override
        public void afterAnswer(String operation, int status, UnaryOperator<String> header) {
            // nothing to learn
        }
    };
}
