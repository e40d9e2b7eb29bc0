package com.mvsync.store;

/** The outcome of trying to take an event for processing. */
public sealed interface EventClaim {

    /** First delivery (or a retry after a failure or a lapsed claim): process it. */
    record Claimed(String eventKey, int attempt) implements EventClaim {
    }

    /** Already synced: answer with the stored result and touch nothing. */
    record AlreadyDone(String eventKey, String resultJson) implements EventClaim {
    }

    /** Another invocation holds it right now. */
    record InProgress(String eventKey) implements EventClaim {
    }
}
