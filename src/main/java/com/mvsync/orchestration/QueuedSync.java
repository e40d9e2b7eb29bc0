package com.mvsync.orchestration;

import com.mvsync.magento.EnvelopeParser;
import com.mvsync.magento.InvalidPayloadException;
import com.mvsync.magento.MagentoEvent;
import com.mvsync.queue.Processed;
import com.mvsync.queue.QueuedEvent;
import com.mvsync.settings.SettingsStore;
import com.mvsync.settings.SyncSettings;
import com.mvsync.sync.SourceConnectionException;
import com.mvsync.sync.SourceUnavailableException;
import com.mvsync.telemetry.SyncMetrics;
import com.mvsync.timing.DependencyTimer;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jboss.logging.MDC;

/**
 * The drain's sync of a queued event: its body replayed through the handler of the export that received it, with the
 * same parser and sync rules as a webhook, without the authentication that already happened. A page of due items is
 * prepared at once: each body is parsed there, once, and that event serves both the bulk lookups of the page's
 * customers and products ({@link DrainPrefetch}) and the item's sync.
 */
@ApplicationScoped
public class QueuedSync {

    private final EnvelopeParser parser;
    private final SyncHandlers handlers;
    private final SyncAttempt attempt;
    private final SettingsStore settings;
    private final SyncMetrics metrics;
    private final DrainPrefetch prefetch;
    private final VtigerChangeSync vtigerChanges;
    private final ScopedSettings scopedSettings;

    public QueuedSync(EnvelopeParser parser, SyncHandlers handlers, SyncAttempt attempt, SettingsStore settings,
            SyncMetrics metrics, DrainPrefetch prefetch, VtigerChangeSync vtigerChanges,
            ScopedSettings scopedSettings) {
        this.scopedSettings = scopedSettings;
        this.vtigerChanges = vtigerChanges;
        this.parser = parser;
        this.handlers = handlers;
        this.attempt = attempt;
        this.settings = settings;
        this.metrics = metrics;
        this.prefetch = prefetch;
    }

    /** A body as parsed: the event, or why it does not parse. */
    private record Parsed(String body, MagentoEvent event, InvalidPayloadException invalid) {
    }

    /**
     * A prepared page: its parsed bodies by entity key (the queue holds one item per entity), and its bulk lookups,
     * held until the page is closed.
     */
    public static final class Batch implements AutoCloseable {

        /** Nothing prepared: each item's body is parsed by its own sync, and its records looked up one by one. */
        public static final Batch NONE = new Batch(Map.of(), () -> { });

        private final Map<String, Parsed> parsed;
        private final Runnable release;

        private Batch(Map<String, Parsed> parsed, Runnable release) {
            this.parsed = parsed;
            this.release = release;
        }

        /** The page's parse of this body; none when the claim brought a newer body than the due query did. */
        private Parsed of(QueuedEvent queued) {
            Parsed p = parsed.get(queued.entityKey());
            return p != null && p.body().equals(queued.body()) ? p : null;
        }

        @Override
        public void close() {
            release.run();
        }
    }

    /**
     * Parses the page's bodies and looks up its unlinked customers and products in bulk. Only an optimisation: an
     * item synced without it gives the same result.
     */
    public Batch prepare(List<QueuedEvent> page) {
        Map<String, Parsed> parsed = new HashMap<>();
        Map<String, MagentoEvent> events = new HashMap<>();
        for (QueuedEvent queued : page) {
            if (VtigerChangeSync.ROUTE.equals(queued.route())) {
                continue; // a Vtiger change: nothing to look up in Vtiger
            }
            Parsed p;
            try {
                p = parse(queued);
            } catch (RuntimeException e) {
                continue; // left to the item's sync, which meets (and reports) it
            }
            parsed.put(queued.entityKey(), p);
            if (p.event() != null) {
                events.put(queued.entityKey(), p.event());
            }
        }
        return new Batch(parsed, prefetch.prefetch(page, events)::close);
    }

