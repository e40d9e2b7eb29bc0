package com.mvsync.budget;

import java.time.Instant;
import java.util.Optional;

/**
 * Whether Vtiger calls can be made now, asked before work that needs them starts (an immediate-mode webhook, the
 * drain before it claims an item): empty when they can, else until when and why not. {@link #OPEN} always can.
 */
public interface Admission {

    Optional<Closed> check();

    /**
     * Only whether a failure of the connection pauses the sync (for work that makes no Vtiger call, such as a write
     * back to Magento, which must neither wait for nor reserve Vtiger's budget); nothing is reserved.
     */
    default Optional<Closed> checkConnection() {
        return Optional.empty();
    }

    /**
     * Calls are paused (Vtiger's 429) or the budget is spent until {@code until}; or a failure of the connection
     * pauses them until a check of it succeeds ({@code untilChecked}: {@code until} is the next check at the
     * earliest, and waiting for it does not help).
     */
    record Closed(Instant until, String reason, boolean untilChecked) {
        public Closed(Instant until, String reason) {
            this(until, reason, false);
        }
    }

    Admission OPEN = Optional::empty;
}
