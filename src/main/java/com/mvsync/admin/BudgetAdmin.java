package com.mvsync.admin;

import com.mvsync.backfill.Backfill;
import com.mvsync.budget.CallBudget;
import com.mvsync.budget.ConnectionPause;
import com.mvsync.magento.EntityType;
import com.mvsync.queue.QueueStatus;
import com.mvsync.queue.QueueStore;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /admin/budget}: the Vtiger call budget (limits, calls reserved this window and today, the shared pause
 * after a 429), the queue per type and, given the budget, when what is queued and what running backfills have still
 * to queue will be synced: items x calls per item / calls per window.
 */
@ApplicationScoped
public class BudgetAdmin implements AdminResource {

    static final String BUDGET = "/admin/budget";
    static final String PAUSE = "/admin/pause";

    /**
     * Vtiger calls to sync one new queued entity, as measured against the double (README "Performance"): the drain
     * looks a batch's customers and products up in bulk, so a new customer costs its 3 creates (+ 0.03 for the bulk
     * queries) and a product its create; an order or invoice its lookup, create and the buyer's. An edit of a linked
     * entity costs fewer, so the estimate errs late.
     */
    static final Map<EntityType, Integer> CALLS_PER_ITEM = Map.of(EntityType.CUSTOMER, 3, EntityType.PRODUCT, 1,
            EntityType.ORDER, 3, EntityType.INVOICE, 3);

    private final CallBudget budget;
    private final QueueStore queue;
    private final Backfill backfill;
    private final AdminHttp http;
    private final Clock clock;
    private final ConnectionPause pause;

    public BudgetAdmin(CallBudget budget, QueueStore queue, Backfill backfill, AdminHttp http, Clock clock,
            ConnectionPause pause) {
        this.pause = pause;
        this.budget = budget;
        this.queue = queue;
        this.backfill = backfill;
        this.http = http;
        this.clock = clock;
    }

    @Override
    public List<AdminRoute> routes() {
        return List.of(AdminRoute.of("GET", BUDGET, (request, p) -> http.ok(200, view())),
                AdminRoute.of("GET", PAUSE, (request, p) -> http.ok(200, pauseView())));
    }

    Map<String, Object> view() {
        Instant now = clock.instant();
        CallBudget.Usage usage = budget.usage();
        Map<String, Object> limits = new LinkedHashMap<>();
        limits.put("callsPerMinute", usage.callsPerMinute().orElse(null));
        limits.put("callsPerDay", usage.callsPerDay().orElse(null));
        limits.put("window", usage.window().toString());
        Map<String, Object> used = new LinkedHashMap<>();
        used.put("thisWindow", usage.usedThisWindow());
        used.put("today", usage.usedToday());
        used.put("windowEnds", usage.windowEnds().toString());

        Map<String, Object> queued = new LinkedHashMap<>();
        Map<String, Object> backfills = new LinkedHashMap<>();
        long calls = 0;
        // The queue's counters (one read), not a walk of every due item: this panel loads after each change the
        // Queue screen shows. Held items count, as their sync may still fail and be retried.
        Map<QueueStatus, Map<EntityType, Long>> counted = queue.countsByType();
        for (EntityType type : EntityType.values()) {
            long items = counted.get(QueueStatus.PENDING).getOrDefault(type, 0L)
                    + counted.get(QueueStatus.IN_PROGRESS).getOrDefault(type, 0L);
            Backfill.Progress progress = backfill.progress(type);
            long toQueue = progress.status().equals(Backfill.Progress.RUNNING)
                    ? Math.max(0, progress.total() - progress.queued()) : 0;
            queued.put(type.label(), items);
            if (!progress.status().equals(Backfill.Progress.IDLE)) {
                backfills.put(type.label(), Map.of("status", progress.status(), "queued", progress.queued(),
                        "total", progress.total()));
            }
            calls += (items + toQueue) * CALLS_PER_ITEM.getOrDefault(type, 3);
        }

        Map<String, Object> estimate = new LinkedHashMap<>();
        estimate.put("calls", calls);
        estimate.put("callsPerItem", Map.of("customer", CALLS_PER_ITEM.get(EntityType.CUSTOMER),
                "product", CALLS_PER_ITEM.get(EntityType.PRODUCT), "order", CALLS_PER_ITEM.get(EntityType.ORDER),
                "invoice", CALLS_PER_ITEM.get(EntityType.INVOICE)));
        estimate.put("doneBy", doneBy(usage, calls, now));

        Map<String, Object> out = new LinkedHashMap<>();
        out.put("limits", limits);
        out.put("used", used);
        out.put("pausedUntil", usage.pausedUntil().map(Instant::toString).orElse(null));
        out.put("pauseReason", usage.pauseReason().orElse(null));
        out.put("connectionPause", pauseView());
        out.put("queued", queued);
        out.put("backfills", backfills);
        out.put("estimate", estimate);
        return out;
    }

    /**
     * {@code GET /admin/pause} (the console's banner, on every screen): whether a failure of the connection pauses the
     * sync, which system, why, since when, and when it is checked again.
     */
    Map<String, Object> pauseView() {
        Map<String, Object> out = new LinkedHashMap<>();
        var paused = pause.stored();
        out.put("paused", paused.isPresent());
        paused.ifPresent(p -> {
            out.put("system", p.system().label());
            out.put("reason", p.reason());
            out.put("module", p.module());
            out.put("since", p.since().toString());
            out.put("checkedAt", p.checkedAt().toString());
            out.put("nextCheck", pause.nextCheck(p).toString());
        });
        return out;
    }

    /** When {@code calls} will have been made at the budget's pace; null without limits (the pace is Vtiger's). */
    static String doneBy(CallBudget.Usage usage, long calls, Instant now) {
        if (calls == 0) {
            return now.toString();
        }
        double perSecond = Double.MAX_VALUE;
        if (usage.callsPerMinute().isPresent()) {
            perSecond = usage.callsPerMinute().get() / (double) usage.window().toSeconds();
        }
        if (usage.callsPerDay().isPresent()) {
            perSecond = Math.min(perSecond, usage.callsPerDay().get() / 86_400.0);
        }
        if (perSecond == Double.MAX_VALUE || perSecond <= 0) {
            return null;
        }
        Instant start = usage.pausedUntil().filter(now::isBefore).orElse(now);
        return start.plusSeconds((long) Math.ceil(calls / perSecond)).toString();
    }
}
