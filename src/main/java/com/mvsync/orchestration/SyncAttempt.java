package com.mvsync.orchestration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.mvsync.budget.ConnectionPause;
import com.mvsync.magento.MagentoEvent;
import com.mvsync.mapping.RecordType;
import com.mvsync.settings.SyncSettings;
import com.mvsync.store.EntityBusyException;
import com.mvsync.store.EntityLink;
import com.mvsync.store.EventClaim;
import com.mvsync.store.LogLine;
import com.mvsync.store.Outcome;
import com.mvsync.store.StoreException;
import com.mvsync.store.SyncLedger;
import com.mvsync.store.Written;
import com.mvsync.sync.IncompleteEntityException;
import com.mvsync.sync.RecordRefusedException;
import com.mvsync.sync.SourceConnectionException;
import com.mvsync.sync.SourceUnavailableException;
import com.mvsync.sync.SyncFailedException;
import com.mvsync.sync.SyncResult;
import com.mvsync.vtiger.VtigerPausedException;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.jboss.logging.Logger;

/**
 * One attempt to sync one event, idempotently: lock its entity, claim the event (a completed one is answered from its
 * record), skip it if a newer version of the entity was synced already, sync, and commit link, event record and sync
 * log line in one transaction. Used alike for webhooks in immediate mode and for queued events.
 */
@ApplicationScoped
public class SyncAttempt {

    private static final Logger LOG = Logger.getLogger(SyncAttempt.class);
    private static final String IN_PROGRESS = "this event is being processed by another invocation";

    /**
     * How an attempt ended; made by the factory of its outcome.
     *
     * @param outcome    SYNCED, REPLAYED, SKIPPED (a stale event), IN_PROGRESS, FAILED (retryable), DEAD (permanent)
     *                   or REJECTED (the entity lacks what the sync needs)
     * @param resultJson the answer for a synced, replayed or stale event
     * @param vtigerIds  the entity's Vtiger records (for a failure: those made before it)
     * @param resumeAt   for a failure because Vtiger calls are paused (429) or the call budget is spent: when calls
     *                   may resume (else null)
     */
    public record Result(Outcome outcome, String resultJson, String error, String vtigerCode, Map<String, String> vtigerIds,
            List<String> missing, List<String> notes, Instant resumeAt, Written written) {

        public Result {
            vtigerIds = vtigerIds == null ? Map.of() : vtigerIds;
            missing = missing == null ? List.of() : missing;
            notes = notes == null ? List.of() : notes;
            written = written == null ? Written.NONE : written;
        }

        Result(Outcome outcome, String resultJson, String error, String vtigerCode, Map<String, String> vtigerIds,
                List<String> missing, List<String> notes, Instant resumeAt) {
            this(outcome, resultJson, error, vtigerCode, vtigerIds, missing, notes, resumeAt, Written.NONE);
        }

        /** Written to Vtiger now: the records' names and the fields written, for the sync log. */
        static Result synced(String resultJson, Map<String, String> vtigerIds, List<String> notes, Written written) {
            return new Result(Outcome.SYNCED, resultJson, null, null, vtigerIds, null, notes, null, written);
        }

        /** Answered without a sync: a replay of a completed event, or a stale one (SKIPPED). */
        static Result answered(Outcome outcome, String resultJson, Map<String, String> vtigerIds) {
            return new Result(outcome, resultJson, null, null, vtigerIds, null, null, null);
        }

        /** Not synced (IN_PROGRESS, FAILED or DEAD), nothing made. */
        static Result failed(Outcome outcome, String error) {
            return failed(outcome, error, null, null, null);
        }

        /** Not synced: Vtiger's error code, the records made before the failure, and when calls may resume. */
        static Result failed(Outcome outcome, String error, String vtigerCode, Map<String, String> made,
                Instant resumeAt) {
            return new Result(outcome, null, error, vtigerCode, made, null, null, resumeAt);
        }

        /** The entity lacks what the sync needs. */
        static Result rejected(String error, List<String> missing) {
            return new Result(Outcome.REJECTED, null, error, null, null, missing, null, null);
        }
    }

    /** Who makes the attempt, which decides what it logs and whether it looks ahead. */
    public enum Caller {
        /**
         * A webhook in immediate mode: the attempt writes its sync log line (in its commit transaction), and a new
         * customer's lookups start while the event is claimed ({@link LookAhead}).
         */
        WEBHOOK,
        /**
         * The drain: the line is written by the drain once it knows the queue item's fate (retrying, or dead after
         * its last attempt), and the batch's lookups were made in bulk beforehand ({@link DrainPrefetch}).
         */
        DRAIN
    }

    private final SyncLedger ledger;
    private final ObjectMapper json;
    private final LookAhead lookAhead;
    private final ConnectionPause pause;

