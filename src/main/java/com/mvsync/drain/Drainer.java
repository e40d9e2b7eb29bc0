package com.mvsync.drain;

import com.mvsync.budget.Admission;
import com.mvsync.budget.CallBudget;
import com.mvsync.magento.EntityType;
import com.mvsync.orchestration.QueuedSync;
import com.mvsync.queue.Claim;
import com.mvsync.queue.Processed;
import com.mvsync.queue.QueueStore;
import com.mvsync.queue.QueuedEvent;
import com.mvsync.settings.SettingsStore;
import com.mvsync.settings.SyncSettings;
import com.mvsync.store.Outcome;
import com.mvsync.store.LogLine;
import com.mvsync.store.SyncLog;
import com.mvsync.store.Written;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * Works off the queue: claims due items priority by priority (every customer and product before any order, every
 * order before any invoice, within a run), syncs each through {@link QueuedSync} with at most {@code concurrency} in
 * flight, and settles it by how that ended ({@link Processed}). It stops claiming when what is left of the
 * budget is below the reserve or below the slowest item so far, so an invocation ends before its timeout; what is
 * left stays due for the next run.
 */
@ApplicationScoped
public class Drainer {

    private static final Logger LOG = Logger.getLogger(Drainer.class);
    /**
     * Items fetched per due query beyond those already seen in the run; also the batch the sync prepares at once
     * (one bulk Vtiger lookup per module answers up to 100 records).
     */
    static final int PAGE = 100;

    private final QueueStore queue;
    private final SyncLog log;
    private final SettingsStore settings;
    private final PeriodTracker periods;
    private final DrainConfig config;
    private final Function<List<QueuedEvent>, QueuedSync.Batch> prepare;
    private final BiFunction<QueuedEvent, QueuedSync.Batch, Processed> process;
    /** Whether an item's sync may call Vtiger; one that does not neither waits for nor reserves Vtiger's budget. */
    private final Predicate<QueuedEvent> callsVtiger;
    private final Clock clock;
    private final Admission calls;

    @Inject
    public Drainer(QueueStore queue, SyncLog log, SettingsStore settings, PeriodTracker periods, DrainConfig config,
            QueuedSync sync, Clock clock, CallBudget budget) {
        this(queue, log, settings, periods, config, sync::prepare, sync::process, sync::callsVtiger, clock, budget);
    }

    /** The drain's own tests (claiming, order, concurrency, settling), with {@code process} standing in for the sync. */
    Drainer(QueueStore queue, SyncLog log, SettingsStore settings, PeriodTracker periods, DrainConfig config,
            Function<QueuedEvent, Processed> process, Clock clock) {
        this(queue, log, settings, periods, config, page -> QueuedSync.Batch.NONE, (e, batch) -> process.apply(e),
                e -> true, clock, Admission.OPEN);
    }

    private Drainer(QueueStore queue, SyncLog log, SettingsStore settings, PeriodTracker periods, DrainConfig config,
            Function<List<QueuedEvent>, QueuedSync.Batch> prepare,
            BiFunction<QueuedEvent, QueuedSync.Batch, Processed> process, Predicate<QueuedEvent> callsVtiger,
            Clock clock, Admission calls) {
        this.calls = calls;
        this.callsVtiger = callsVtiger;
        this.queue = queue;
        this.log = log;
        this.settings = settings;
        this.periods = periods;
        this.config = config;
        this.prepare = prepare;
        this.process = process;
        this.clock = clock;
    }

    /**
     * The scheduled drain: the types due by their settings and last drain ({@link PeriodTracker#typesDue}), drained
     * within the budget. The cron types are marked drained when nothing was left over; a run cut short by its budget
     * leaves them unmarked, so the next scheduled run continues with the backlog.
     */
    public DrainReport drainDue(Duration budget, int concurrency) {
        Instant now = clock.instant();
        SyncSettings current = settings.current();
        Set<EntityType> types = periods.typesDue(current, now);
        DrainReport report = drain(new DrainRequest(budget, concurrency, types, now));
        if (report.remaining() == 0) {
            periods.markDrained(types.stream().filter(t -> current.cronPeriodOf(t).isPresent())
                    .collect(Collectors.toSet()), now);
        }
        return report;
    }

    public DrainReport drain(DrainRequest request) {
        return new Run(request).execute();
    }

    /** The state of one drain run. */
    private final class Run {
        private final DrainRequest request;
        private final long deadline;
        private final Semaphore slots;
        private final AtomicLong slowestNanos = new AtomicLong();
        private final AtomicInteger claimed = new AtomicInteger();
        private final AtomicInteger succeeded = new AtomicInteger();
        private final AtomicInteger retried = new AtomicInteger();
        private final AtomicInteger dead = new AtomicInteger();
        private final AtomicInteger busy = new AtomicInteger();
        private final AtomicInteger paused = new AtomicInteger();
        private volatile Instant callsResumeAt;

