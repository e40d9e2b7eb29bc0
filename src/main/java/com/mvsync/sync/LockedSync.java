package com.mvsync.sync;

import com.mvsync.store.EntityLink;
import com.mvsync.store.SyncLedger;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Syncs an entity on the side of another sync (an invoice's order, an order's buyer or new product) under the
 * entity's lock, and links what it made before releasing the lock: two syncs needing the same new entity at once must
 * not both make its records. The one locked out gets {@link com.mvsync.store.EntityBusyException} and is retried; it
 * then finds the link.
 */
@ApplicationScoped
public class LockedSync {

    /** Which failures leave the records made before them linked ({@code partialLink()}), not just the locked link. */
    enum KeepPartial {
        NEVER, VTIGER_FAILURES, VTIGER_FAILURES_AND_REFUSALS;

        Optional<EntityLink> of(RuntimeException e) {
            if (this != NEVER && e instanceof SyncFailedException failed) {
                return Optional.of(failed.partialLink());
            }
            if (this == VTIGER_FAILURES_AND_REFUSALS && e instanceof RecordRefusedException refused) {
                return Optional.of(refused.partialLink());
            }
            return Optional.empty();
        }
    }

    /** The entity's link as released, and what the sync returned: empty when the entity was linked already. */
    record Done<T>(EntityLink link, Optional<T> synced) {
    }

    private final SyncLedger ledger;

    public LockedSync(SyncLedger ledger) {
        this.ledger = ledger;
    }

    /**
     * Locks the entity; releases it at once when {@code linked} holds for its link; else runs {@code sync} on the link
     * and stores the link of what it returned ({@code linkOf}) as it releases the lock. A failure releases it with
     * the partial link {@code keep} names, or the link as locked.
     *
     * @throws com.mvsync.store.EntityBusyException when another sync holds the lock
     */
    <T> Done<T> run(String entityKey, Predicate<EntityLink> linked, Function<EntityLink, T> sync,
            Function<T, EntityLink> linkOf, KeepPartial keep) {
        EntityLink locked = ledger.lockEntity(entityKey);
        if (linked.test(locked)) {
            ledger.storeAndUnlock(locked);
            return new Done<>(locked, Optional.empty());
        }
        T result;
        try {
            result = sync.apply(locked);
        } catch (RuntimeException e) {
            ledger.storeAndUnlock(keep.of(e).orElse(locked));
            throw e;
        }
        EntityLink link = linkOf.apply(result);
        ledger.storeAndUnlock(link);
        return new Done<>(link, Optional.of(result));
    }
}
