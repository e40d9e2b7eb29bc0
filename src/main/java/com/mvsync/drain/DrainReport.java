package com.mvsync.drain;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;

/**
 * What a drain did: items claimed; of those synced (or skipped), retried later, parked dead; items another drain
 * held ({@code skippedBusy}); and items still due when the budget ran out ({@code remaining}, for the next run).
 * {@code paused}: claimed items that met a Vtiger pause or a spent call budget and wait for it, no attempt counted;
 * {@code callsResumeAt}: when the drain stopped claiming because Vtiger calls cannot be made before then (else null).
 */
@RegisterForReflection
public record DrainReport(int claimed, int succeeded, int retried, int dead, int skippedBusy, int remaining,
        int paused, Instant callsResumeAt) {

    public DrainReport(int claimed, int succeeded, int retried, int dead, int skippedBusy, int remaining) {
        this(claimed, succeeded, retried, dead, skippedBusy, remaining, 0, null);
    }
}