        Run(DrainRequest request) {
            this.request = request;
            this.deadline = System.nanoTime() + request.budget().toNanos();
            this.slots = new Semaphore(request.concurrency());
        }

        DrainReport execute() {
            int concurrency = request.concurrency();
            AtomicInteger threads = new AtomicInteger();
            // Java 17: no virtual threads; a fixed pool, with the semaphore bounding the items in flight.
            ExecutorService pool = new ThreadPoolExecutor(concurrency, concurrency, 0, TimeUnit.SECONDS,
                    new LinkedBlockingQueue<>(), r -> {
                        Thread t = new Thread(r, "mvsync-drain-" + threads.incrementAndGet());
                        t.setDaemon(true);
                        return t;
                    });
            boolean cutShort = false;
            try {
                for (int priority : QueueStore.PRIORITIES) {
                    if (!dispatch(priority, pool)) {
                        cutShort = true;
                        break;
                    }
                    // Everything of this priority is settled before the next priority starts.
                    awaitIdle();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                cutShort = true;
            } finally {
                try {
                    awaitIdle();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                pool.shutdown();
            }
            int remaining = cutShort ? queue.countDue(request.now(), request.entityTypes()) : 0;
            DrainReport report = new DrainReport(claimed.get(), succeeded.get(), retried.get(), dead.get(),
                    busy.get(), remaining, paused.get(), callsResumeAt);
            LOG.infof("drain of %s: %s", request.entityTypes().stream().map(EntityType::label).toList(), report);
            return report;
        }

        /** Starts every due item of a priority; false when the budget ran out first. */
        private boolean dispatch(int priority, ExecutorService pool) throws InterruptedException {
            Set<String> seen = new HashSet<>();
            while (true) {
                List<QueuedEvent> page = new ArrayList<>(queue.due(priority, request.now(), seen.size() + PAGE,
                        request.entityTypes()).stream().filter(e -> !seen.contains(e.entityKey())).limit(PAGE)
                        .toList());
                // Drains that overlap would otherwise all claim the same oldest item first; in a shuffled page
                // they mostly take different ones. Order within a priority carries no dependency.
                Collections.shuffle(page);
                if (page.isEmpty()) {
                    return true;
                }
                Batch batch = new Batch(page);
                for (QueuedEvent event : page) {
                    if (lowOnBudget() || !slots.tryAcquire(remainingNanos(), TimeUnit.NANOSECONDS)) {
                        batch.skipRest();
                        return false;
                    }
                    if (lowOnBudget() || callsClosed(callsVtiger.test(event))) {
                        slots.release();
                        batch.skipRest();
                        return false;
                    }
                    seen.add(event.entityKey());
                    batch.started();
                    pool.execute(() -> {
                        try {
                            handle(event, batch.prepared);
                        } finally {
                            batch.settled();
                            slots.release();
                        }
                    });
                }
            }
        }

        /** A page of due items, prepared by the sync at once and closed when its last item is settled. */
        private final class Batch {
            private final QueuedSync.Batch prepared;
            private final AtomicInteger unsettled;
            private int notStarted;

            Batch(List<QueuedEvent> page) {
                this.prepared = prepare(page);
                this.unsettled = new AtomicInteger(page.size());
                this.notStarted = page.size();
            }

            void started() {
                notStarted--;
            }

            void settled() {
                if (unsettled.decrementAndGet() == 0) {
                    release();
                }
            }

            /** The budget ran out: the items not started count as settled. */
            void skipRest() {
                if (notStarted > 0 && unsettled.addAndGet(-notStarted) == 0) {
                    release();
                }
                notStarted = 0;
            }

            private void release() {
                try {
                    prepared.close();
                } catch (RuntimeException e) {
                    LOG.warnf(e, "drain: releasing a prepared batch failed");
                }
            }
        }

        private QueuedSync.Batch prepare(List<QueuedEvent> page) {
            try {
                return Drainer.this.prepare.apply(page);
            } catch (RuntimeException e) {
                LOG.warnf(e, "drain: preparing a batch of %d items failed; they are processed one by one",
                        page.size());
                return QueuedSync.Batch.NONE;
            }
        }

        private void handle(QueuedEvent event, QueuedSync.Batch prepared) {
            long started = System.nanoTime();
            try {
                Optional<Claim> claim = queue.claim(event, config.lease());
                if (claim.isEmpty()) {
                    busy.incrementAndGet();
                    return;
                }
                claimed.incrementAndGet();
                settle(claim.get(), process(claim.get().event(), prepared));
            } catch (RuntimeException e) {
                // The store failed: a claimed item stays held until its lease lapses, then is synced again.
                LOG.errorf(e, "drain: could not settle %s", event.entityKey());
            } finally {
                slowestNanos.accumulateAndGet(System.nanoTime() - started, Math::max);
            }
        }

        /**
         * Whether Vtiger calls cannot be made now (budget spent, or paused): a pause that ends while the run can still
         * work is waited out; a longer one ends the claiming of this run.
         */
        private boolean callsClosed(boolean vtiger) throws InterruptedException {
            for (int round = 0;; round++) {
                // An item that makes no Vtiger call heeds only a failed connection (nothing reserved for it).
                Optional<Admission.Closed> closed = vtiger ? calls.check() : calls.checkConnection();
                if (closed.isEmpty()) {
                    return false;
                }
                Admission.Closed c = closed.get();
                long wait = Duration.between(clock.instant(), c.until()).toNanos();
                if (c.untilChecked() || round > 100 || wait > remainingNanos() - Math.max(config.drainReserve().toNanos(),
                        slowestNanos.get())) {
                    callsResumeAt = c.until();
                    LOG.infof("drain: stops claiming, %s until %s", c.reason(), c.until());
                    return true;
                }
                TimeUnit.NANOSECONDS.sleep(Math.max(wait, TimeUnit.MILLISECONDS.toNanos(5)));
            }
        }

        private Processed process(QueuedEvent event, QueuedSync.Batch prepared) {
            try {
                // Calls may wait for the next window as long as the run can still settle the item afterwards.
                Duration wait = Duration.ofNanos(Math.max(0, remainingNanos() - config.drainReserve().toNanos()));
                Processed processed = CallBudget.waitingAtMost(wait, () -> Drainer.this.process.apply(event, prepared));
                return processed != null ? processed : Processed.retry("the processor returned no outcome");
            } catch (RuntimeException e) {
                LOG.warnf(e, "drain: processing %s failed", event.entityKey());
                return Processed.retry(e.getClass().getSimpleName()
                        + (e.getMessage() == null ? "" : ": " + e.getMessage()));
            }
        }

        private void settle(Claim claim, Processed processed) {
            QueuedEvent event = claim.event();
            switch (processed.outcome()) {
                case SYNCED, REPLAYED -> {
                    queue.complete(claim);
                    succeeded.incrementAndGet();
                    record(event, processed, Outcome.SYNCED, null);
                }
                case SKIPPED -> {
                    queue.complete(claim);
                    succeeded.incrementAndGet();
                    record(event, processed, Outcome.SKIPPED, processed.error());
                }
                case QUEUED -> {
                    if (processed.resumeAt() == null) {
                        failed(claim, processed.error(), true);
                    } else if (queue.defer(claim, processed.resumeAt(), processed.error())) {
                        paused.incrementAndGet();
                        callsResumeAt = processed.resumeAt();
                        record(event, null, Outcome.QUEUED, processed.error());
                    }
                }
                default -> failed(claim, processed.error(), processed.outcome().retryable());
            }
        }

        private void failed(Claim claim, String error, boolean retryable) {
            switch (queue.fail(claim, error, retryable)) {
                case DEAD -> {
                    dead.incrementAndGet();
                    record(claim.event(), null, Outcome.DEAD, error);
                }
                case RETRYING -> {
                    retried.incrementAndGet();
                    record(claim.event(), null, Outcome.FAILED, error);
                }
                case LOST -> LOG.warnf("drain: lost the claim of %s before recording its failure: %s",
                        claim.event().entityKey(), error);
            }
        }

        /**
         * The line carries the label the item got when queued (the drain does not parse the body to log), and what
         * a sync processed (null for a failure): its records, notes and changes, in the history it names.
         */
        private void record(QueuedEvent event, Processed processed, Outcome result, String error) {
            String key = processed == null || processed.logKey() == null ? event.entityKey() : processed.logKey();
            boolean done = processed != null && result != Outcome.SKIPPED;
            try {
                log.record(clock.instant(), new LogLine(key, event.entityType().label(),
                        key.substring(key.indexOf('#') + 1), event.label(), result, error,
                        done ? processed.notes() : List.of(), done ? processed.written() : Written.NONE),
                        done ? processed.vtigerIds() : Map.of());
            } catch (RuntimeException e) {
                LOG.warnf(e, "drain: could not log the %s of %s", result.wire(), event.entityKey());
            }
        }

        private void awaitIdle() throws InterruptedException {
            slots.acquire(request.concurrency());
            slots.release(request.concurrency());
        }

        private long remainingNanos() {
            return deadline - System.nanoTime();
        }

        private boolean lowOnBudget() {
            long reserve = Math.max(config.drainReserve().toNanos(), slowestNanos.get());
            return remainingNanos() < reserve;
        }
    }
}