    public SyncAttempt(SyncLedger ledger, ObjectMapper json, LookAhead lookAhead, ConnectionPause pause) {
        this.ledger = ledger;
        this.json = json;
        this.lookAhead = lookAhead;
        this.pause = pause;
    }

    /**
     * The entity is locked before the event is claimed, so that on the entity's first lock (no sync has written a
     * record for it) a new customer's lookups start at once and overlap the claim ({@link LookAhead}). A claim that
     * finds the event done or in progress lets the lock go again. A redelivery of the entity's last event is refused
     * by the lock itself and answered from the link (one request); one of an older event costs the lock, the claim and
     * the unlock. Neither makes a Vtiger call.
     */
    public Result run(SyncHandlers.Registered route, MagentoEvent event, String eventKey, String entityKey,
            SyncSettings settings, Caller caller) {
        SyncLedger.Locked locked;
        try {
            SyncLedger.Lock lock = ledger.lock(entityKey, eventKey);
            if (lock instanceof SyncLedger.LastDone done) {
                return Result.answered(Outcome.REPLAYED, done.resultJson(), idsOf(done.resultJson()));
            }
            locked = (SyncLedger.Locked) lock;
        } catch (EntityBusyException e) {
            if (e.heldFor().filter(eventKey::equals).isPresent()) {
                return Result.failed(Outcome.IN_PROGRESS, IN_PROGRESS);
            }
            EventClaim claim = ledger.claimEvent(eventKey, entityKey);
            if (claim instanceof EventClaim.Claimed) {
                ledger.release(eventKey, e.getMessage());
                return Result.failed(Outcome.FAILED, e.getMessage());
            }
            return unclaimed(claim);
        }
        boolean lookingAhead = caller == Caller.WEBHOOK && locked.first() && locked.link().vtigerIds().isEmpty();
        try (LookAhead.Started ahead = lookingAhead ? lookAhead.start(route.type(), event, settings)
                : LookAhead.Started.NONE) {
            EventClaim claim;
            try {
                claim = ledger.claimEvent(eventKey, entityKey);
            } catch (StoreException e) {
                unlock(entityKey); // not held until its lease ends: the sender's retry must find it free
                throw e;
            }
            if (!(claim instanceof EventClaim.Claimed)) {
                unlock(entityKey);
                return unclaimed(claim);
            }
            ahead.await();
            return sync(route, event, eventKey, locked.link(), settings, caller == Caller.WEBHOOK);
        }
    }

    /** The answer for an event another invocation completed or holds. */
    private Result unclaimed(EventClaim claim) {
        if (claim instanceof EventClaim.AlreadyDone done) {
            return Result.answered(Outcome.REPLAYED, done.resultJson(), idsOf(done.resultJson()));
        }
        return Result.failed(Outcome.IN_PROGRESS, IN_PROGRESS);
    }

    private void unlock(String entityKey) {
        try {
            ledger.unlock(entityKey);
        } catch (StoreException e) {
            LOG.warnf("could not let %s go; its lock lapses with its lease: %s", entityKey, e.getMessage());
        }
    }

