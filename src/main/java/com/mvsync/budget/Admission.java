package com.mvsync.budget;

import java.time.Instant;
import java.util.Optional;

/**
 * Whether Vtiger calls can be made now, asked before work that needs them starts (an immediate-mode webhook, the
 * drain before it claims an item): empty when they can, else until when and why not. {@link #OPEN} always can.
 */
public interface Admission {

    Optional<Closed> check();

    /** Calls are paused (Vtiger's 429) or the budget is spent until {@code until}. */
    record Closed(Instant until, String reason) {
    }

    Admission OPEN = Optional::empty;
}