    /**
     * Whether syncing the item may call Vtiger: a Magento event does; a Vtiger change written back to Magento reads and
     * writes Magento only, so the drain claims it while Vtiger's budget is spent and reserves no Vtiger call for it.
     */
    public boolean callsVtiger(QueuedEvent queued) {
        return !VtigerChangeSync.ROUTE.equals(queued.route());
    }

    /** Syncs a claimed item, with the page's parse of its body when the page has it. */
    public Processed process(QueuedEvent queued, Batch batch) {
        if (VtigerChangeSync.ROUTE.equals(queued.route())) {
            return vtigerChange(queued);
        }
        SyncHandlers.Registered route = handlers.get(queued.route());
        MDC.put("event", queued.eventKey());
        MDC.put("entity", queued.entityKey());
        DependencyTimer.reset();
        long started = System.nanoTime();
        try {
            Parsed parsed = batch.of(queued);
            if (parsed == null) {
                parsed = parse(queued);
            }
            if (parsed.invalid() != null) {
                return Processed.dead("the queued body no longer parses: " + parsed.invalid().getMessage());
            }
            ScopedSettings.InScope inScope;
            try {
                inScope = scopedSettings.of(settings.current(), route.type(), parsed.event().entity());
            } catch (SourceUnavailableException | SourceConnectionException e) {
                return Processed.retry("the settings of its website could not be decided: " + e.getMessage());
            }
            SyncSettings current = inScope.settings();
            if (!current.anyEnabled(route.type())) {
                return Processed.skipped(route.type().label() + " sync is switched off " + inScope.where()
                        + (inScope.note() == null ? "" : " (" + inScope.note() + ")"));
            }
            SyncAttempt.Result result = attempt.run(route, parsed.event(), queued.eventKey(), queued.entityKey(),
                    current, SyncAttempt.Caller.DRAIN);
            Processed processed = switch (result.outcome()) {
                case SYNCED, REPLAYED -> Processed.synced(result.vtigerIds(), withNote(result.notes(),
                        inScope.note()), result.written());
                case SKIPPED -> Processed.skipped("a newer version was synced already");
                case IN_PROGRESS, FAILED, QUEUED -> result.resumeAt() != null
                        ? Processed.paused(result.error(), result.resumeAt()) : Processed.retry(result.error());
                case DEAD, REJECTED -> Processed.dead(result.error());
            };
            metrics.event(route.type(), SyncMetrics.Direction.MAGENTO_TO_VTIGER, processed.outcome(),
                    (System.nanoTime() - started) / 1_000_000, DependencyTimer.totals());
            return processed;
        } finally {
            MDC.clear();
        }
    }

    private static List<String> withNote(List<String> notes, String note) {
        if (note == null) {
            return notes;
        }
        List<String> out = new ArrayList<>(notes);
        out.add(note);
        return out;
    }

    /** The other direction (two-way sync): a change the Vtiger poll found, written back to Magento. */
    private Processed vtigerChange(QueuedEvent queued) {
        MDC.put("event", queued.eventKey());
        MDC.put("entity", queued.entityKey());
        DependencyTimer.reset();
        long started = System.nanoTime();
        try {
            if (!settings.current().anyEnabled(queued.entityType())) {
                return Processed.skipped(queued.entityType().label() + " sync is switched off in the settings");
            }
            Processed processed = vtigerChanges.process(queued);
            metrics.event(queued.entityType(), SyncMetrics.Direction.VTIGER_TO_MAGENTO, processed.outcome(),
                    (System.nanoTime() - started) / 1_000_000, DependencyTimer.totals());
            return processed;
        } finally {
            MDC.clear();
        }
    }

    private Parsed parse(QueuedEvent queued) {
        SyncHandlers.Registered route = handlers.get(queued.route());
        try {
            return new Parsed(queued.body(), parser.parse(queued.body().getBytes(StandardCharsets.UTF_8),
                    route.type()), null);
        } catch (InvalidPayloadException e) {
            return new Parsed(queued.body(), null, e);
        }
    }
}