    private Result sync(SyncHandlers.Registered route, MagentoEvent event, String eventKey, EntityLink link,
            SyncSettings settings, boolean logOutcome) {
        Function<LogLine, LogLine> log = o -> logOutcome ? o : null;
        String type = route.type().label();
        String version = event.entity().path("updated_at").asText(null);
        if (link.isNewerThan(version)) {
            String body = statusJson("stale", eventKey, event, "this " + type + " was synced at a newer version ("
                    + link.sourceVersion() + ") than this event's (" + version + "); nothing was written", link);
            ledger.commit(eventKey, link, body, log.apply(line(event, link, Outcome.SKIPPED, "stale event")));
            return Result.answered(Outcome.SKIPPED, body, link.vtigerIds());
        }
        try {
            SyncResult result = route.handler().sync(event, link, settings);
            result.relatedLinks().forEach(ledger::saveRelatedLink);
            String body = resultJson(eventKey, event, result);
            Written written = written(link, result);
            ledger.commit(eventKey, result.link().withSourceVersion(version), body,
                    log.apply(new LogLine(link.entityKey(), type, event.entityId(),
                            route.type().displayLabel(event.entity()), Outcome.SYNCED, null, result.notes(),
                            written)));
            return Result.synced(body, result.link().vtigerIds(), result.notes(), written);
        } catch (IncompleteEntityException e) {
            ledger.abandon(eventKey, link, e.getMessage(), log.apply(line(event, link, Outcome.FAILED, e.getMessage())));
            return Result.rejected(e.getMessage(), e.missing());
        } catch (EntityBusyException e) {
            // A record this sync needs on the side (an order's buyer or product) is being made by another sync.
            ledger.abandon(eventKey, link, e.getMessage(), log.apply(line(event, link, Outcome.FAILED, e.getMessage())));
            return Result.failed(Outcome.FAILED, e.getMessage());
        } catch (SourceConnectionException e) {
            // Not the entity's fault: every container pauses until a check of Magento succeeds; the item waits
            // without an attempt counted.
            pauseFor(ConnectionPause.System.MAGENTO, e.getMessage());
            ledger.abandon(eventKey, link, e.getMessage(), log.apply(line(event, link, Outcome.FAILED, e.getMessage())));
            return Result.failed(Outcome.FAILED, e.getMessage(), null, null, Instant.now());
        } catch (SourceUnavailableException e) {
            ledger.abandon(eventKey, link, e.getMessage(), log.apply(line(event, link, Outcome.FAILED, e.getMessage())));
            return Result.failed(Outcome.FAILED, e.getMessage());
        } catch (RecordRefusedException e) {
            LOG.warnf("%s (dead letter)", e.getMessage());
            ledger.abandon(eventKey, e.partialLink(), e.getMessage(),
                    log.apply(line(event, e.partialLink(), Outcome.DEAD, e.getMessage())));
            return Result.failed(Outcome.DEAD, e.getMessage(), null, e.partialLink().vtigerIds(), null);
        } catch (SyncFailedException e) {
            LOG.warnf("%s (retryable: %s)", e.getMessage(), e.retryable());
            ledger.abandon(eventKey, e.partialLink(), e.getMessage(),
                    log.apply(line(event, link, e.retryable() ? Outcome.FAILED : Outcome.DEAD, e.getMessage())));
            Instant resumeAt = e.vtigerError() instanceof VtigerPausedException p ? p.resumeAt() : null;
            return Result.failed(e.retryable() ? Outcome.FAILED : Outcome.DEAD, e.getMessage(),
                    e.vtigerError().code(), e.partialLink().vtigerIds(), resumeAt);
        } catch (VtigerPausedException e) {
            // A call outside a record's write (a describe, a lookup) met the pause or the spent budget.
            ledger.abandon(eventKey, link, e.getMessage(), log.apply(line(event, link, Outcome.FAILED, e.getMessage())));
            return Result.failed(Outcome.FAILED, e.getMessage(), e.code(), null, e.resumeAt());
        } catch (RuntimeException e) {
            ledger.abandon(eventKey, link, e.getClass().getSimpleName());
            throw e;
        }
    }

    private void pauseFor(ConnectionPause.System system, String reason) {
        try {
            pause.pause(system, reason, null);
        } catch (StoreException e) {
            LOG.warnf(e, "could not share the connection pause");
        }
    }

    private static LogLine line(MagentoEvent event, EntityLink link, Outcome result, String error) {
        return new LogLine(link.entityKey(), event.entityType().label(), event.entityId(),
                event.entityType().displayLabel(event.entity()), result, error, List.of(), Written.NONE);
    }

    /**
     * What a sync wrote: the records' names from the values written to them (or, for a record it links to without
     * writing it, the name its sync gave), the fields changed since the link.
     */
    private static Written written(EntityLink before, SyncResult result) {
        EntityLink after = result.link();
        Map<String, String> names = new LinkedHashMap<>();
        after.lastWritten().forEach((module, values) -> RecordType.recordName(module, values)
                .ifPresent(name -> names.put(module, name)));
        result.referencedNames().forEach(names::putIfAbsent);
        return new Written(names, Written.changes(before, after));
    }

    private String resultJson(String eventKey, MagentoEvent event, SyncResult result) {
        ObjectNode body = json.createObjectNode();
        body.put("status", "synced");
        body.put("event", eventKey);
        body.put("entityType", result.entityType().label());
        body.put("entityId", result.entityId());
        body.put("action", event.action().name().toLowerCase(Locale.ROOT));
        body.set("vtiger", json.valueToTree(result.link().vtigerIds()));
        body.set("records", json.valueToTree(result.records()));
        if (!result.notes().isEmpty()) {
            body.set("notes", json.valueToTree(result.notes()));
        }
        if (!event.missing().isEmpty()) {
            body.set("missing", json.valueToTree(event.missing()));
        }
        return body.toString();
    }

    private String statusJson(String status, String eventKey, MagentoEvent event, String message, EntityLink link) {
        ObjectNode body = json.createObjectNode();
        body.put("status", status);
        body.put("event", eventKey);
        body.put("entityType", event.entityType().label());
        body.put("entityId", event.entityId());
        body.put("message", message);
        body.set("vtiger", json.valueToTree(link.vtigerIds()));
        return body.toString();
    }

    private Map<String, String> idsOf(String resultJson) {
        Map<String, String> ids = new LinkedHashMap<>();
        try {
            JsonNode vtiger = json.readTree(resultJson == null ? "{}" : resultJson).path("vtiger");
            vtiger.fields().forEachRemaining(e -> ids.put(e.getKey(), e.getValue().asText()));
        } catch (IOException e) {
            // An unreadable stored answer has no ids to report.
        }
        return ids;
    }
}
