package com.mvsync.budget;

import com.mvsync.cache.TtlCache;
import com.mvsync.store.StoreException;
import com.mvsync.vtiger.CallGate;
import com.mvsync.vtiger.VtigerException;
import com.mvsync.vtiger.VtigerConnectionException;
import com.mvsync.vtiger.VtigerPausedException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.jboss.logging.Logger;

/**
 * The Vtiger call budget of this container, drawn from the one every container shares in DynamoDB
 * ({@link BudgetStore}): it reserves calls in blocks (one conditional write for up to {@link BudgetConfig#block()}
 * calls) and hands them out one per request; when the window is spent, or Vtiger answered 429 and every container
 * pauses, a call waits for the window or the pause to end if its caller can wait that long
 * ({@link #waitingAtMost}; else {@link BudgetConfig#maxWait()}), and otherwise fails as a
 * {@link VtigerPausedException} naming when calls resume. Vtiger's own count in the answers' headers can only lower
 * the local one (Remaining 3: at most 3 more from this block), and a Remaining of 0 pauses everyone until its reset.
 * Thread-safe.
 */
@ApplicationScoped
public class CallBudget implements CallGate, Admission {

    private static final Logger LOG = Logger.getLogger(CallBudget.class);
    /** Set by a caller with a deadline of its own (the drain): how long its calls may wait. */
    private static final ThreadLocal<Long> WAIT_NANOS = new ThreadLocal<>();
    private static final String PAUSE = "pause";

    private final BudgetConfig config;
    private final BudgetStore store;
    private final Clock clock;
    /** Without limits there is no reservation to check the pause with: it is read at most every pause-check. */
    private final TtlCache<String, Optional<Instant>> pauseCache;

    // Guarded by this: the calls reserved and not yet used, for the window and day they were reserved in.
    private long window = Long.MIN_VALUE;
    private LocalDate day;
    private int permits;
    /** Known locally: calls cannot be made before {@code blocked.until}. */
    private volatile Block blocked;

    /** Why calls cannot be made until when; {@code code} is the VtigerException code a call meeting it fails with. */
    private record Block(Instant until, String code, String reason) {
        VtigerPausedException exception(String operation) {
            return new VtigerPausedException(code, reason, operation,
                    code.equals(VtigerException.RATE_LIMITED) ? 429 : 0, until);
        }
    }

    /** A failure of the connection pauses calls until a check of it succeeds (no end time of its own). */
    private final ConnectionPause connection;

    public CallBudget(BudgetConfig config, BudgetStore store, Clock clock) {
        this(config, store, clock, new ConnectionPause(store, config, clock));
    }

    @Inject
    public CallBudget(BudgetConfig config, BudgetStore store, Clock clock, ConnectionPause connection) {
        this.config = config;
        this.store = store;
        this.clock = clock;
        this.connection = connection;
        this.pauseCache = new TtlCache<>(clock, config::pauseCheck);
    }

    /**
     * Runs {@code work} with its Vtiger calls allowed to wait up to {@code allowance} for the next window or the end
     * of a pause (the drain: what is left of its run); nested calls restore the outer allowance.
     */
    public static <T> T waitingAtMost(Duration allowance, Supplier<T> work) {
        Long outer = WAIT_NANOS.get();
        WAIT_NANOS.set(Math.max(0, allowance.toNanos()));
        try {
            return work.get();
        } finally {
            if (outer == null) {
                WAIT_NANOS.remove();
            } else {
                WAIT_NANOS.set(outer);
            }
        }
    }

    public boolean limited() {
        return config.callsPerMinute().isPresent() || config.callsPerDay().isPresent();
    }

