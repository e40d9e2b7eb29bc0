package com.mvsync.queue;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * What a drain did: items claimed; of those synced (or skipped), retried later, parked dead; items another drain
 * held ({@code skippedBusy}); and items still due when the budget ran out ({@code remaining}, for the next run).
 */
@RegisterForReflection
public record DrainReport(int claimed, int succeeded, int retried, int dead, int skippedBusy, int remaining) {
}