    @Override
    public void beforeCall(String operation) {
        Long set = WAIT_NANOS.get();
        long giveUp = System.nanoTime() + (set != null ? set : config.maxWait().toNanos());
        for (int round = 0;; round++) {
            Block block = take(true);
            if (block == null) {
                return;
            }
            if (block.code().equals(VtigerException.CONNECTION_PAUSED)) {
                // Waiting is pointless: only a check of the connection ends this pause.
                throw VtigerConnectionException.paused(block.reason(), operation, clock.instant());
            }
            long wait = Duration.between(clock.instant(), block.until()).toNanos();
            if (round > 100 || System.nanoTime() + wait > giveUp) {
                throw block.exception(operation);
            }
            try {
                TimeUnit.NANOSECONDS.sleep(Math.max(wait, TimeUnit.MILLISECONDS.toNanos(5)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw block.exception(operation);
            }
        }
    }

    @Override
    public void afterAnswer(String operation, int status, UnaryOperator<String> header) {
        Instant now = clock.instant();
        RateLimitHeaders headers = RateLimitHeaders.of(header, now);
        if (status == 429) {
            Instant until = headers.resumeAt().orElse(now.plus(config.defaultPause()));
            until = wholeMillis(until.isAfter(now) ? until : now.plusSeconds(1));
            pauseEverywhere(until, "Vtiger answered HTTP 429 (rate limit): calls paused");
            throw new VtigerPausedException(VtigerException.RATE_LIMITED, "Vtiger is rate limiting (HTTP 429)",
                    operation, 429, until);
        }
        correct(headers.minuteRemaining().isPresent() ? headers.minuteRemaining().getAsInt() : -1,
                headers.minuteReset(), "Vtiger reports no calls left this minute");
        correct(headers.dayRemaining().isPresent() ? headers.dayRemaining().getAsInt() : -1, headers.dayReset(),
                "Vtiger reports no calls left today");
    }

    /** Vtiger's count wins where it is lower: at most {@code remaining} more calls; none left pauses everyone. */
    private void correct(int remaining, Optional<Instant> reset, String reason) {
        if (remaining < 0) {
            return;
        }
        synchronized (this) {
            permits = Math.min(permits, remaining);
        }
        if (remaining == 0 && reset.isPresent()) {
            pauseEverywhere(reset.get(), reason);
        }
    }

    @Override
    public void connectionFailed(VtigerConnectionException failure) {
        try {
            connection.pause(ConnectionPause.System.VTIGER, failure.detail(), failure.module());
        } catch (StoreException e) {
            LOG.warnf(e, "could not share the connection pause; the item is retried as usual");
        }
    }

    @Override
    public Optional<Closed> checkConnection() {
        return connection.current().map(down -> new Closed(clock.instant().plus(config.connectionRecheck()),
                "the " + down.system().label() + " connection failed: " + down.reason(), true));
    }

    @Override
    public Optional<Closed> check() {
        Block block = take(false);
        return block == null ? Optional.empty() : Optional.of(new Closed(block.until(), block.reason(),
                block.code().equals(VtigerException.CONNECTION_PAUSED)));
    }

    /**
     * A call for this container: null when one is available (taken when {@code consume}, else kept for the next
     * call), else what blocks calls.
     */
    private Block take(boolean consume) {
        Instant now = clock.instant();
        Optional<ConnectionPause.Paused> down = connection.current();
        if (down.isPresent()) {
            // Until the next re-check at the earliest: a drain that meets it stops claiming for this run.
            return new Block(now.plus(config.connectionRecheck()), VtigerException.CONNECTION_PAUSED,
                    "the " + down.get().system().label() + " connection failed: " + down.get().reason());
        }
        Block known = blocked;
        if (known != null && now.isBefore(known.until())) {
            return known;
        }
        if (!limited()) {
            // No lock: without limits there is nothing to count, only the shared pause to honour.
            Optional<Instant> paused = pauseCache.get(PAUSE, k -> store.pausedUntil());
            if (paused.isPresent() && now.isBefore(paused.get())) {
                Block pause = new Block(paused.get(), VtigerException.RATE_LIMITED,
                        "Vtiger answered HTTP 429 (rate limit): calls paused");
                blocked = pause;
                return pause;
            }
            return null;
        }
        return takeCounted(consume);
    }

    private synchronized Block takeCounted(boolean consume) {
        // The time after the lock: a thread that waited for another's reservation must not use a slice that ended.
        Instant now = clock.instant();
        Block known = blocked;
        if (known != null && now.isBefore(known.until())) {
            return known;
        }
        long index = now.toEpochMilli() / sliceMillis();
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        if (index != window || !today.equals(day)) {
            window = index;
            day = today;
            permits = 0; // what is left of an old window's block stays counted there: under-used, never over
        }
        // A call let through just before its slice ends reaches Vtiger in the next one: the last moments of a slice
        // make no calls (they wait for the next), so requests in flight cannot carry a slice's calls into its
        // successor's span. Admission is not refused for it: the wait is shorter than any caller's.
        Instant sliceEnds = Instant.ofEpochMilli((index + 1) * sliceMillis());
        if (consume && slices() > 1 && now.plus(guard()).isAfter(sliceEnds)) {
            return new Block(sliceEnds, VtigerException.BUDGET_EXHAUSTED, "the Vtiger call budget's slice ends");
        }
        if (permits == 0) {
            Block refused = reserve(now, index, today);
            if (refused != null) {
                blocked = refused;
                return refused;
            }
            if (consume && slices() > 1 && clock.instant().plus(guard()).isAfter(sliceEnds)) {
                // The reservation took until the slice's end: its calls are left unused, never spilled over.
                return new Block(sliceEnds, VtigerException.BUDGET_EXHAUSTED, "the Vtiger call budget's slice ends");
            }
        }
        if (consume) {
            permits--;
        }
        return null;
    }

    /** Fills {@link #permits} from the shared budget; null when it did, else why not and until when. */
    private Block reserve(Instant now, long index, LocalDate today) {
        List<BudgetStore.Window> windows = new ArrayList<>();
        config.callsPerMinute().ifPresent(l -> windows.add(BudgetStore.Window.minute(index, sliceMillis(),
                perSlice(l))));
        config.callsPerDay().ifPresent(l -> windows.add(BudgetStore.Window.day(today, l)));
        int n = blockSize();
        for (int attempt = 0; attempt < 4; attempt++) {
            BudgetStore.Reservation r = store.reserve(windows, n, now);
            if (r.granted() > 0) {
                permits = r.granted();
                return null;
            }
            if (r.pausedUntil() != null) {
                return new Block(r.pausedUntil(), VtigerException.RATE_LIMITED,
                        "Vtiger answered HTTP 429 (rate limit): calls paused");
            }
            int left = Integer.MAX_VALUE;
            Block spent = null;
            for (BudgetStore.Window w : windows) {
                long remaining = w.limit() - r.used().getOrDefault(w.pk(), 0L);
                left = (int) Math.min(left, Math.max(0, remaining));
                if (remaining <= 0 && w.pk().startsWith("BUDGET#D#")) {
                    spent = new Block(today.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC),
                            VtigerException.BUDGET_EXHAUSTED,
                            "the Vtiger call budget of " + w.limit() + " calls a day is spent");
                } else if (remaining <= 0 && spent == null) {
                    spent = new Block(Instant.ofEpochMilli((index + 1) * sliceMillis()),
                            VtigerException.BUDGET_EXHAUSTED, "the Vtiger call budget of "
                                    + config.callsPerMinute().orElse(0) + " calls per " + text(config.window())
                                    + " is spent" + (slices() > 1 ? " for this " + text(Duration.ofMillis(
                                            sliceMillis())) + " slice (" + w.limit() + " calls)" : ""));
                }
            }
            if (spent != null) {
                return spent;
            }
            n = Math.min(n, left); // less is left than a block: take what is
        }
        // Other containers took what was left between the write and the read, four times: try again shortly.
        return new Block(now.plusMillis(200), VtigerException.BUDGET_EXHAUSTED,
                "the Vtiger call budget is contended");
    }

    /** A quarter of a slice's calls at most, so blocks stranded in containers at a slice's end stay small. */
    int blockSize() {
        int size = Math.max(1, config.block());
        if (config.callsPerMinute().isPresent()) {
            size = Math.min(size, Math.max(1, perSlice(config.callsPerMinute().get()) / 4));
        }
        return size;
    }

    /** The end of each slice that makes no calls: a tenth of the slice, at most 300 ms. */
    private Duration guard() {
        return Duration.ofMillis(Math.min(300, sliceMillis() / 10));
    }

    private int slices() {
        return Math.max(1, config.slices());
    }

    private long sliceMillis() {
        return Math.max(1, config.window().toMillis() / slices());
    }

    /** Calls one slice allows: any window-long span overlaps at most slices + 1 slices. */
    int perSlice(int limit) {
        return slices() == 1 ? limit : Math.max(1, limit / (slices() + 1));
    }

    /** Every container stops calling until {@code until}; this one at once, the others at their next reservation. */
    /** The pause is stored in milliseconds: every container, answer and message names the same instant. */
    private static Instant wholeMillis(Instant at) {
        Instant millis = Instant.ofEpochMilli(at.toEpochMilli());
        return millis.equals(at) ? at : millis.plusMillis(1);
    }

    private void pauseEverywhere(Instant pauseEnd, String reason) {
        Instant until = wholeMillis(pauseEnd);
        synchronized (this) {
            Block known = blocked;
            if (known == null || known.until().isBefore(until)) {
                blocked = new Block(until, VtigerException.RATE_LIMITED, reason);
            }
            permits = 0;
        }
        LOG.warnf("%s until %s (every container)", reason, until);
        try {
            store.pause(until, reason);
            pauseCache.invalidate(PAUSE);
        } catch (StoreException e) {
            LOG.warnf(e, "could not share the Vtiger pause; this container keeps it");
        }
    }

    /** What the admin sees: limits, calls reserved in the last window (its slices) and today, the shared pause. */
    public Usage usage() {
        Instant now = clock.instant();
        long index = now.toEpochMilli() / sliceMillis();
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        long minute = 0;
        if (config.callsPerMinute().isPresent()) {
            for (long i = index - slices() + 1; i <= index; i++) {
                minute += store.used(BudgetStore.Window.minute(i, sliceMillis(), 0).pk());
            }
        }
        long daily = config.callsPerDay().isPresent() ? store.used(BudgetStore.Window.day(today, 0).pk()) : 0;
        Optional<BudgetStore.Pause> pause = store.pause().filter(p -> now.isBefore(p.until()));
        return new Usage(config.callsPerMinute(), config.callsPerDay(), config.window(), minute, daily,
                Instant.ofEpochMilli((index + 1) * sliceMillis()),
                pause.map(BudgetStore.Pause::until), pause.map(BudgetStore.Pause::reason));
    }

    /**
     * The budget as the admin sees it; {@code used*} are calls reserved (a container's unused block counts), so
     * they can run slightly ahead of the calls made; {@code usedThisWindow} covers the slices of the last window,
     * {@code windowEnds} is the end of the current slice.
     */
    public record Usage(Optional<Integer> callsPerMinute, Optional<Integer> callsPerDay, Duration window,
            long usedThisWindow, long usedToday, Instant windowEnds, Optional<Instant> pausedUntil,
            Optional<String> pauseReason) {
    }

    private static String text(Duration window) {
        return window.equals(Duration.ofMinutes(1)) ? "minute" : window.toString().substring(2).toLowerCase(java.util.Locale.ROOT);
    }
}
