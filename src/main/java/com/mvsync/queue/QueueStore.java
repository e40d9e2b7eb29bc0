package com.mvsync.queue;

import static com.mvsync.queue.Expressions.names;
import static com.mvsync.store.Attributes.n;
import static com.mvsync.store.Attributes.num;
import static com.mvsync.store.Attributes.s;
import static com.mvsync.store.Attributes.str;

import com.mvsync.magento.EntityType;
import com.mvsync.store.BatchGet;
import com.mvsync.store.BatchWrite;
import com.mvsync.store.Counters;
import com.mvsync.store.SearchTerms;
import com.mvsync.store.Page;
import com.mvsync.store.PageCursor;
import com.mvsync.store.StoreException;
import com.mvsync.store.SyncTable;
import com.mvsync.store.Timestamps;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.LongUnaryOperator;
import java.util.stream.Stream;
import org.jboss.logging.Logger;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.Select;

/**
 * The cron-mode queue: one item per Magento entity, {@code pk = QUEUE#<entity key>}, {@code sk = QUEUE}, holding the
 * latest webhook body for it. Index {@code gsi1} orders the work:
 * <ul>
 * <li>pending and in-progress items: {@code gsi1pk = QUEUE#PENDING#<priority>} (customers and products 1, orders 2,
 * invoices 3, credit memos and shipments 4, so a drain syncs what an order refers to before the order), {@code gsi1sk = <due>#<entity key>};
 * a claim moves {@code gsi1sk} to the lease end, so the due query skips held items and finds them again by itself
 * when a crashed drain's lease lapses;</li>
 * <li>dead letters: {@code gsi1pk = QUEUE#DEAD}, {@code gsi1sk = <died at>#<entity key>}.</li>
 * </ul>
 * Times in keys are fixed-width ISO ({@link Timestamps}); times in conditions are epoch milliseconds ({@code due_at},
 * {@code lease_until}). An item is deleted only when the version it synced is still the latest.
 * <p>
 * The items per status and entity type are counted as they move ({@link Counters} {@code QUEUE}: one ADD after each
 * change of status that succeeded), so the admin's counts are one read; the drain sets them from a recount ({@link #recount}) every run,
 * which corrects a count a lost ADD (or a race with the recount) left wrong.
 */
@ApplicationScoped
public class QueueStore {

    private static final Logger LOG = Logger.getLogger(QueueStore.class);

    static final String PK_PREFIX = "QUEUE#";
    static final String SK = "QUEUE";
    static final String DEAD_PK = "QUEUE#DEAD";
    static final String PENDING_PK_PREFIX = "QUEUE#PENDING#";
    /** The counter set of the items per status. */
    static final String COUNTERS = "QUEUE";
    /** The search keys of queue items ({@link #findable}). */
    static final String FIND_PREFIX = "FINDQ#";
    /** How long a search key lives: an item queued longer ago (a dead letter left alone) is found by its log entries. */
    static final Duration FIND_KEYS_TTL = Duration.ofDays(30);
    private static final Set<String> INDEX_KEY = Set.of(SyncTable.PK, SyncTable.SK, SyncTable.GSI1PK,
            SyncTable.GSI1SK);
    /** The drain order of the types ({@link EntityType#queuePriority()}), lowest first. */
    public static final List<Integer> PRIORITIES = EntityType.queuePriorities();

    /** How a failure was settled. */
    public enum FailResult {
        /** Pending again, after a backoff (or at once when a newer event arrived meanwhile). */
        RETRYING,
        /** Parked for the admin. */
        DEAD,
        /** The claim had lapsed and another drain took the item over: nothing was changed. */
        LOST
    }

    private final DynamoDbClient dynamo;
    private final SyncTable table;
    private final QueueConfig config;
    private final Clock clock;
    private final Counters counters;
    /** Bound to a random delay in [0, bound]; a seam so tests can seed it. */
    private final LongUnaryOperator jitter;

    @Inject
    public QueueStore(DynamoDbClient dynamo, SyncTable table, QueueConfig config, Clock clock, Counters counters) {
        this(dynamo, table, config, clock, counters, bound -> ThreadLocalRandom.current().nextLong(bound + 1));
    }

    QueueStore(DynamoDbClient dynamo, SyncTable table, QueueConfig config, Clock clock, Counters counters,
            LongUnaryOperator jitter) {
        this.counters = counters;
        this.dynamo = dynamo;
        this.table = table;
        this.config = config;
        this.clock = clock;
        this.jitter = jitter;
    }

    /**
     * Queues the latest body of an entity, in one UpdateItem. A pending item keeps its place and due time and gets
     * the new body ({@code version} and {@code events} grow, {@code first_enqueued_at} stays); an item being synced
     * keeps its claim, and since its version grew the drain's {@link #complete} puts it back to pending instead of
     * deleting it. Only a new event for a dead letter costs a second request, to revive it (an update expression
     * cannot branch on the status).
     */
    public QueuedEvent enqueue(QueuedEvent.Arrival arrival) {
        String entityKey = arrival.entityKey();
        int priority = arrival.entityType().queuePriority();
        Instant now = clock.instant();
        String update = "SET #entity_key = :key, #entity_type = :type, #route = :route, #event_key = :ek, "
                + "#body = :body, #priority = :prio, #pending_pk = :ppk, #last_enqueued_at = :now, "
                + "#first_enqueued_at = if_not_exists(#first_enqueued_at, :now), "
                + "#status = if_not_exists(#status, :pending), #due_at = if_not_exists(#due_at, :nowms), "
                + "#attempts = if_not_exists(#attempts, :zero), #gsi1pk = if_not_exists(#gsi1pk, :ppk), "
                + "#gsi1sk = if_not_exists(#gsi1sk, :dsk)"
                // The latest body's label wins; one without a name keeps the one an earlier body gave.
                + (arrival.label() == null ? "" : ", #label = :label") + " ADD #version :one, #events :one";
        Map<String, AttributeValue> values = new HashMap<>();
        if (arrival.label() != null) {
            values.put(":label", s(arrival.label()));
        }
        values.put(":key", s(entityKey));
        values.put(":type", s(arrival.entityType().label()));
        values.put(":route", s(arrival.route()));
        values.put(":ek", s(arrival.eventKey()));
        values.put(":body", s(arrival.body()));
        values.put(":prio", n(priority));
        values.put(":ppk", s(PENDING_PK_PREFIX + priority));
        values.put(":now", s(now.toString()));
        values.put(":nowms", n(now.toEpochMilli()));
        values.put(":pending", s(QueueStatus.PENDING.name()));
        values.put(":zero", n(0));
        values.put(":dsk", s(sortKey(now, entityKey)));
        values.put(":one", n(1));
        try {
            var response = dynamo.updateItem(b -> b.tableName(table.name()).key(key(entityKey))
                    .updateExpression(update).expressionAttributeNames(names(update))
                    .expressionAttributeValues(values).returnValues(ReturnValue.ALL_NEW));
            QueuedEvent queued = toEvent(response.attributes());
            if (queued.version() == 1) {
                moved(queued.entityType(), null, QueueStatus.PENDING); // a new item (ADD made its version 1)
                findable(queued);
            }
            return queued.status() == QueueStatus.DEAD ? revive(queued).orElse(queued) : queued;
        } catch (SdkException e) {
            throw new StoreException("could not queue " + entityKey, e);
        }
    }

    /**
     * Parks an event whose immediate sync failed for good (a mandatory field Vtiger refuses, say) as a dead letter:
     * visible in the admin queue with its error, and retried from there once the cause is fixed. An item already
     * pending for the entity (a newer event) is left to the drain.
     */
    public void deadLetter(QueuedEvent.Arrival arrival, String error) {
        String entityKey = arrival.entityKey();
        QueuedEvent queued = enqueue(arrival);
        if (queued.events() > 1 && queued.status() != QueueStatus.DEAD) {
            return; // coalesced into a pending item: the drain syncs the latest body
        }
        try {
            markDead(entityKey, 1, error, "#version = :v AND attribute_not_exists(#claim_id)",
                    Map.of(":v", n(queued.version())));
            moved(arrival.entityType(), QueueStatus.PENDING, QueueStatus.DEAD);
        } catch (ConditionalCheckFailedException e) {
            // A drain claimed it or a newer event arrived in between: it is being handled.
        } catch (SdkException e) {
            throw new StoreException("could not park " + entityKey + " as a dead letter", e);
        }
    }

    /**
     * Parks an item as DEAD (out of the due index, into the dead list) with its attempts and error, releasing any
     * claim, when {@code condition} holds.
     *
     * @throws ConditionalCheckFailedException when it does not
     */
    private void markDead(String entityKey, int attempts, String error, String condition,
            Map<String, AttributeValue> conditionValues) {
        Instant now = clock.instant();
        String update = "SET #status = :dead, #gsi1pk = :dpk, #gsi1sk = :dsk, #attempts = :n, #last_error = :err, "
                + "#failed_at = :now REMOVE #claim_id, #lease_until";
        Map<String, AttributeValue> values = new HashMap<>(conditionValues);
        values.putAll(Map.of(":dead", s(QueueStatus.DEAD.name()), ":dpk", s(DEAD_PK),
                ":dsk", s(sortKey(now, entityKey)), ":n", n(attempts), ":err", s(error), ":now", s(now.toString())));
        dynamo.updateItem(b -> b.tableName(table.name()).key(key(entityKey)).updateExpression(update)
                .conditionExpression(condition).expressionAttributeNames(names(update, condition))
                .expressionAttributeValues(values));
    }

    /** A dead letter that received a new event gets a fresh start with it. */
    private Optional<QueuedEvent> revive(QueuedEvent dead) {
        return toPendingNow(dead.entityKey(), QueueStatus.DEAD, "#status = :dead AND #version = :v",
                Map.of(":dead", s(QueueStatus.DEAD.name()), ":v", n(dead.version())));
    }

    /** The item of an entity, if queued (a consistent read). */
    public Optional<QueuedEvent> get(String entityKey) {
        try {
            var response = dynamo.getItem(b -> b.tableName(table.name()).key(key(entityKey)).consistentRead(true));
            return response.hasItem() && !response.item().isEmpty() ? Optional.of(toEvent(response.item()))
                    : Optional.empty();
        } catch (SdkException e) {
            throw new StoreException("could not read the queue item of " + entityKey, e);
        }
    }

    /** Up to {@code limit} items of a priority that are due at {@code now} (oldest first), of any entity type. */
    public List<QueuedEvent> due(int priority, Instant now, int limit) {
        return due(priority, now, limit, null);
    }

    /**
     * As {@link #due(int, Instant, int)}, of the given entity types only (null: all). Includes items whose claim
     * lapsed; the index is eventually consistent, so a returned item may be gone or held already: claim decides.
     */
    public List<QueuedEvent> due(int priority, Instant now, int limit, Set<EntityType> entityTypes) {
        if (limit <= 0 || (entityTypes != null && entityTypes.isEmpty())) {
            return List.of();
        }
        try {
            return dueQuery(priority, now, entityTypes, Math.min(Math.max(limit, 25), 500)).limit(limit)
                    .map(QueueStore::toEvent).toList();
        } catch (SdkException e) {
            throw new StoreException("could not read the queue", e);
        }
    }

    /** How many items of these entity types (null: all) are due at {@code now}, in any priority. */
    public int countDue(Instant now, Set<EntityType> entityTypes) {
        if (entityTypes != null && entityTypes.isEmpty()) {
            return 0;
        }
        try {
            return (int) PRIORITIES.stream().flatMap(p -> dueQuery(p, now, entityTypes, 500)).count();
        } catch (SdkException e) {
            throw new StoreException("could not read the queue", e);
        }
    }

    private Stream<Map<String, AttributeValue>> dueQuery(int priority, Instant now, Set<EntityType> entityTypes,
            int pageSize) {
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":pk", s(PENDING_PK_PREFIX + priority));
        // Every key of a due time <= now sorts below "<now>$" ('$' follows the '#' separator).
        values.put(":bound", s(Timestamps.sortable(now) + "$"));
        String filter = null;
        if (entityTypes != null) {
            List<String> placeholders = new ArrayList<>();
            int i = 0;
            for (EntityType type : entityTypes) {
                placeholders.add(":t" + i);
                values.put(":t" + i++, s(type.label()));
            }
            filter = "#entity_type IN (" + String.join(", ", placeholders) + ")";
        }
        String keyCondition = "#gsi1pk = :pk AND #gsi1sk < :bound";
        QueryRequest.Builder request = QueryRequest.builder().tableName(table.name()).indexName(SyncTable.GSI1)
                .keyConditionExpression(keyCondition).filterExpression(filter)
                .expressionAttributeNames(names(keyCondition, filter)).expressionAttributeValues(values)
                .limit(pageSize);
        // Lazy: pages are fetched as the stream is consumed, so callers catch SdkException there.
        return dynamo.queryPaginator(request.build()).items().stream();
    }

    /**
     * Takes a due item for {@code lease}: exactly one of several racing drains succeeds. A pending item is taken
     * when due; a held item only when its lease lapsed (its drain crashed). Empty when someone else has it, or it
     * is gone or no longer due.
     */
    public Optional<Claim> claim(QueuedEvent e, Duration lease) {
        Instant now = clock.instant();
        Instant until = now.plus(lease);
        String claimId = UUID.randomUUID().toString();
        String update = "SET #status = :held, #claim_id = :claim, #lease_until = :until, #gsi1sk = :lsk, "
                + "#claimed_at = :now";
        String condition = "attribute_exists(#pk) AND ((#status = :pending AND #due_at <= :nowms) "
                + "OR (#status = :held AND #lease_until < :nowms))";
        try {
            var response = dynamo.updateItem(b -> b.tableName(table.name()).key(key(e.entityKey()))
                    .updateExpression(update).conditionExpression(condition)
                    .expressionAttributeNames(names(update, condition))
                    .expressionAttributeValues(Map.of(":held", s(QueueStatus.IN_PROGRESS.name()),
                            ":pending", s(QueueStatus.PENDING.name()), ":claim", s(claimId),
                            ":until", n(until.toEpochMilli()), ":lsk", s(sortKey(until, e.entityKey())),
                            ":now", s(now.toString()), ":nowms", n(now.toEpochMilli())))
                    .returnValues(ReturnValue.ALL_OLD));
            // The item before (whose status the counters need) with this update applied: the item after.
            Map<String, AttributeValue> item = new HashMap<>(response.attributes());
            QueueStatus before = QueueStatus.valueOf(str(item, "status"));
            item.putAll(Map.of("status", s(QueueStatus.IN_PROGRESS.name()), "claim_id", s(claimId),
                    "lease_until", n(until.toEpochMilli()), SyncTable.GSI1SK, s(sortKey(until, e.entityKey())),
                    "claimed_at", s(now.toString())));
            moved(e.entityType(), before, QueueStatus.IN_PROGRESS);
            return Optional.of(new Claim(toEvent(item), claimId));
        } catch (ConditionalCheckFailedException ex) {
            return Optional.empty();
        } catch (SdkException ex) {
            throw new StoreException("could not claim " + e.entityKey(), ex);
        }
    }

    /**
     * Settles a synced item: deletes it when the synced version is still the latest, else (a newer event arrived
     * during the sync) makes the newer one pending, due now. Returns whether the item was deleted.
     */
    public boolean complete(Claim claim) {
        String entityKey = claim.event().entityKey();
        String condition = "#claim_id = :claim AND #version = :v";
        try {
            dynamo.deleteItem(b -> b.tableName(table.name()).key(key(entityKey)).conditionExpression(condition)
                    .expressionAttributeNames(names(condition))
                    .expressionAttributeValues(Map.of(":claim", s(claim.claimId()), ":v", n(claim.version()))));
            moved(claim.event().entityType(), QueueStatus.IN_PROGRESS, null);
            return true;
        } catch (ConditionalCheckFailedException e) {
            if (toPendingNow(entityKey, QueueStatus.IN_PROGRESS, "#claim_id = :claim",
                    Map.of(":claim", s(claim.claimId()))).isEmpty()) {
                LOG.warnf("queue item %s: the claim lapsed before it was completed; another drain has it", entityKey);
            }
            return false;
        } catch (SdkException e) {
            throw new StoreException("could not complete " + entityKey, e);
        }
    }

    /**
     * Settles a failed item: {@code attempts} grows; a permanent failure, or the last allowed attempt, parks it as
     * DEAD with its body and error; otherwise it is pending again after an exponential backoff with full jitter.
     * A permanent failure of a body that a newer event has replaced meanwhile does not kill the newer one: that is
     * pending again at once.
     */
    public FailResult fail(Claim claim, String error, boolean retryable) {
        String entityKey = claim.event().entityKey();
        int attempts = claim.event().attempts() + 1;
        Instant now = clock.instant();
        String message = error == null || error.isBlank() ? "unknown error" : error;
        try {
            if (!retryable || attempts >= config.maxAttempts()) {
                try {
                    markDead(entityKey, attempts, message, "#claim_id = :claim AND #version = :v",
                            Map.of(":claim", s(claim.claimId()), ":v", n(claim.version())));
                    moved(claim.event().entityType(), QueueStatus.IN_PROGRESS, QueueStatus.DEAD);
                    return FailResult.DEAD;
                } catch (ConditionalCheckFailedException e) {
                    return toPendingNow(entityKey, QueueStatus.IN_PROGRESS, "#claim_id = :claim",
                            Map.of(":claim", s(claim.claimId())))
                            .isPresent() ? FailResult.RETRYING : FailResult.LOST;
                }
            }
            Instant due = now.plus(backoff(attempts));
            String update = "SET #status = :pending, #gsi1sk = :dsk, #due_at = :due, #attempts = :n, "
                    + "#last_error = :err, #failed_at = :now REMOVE #claim_id, #lease_until";
            String condition = "#claim_id = :claim";
            try {
                dynamo.updateItem(b -> b.tableName(table.name()).key(key(entityKey)).updateExpression(update)
                        .conditionExpression(condition).expressionAttributeNames(names(update, condition))
                        .expressionAttributeValues(Map.of(":pending", s(QueueStatus.PENDING.name()),
                                ":dsk", s(sortKey(due, entityKey)), ":due", n(due.toEpochMilli()), ":n", n(attempts),
                                ":err", s(message), ":now", s(now.toString()), ":claim", s(claim.claimId()))));
                moved(claim.event().entityType(), QueueStatus.IN_PROGRESS, QueueStatus.PENDING);
                return FailResult.RETRYING;
            } catch (ConditionalCheckFailedException e) {
                return FailResult.LOST;
            }
        } catch (SdkException e) {
            throw new StoreException("could not record the failure of " + entityKey, e);
        }
    }

    /**
     * Puts a claimed item back to pending, due at {@code until}, with its attempts as they were: Vtiger calls are
     * paused or the call budget is spent, which says nothing about the item. False when the claim had lapsed.
     */
    public boolean defer(Claim claim, Instant until, String reason) {
        String entityKey = claim.event().entityKey();
        Instant now = clock.instant();
        Instant due = until.isAfter(now) ? until : now;
        String update = "SET #status = :pending, #gsi1sk = :dsk, #due_at = :due, #last_error = :err "
                + "REMOVE #claim_id, #lease_until";
        String condition = "#claim_id = :claim";
        try {
            dynamo.updateItem(b -> b.tableName(table.name()).key(key(entityKey)).updateExpression(update)
                    .conditionExpression(condition).expressionAttributeNames(names(update, condition))
                    .expressionAttributeValues(Map.of(":pending", s(QueueStatus.PENDING.name()),
                            ":dsk", s(sortKey(due, entityKey)), ":due", n(due.toEpochMilli()),
                            ":err", s(reason == null || reason.isBlank() ? "Vtiger calls paused" : reason),
                            ":claim", s(claim.claimId()))));
            moved(claim.event().entityType(), QueueStatus.IN_PROGRESS, QueueStatus.PENDING);
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        } catch (SdkException e) {
            throw new StoreException("could not put " + entityKey + " back until " + until, e);
        }
    }

    /** The delay before attempt {@code attempts + 1}: random in [0, min(cap, base * 2^(attempts-1))]. */
    Duration backoff(int attempts) {
        long base = config.backoffBase().toMillis();
        long cap = config.backoffCap().toMillis();
        int doublings = Math.min(Math.max(attempts - 1, 0), 40);
        long bound = base > (cap >> doublings) ? cap : Math.min(cap, base << doublings);
        return Duration.ofMillis(jitter.applyAsLong(Math.max(bound, 0)));
    }

    /** Revives a dead letter (admin): pending, due now, attempts reset. Empty when the entity has no dead item. */
    public Optional<QueuedEvent> retry(String entityKey) {
        return toPendingNow(entityKey, QueueStatus.DEAD, "#status = :dead",
                Map.of(":dead", s(QueueStatus.DEAD.name())));
    }

    /**
     * Deletes a dead letter for good (admin), answering it as it was. Empty when the entity has no item;
     * an item that is not dead is left as it is and answered, so the caller can say why nothing happened.
     */
    public Discard discard(String entityKey) {
        String condition = "#status = :dead";
        try {
            var response = dynamo.deleteItem(b -> b.tableName(table.name()).key(key(entityKey))
                    .conditionExpression(condition).expressionAttributeNames(names(condition))
                    .expressionAttributeValues(Map.of(":dead", s(QueueStatus.DEAD.name())))
                    .returnValues(ReturnValue.ALL_OLD));
            QueuedEvent discarded = toEvent(response.attributes());
            moved(discarded.entityType(), QueueStatus.DEAD, null);
            return new Discard(true, Optional.of(discarded));
        } catch (ConditionalCheckFailedException e) {
            // No item (the condition fails on a missing one too) or one that is not dead.
            return new Discard(false, get(entityKey));
        } catch (SdkException e) {
            throw new StoreException("could not discard " + entityKey, e);
        }
    }

    /** What {@link #discard} did: deleted the dead letter {@code item}, or nothing to the item (if any) it found. */
    public record Discard(boolean deleted, Optional<QueuedEvent> item) {
    }

    /** Makes an item pending and due now, with a fresh attempt count, when the condition holds. */
    private Optional<QueuedEvent> toPendingNow(String entityKey, QueueStatus from, String condition,
            Map<String, AttributeValue> conditionValues) {
        Instant now = clock.instant();
        String update = "SET #status = :pending, #gsi1pk = #pending_pk, #gsi1sk = :dsk, #due_at = :nowms, "
                + "#attempts = :zero REMOVE #claim_id, #lease_until";
        Map<String, AttributeValue> values = new HashMap<>(conditionValues);
        values.put(":pending", s(QueueStatus.PENDING.name()));
        values.put(":dsk", s(sortKey(now, entityKey)));
        values.put(":nowms", n(now.toEpochMilli()));
        values.put(":zero", n(0));
        String guarded = "attribute_exists(#pk) AND " + condition;
        try {
            var response = dynamo.updateItem(b -> b.tableName(table.name()).key(key(entityKey))
                    .updateExpression(update).conditionExpression(guarded)
                    .expressionAttributeNames(names(update, guarded)).expressionAttributeValues(values)
                    .returnValues(ReturnValue.ALL_NEW));
            QueuedEvent pending = toEvent(response.attributes());
            moved(pending.entityType(), from, QueueStatus.PENDING);
            return Optional.of(pending);
        } catch (ConditionalCheckFailedException e) {
            return Optional.empty();
        } catch (SdkException e) {
            throw new StoreException("could not requeue " + entityKey, e);
        }
    }

    /** Up to {@code limit} items in a status: pending and in-progress by priority and due time, dead oldest first. */
    public List<QueuedEvent> list(QueueStatus status, int limit) {
        List<QueuedEvent> out = new ArrayList<>();
        String cursor = null;
        do {
            Page<QueuedEvent> page = page(status, Math.min(limit - out.size(), 500), cursor);
            out.addAll(page.items());
            cursor = page.next();
        } while (cursor != null && out.size() < limit);
        return out;
    }

    /**
     * A page of the items in a status, in {@link #list}'s order: a Query of the index partition the cursor is in
     * (dead letters: one partition, one Query a page; pending and in-progress: the priority partitions in turn,
     * filtered by status), continued in the next partition when one ends before the page does.
     */
    public Page<QueuedEvent> page(QueueStatus status, int limit, String cursor) {
        List<String> partitions = partitions(status);
        int at = 0;
        Map<String, AttributeValue> start = null;
        if (cursor != null) {
            start = PageCursor.decode(cursor, INDEX_KEY, SyncTable.GSI1PK, PK_PREFIX);
            at = partitions.indexOf(start.get(SyncTable.GSI1PK).s());
            if (at < 0) {
                throw new PageCursor.InvalidCursorException();
            }
        }
        List<QueuedEvent> out = new ArrayList<>();
        Map<String, AttributeValue> lastKey = null;
        try {
            for (; at < partitions.size() && out.size() < limit; at++, start = null) {
                do {
                    // Pending and in-progress items share their partitions (filtered by status): a pending page
                    // reads a few more than it needs (the few held items), an in-progress page reads on for its few.
                    int wanted = limit - out.size();
                    int read = switch (status) {
                        case DEAD -> wanted;
                        case PENDING -> wanted + 5;
                        case IN_PROGRESS -> 200;
                    };
                    var response = dynamo.query(partitionQuery(partitions.get(at), status, false).limit(read)
                            .exclusiveStartKey(start).build());
                    for (Map<String, AttributeValue> item : response.items()) {
                        if (out.size() == limit) {
                            break;
                        }
                        out.add(toEvent(item));
                        lastKey = new HashMap<>();
                        for (String name : INDEX_KEY) {
                            lastKey.put(name, item.get(name));
                        }
                    }
                    start = response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty()
                            ? response.lastEvaluatedKey() : null;
                } while (start != null && out.size() < limit);
            }
        } catch (SdkException e) {
            throw new StoreException("could not read the queue", e);
        }
        return new Page<>(out, out.size() == limit && lastKey != null ? PageCursor.encode(lastKey) : null);
    }

    /** The items of these entities that are queued (at most 100 keys), in one BatchGetItem; the others are absent. */
    public List<QueuedEvent> items(Collection<String> entityKeys) {
        List<Map<String, AttributeValue>> keys = entityKeys.stream().distinct().limit(100).map(QueueStore::key)
                .toList();
        if (keys.isEmpty()) {
            return List.of();
        }
        List<QueuedEvent> out = new ArrayList<>();
        try {
            BatchGet.items(dynamo, table.name(), keys, false).forEach(i -> out.add(toEvent(i)));
        } catch (SdkException e) {
            throw new StoreException("could not read the queue", e);
        }
        return out;
    }

    /**
     * Makes a new item findable by the Queue's search before its entity was ever synced: a key under each of its
     * label's terms ({@code FINDQ#<term>} / entity key, {@link SearchTerms}), one BatchWriteItem. Keys, not copies:
     * an item changes status too often for copies to stay true, so a search reads the items by these keys. Best
     * effort, like the log's search copies: a key not written leaves the item findable through its log entries once
     * it was synced. Written for a new item only: a coalesced event that renames the entity adds no terms.
     */
    private void findable(QueuedEvent queued) {
        long expires = clock.instant().plus(FIND_KEYS_TTL).getEpochSecond();
        List<Map<String, AttributeValue>> keys = SearchTerms.of(queued.magentoId(), queued.label()).stream()
                .map(term -> Map.of(SyncTable.PK, s(FIND_PREFIX + term), SyncTable.SK, s(queued.entityKey()),
                        SyncTable.EXPIRES_AT, n(expires)))
                .toList();
        try {
            int left = BatchWrite.puts(dynamo, table.name(), keys);
            if (left > 0) {
                LOG.warnf("%d search keys of queue item %s not written (throttled twice)", left, queued.entityKey());
            }
        } catch (SdkException e) {
            LOG.warnf("could not make queue item %s findable: %s", queued.entityKey(), e.getMessage());
        }
    }

    /**
     * The entity keys of the items whose label or Magento id has this term ({@link #findable}): at most
     * {@code limit}, one Query. An item may since have been synced and deleted: read the items by these keys.
     */
    public List<String> find(String query, int limit) {
        String term = SearchTerms.normalise(query);
        if (term.isEmpty()) {
            return List.of();
        }
        try {
            return dynamo.query(b -> b.tableName(table.name()).keyConditionExpression("#pk = :pk")
                    .expressionAttributeNames(Map.of("#pk", SyncTable.PK))
                    .expressionAttributeValues(Map.of(":pk", s(FIND_PREFIX + term))).limit(limit))
                    .items().stream().map(item -> item.get(SyncTable.SK).s()).toList();
        } catch (SdkException e) {
            throw new StoreException("could not search the queue", e);
        }
    }

    /** The number of items per status as counted (one read); before the first count, a {@link #recount}. */
    public Map<QueueStatus, Long> counts() {
        return totals(countsByType());
    }

    /**
     * The number of items per status and entity type as counted (one read, the same as {@link #counts}); before the
     * first count, a {@link #recount}. The budget's estimate reads it instead of walking every due item.
     */
    public Map<QueueStatus, Map<EntityType, Long>> countsByType() {
        Map<String, Long> counted = counters.get(List.of(COUNTERS)).get(COUNTERS);
        if (counted == null || counted.keySet().stream().noneMatch(name -> name.contains("#"))) {
            return recountByType(); // never counted, or counted per status only (before the types were)
        }
        Map<QueueStatus, Map<EntityType, Long>> out = new EnumMap<>(QueueStatus.class);
        for (QueueStatus status : QueueStatus.values()) {
            Map<EntityType, Long> perType = new EnumMap<>(EntityType.class);
            for (EntityType type : EntityType.values()) {
                // A counter a lost ADD or a race with the recount took below zero reads as none until the next recount.
                perType.put(type, Math.max(0, counted.getOrDefault(counterName(status, type), 0L)));
            }
            out.put(status, perType);
        }
        return out;
    }

    /** Counts the items per status by reading the whole index ({@link #depth}) and sets the counters to it. */
    public Map<QueueStatus, Long> recount() {
        return totals(recountByType());
    }

    private Map<QueueStatus, Map<EntityType, Long>> recountByType() {
        Map<QueueStatus, Map<EntityType, Long>> tally = depthByType();
        Map<String, Long> counts = new java.util.LinkedHashMap<>();
        tally.forEach((status, perType) -> perType.forEach((type, n) -> counts.put(counterName(status, type), n)));
        counters.set(COUNTERS, counts);
        return tally;
    }

    /**
     * Counts a change of status: one ADD to the counter of the item's status and type ({@code <status>#<type>}).
     * The per-status totals are their sums, so one counter per move keeps both views.
     */
    private void moved(EntityType type, QueueStatus from, QueueStatus to) {
        if (from == to) {
            return;
        }
        Map<String, Long> deltas = new HashMap<>();
        if (from != null) {
            deltas.put(counterName(from, type), -1L);
        }
        if (to != null) {
            deltas.put(counterName(to, type), 1L);
        }
        counters.add(COUNTERS, deltas, null);
    }

    static String counterName(QueueStatus status, EntityType type) {
        return status.wire() + "#" + type.label();
    }

    private static Map<QueueStatus, Long> totals(Map<QueueStatus, Map<EntityType, Long>> byType) {
        Map<QueueStatus, Long> out = new EnumMap<>(QueueStatus.class);
        byType.forEach((status, perType) -> out.put(status,
                perType.values().stream().mapToLong(Long::longValue).sum()));
        return out;
    }

    /** The number of items per status, read from the whole index (the drain's recount; the admin reads counts). */
    public Map<QueueStatus, Long> depth() {
        return totals(depthByType());
    }

    /** The items per status and type, read from the whole index (keys and type only). */
    Map<QueueStatus, Map<EntityType, Long>> depthByType() {
        Map<QueueStatus, Map<EntityType, Long>> out = new EnumMap<>(QueueStatus.class);
        try {
            for (QueueStatus status : QueueStatus.values()) {
                Map<EntityType, Long> perType = new EnumMap<>(EntityType.class);
                for (EntityType type : EntityType.values()) {
                    perType.put(type, 0L);
                }
                for (String pk : partitions(status)) {
                    dynamo.queryPaginator(partitionQuery(pk, status, true).build()).items().forEach(item ->
                            perType.merge(EntityType.parse(str(item, "entity_type")), 1L, Long::sum));
                }
                out.put(status, perType);
            }
        } catch (SdkException e) {
            throw new StoreException("could not read the queue", e);
        }
        return out;
    }

    private static List<String> partitions(QueueStatus status) {
        return status == QueueStatus.DEAD ? List.of(DEAD_PK)
                : PRIORITIES.stream().map(p -> PENDING_PK_PREFIX + p).toList();
    }

    private QueryRequest.Builder partitionQuery(String pk, QueueStatus status, boolean keysOnly) {
        // Pending and held items share the priority partitions; dead ones have their own.
        String filter = status == QueueStatus.DEAD ? null : "#status = :s";
        String keyCondition = "#gsi1pk = :pk";
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":pk", s(pk)));
        if (filter != null) {
            values.put(":s", s(status.name()));
        }
        QueryRequest.Builder request = QueryRequest.builder().tableName(table.name()).indexName(SyncTable.GSI1)
                .keyConditionExpression(keyCondition).filterExpression(filter).expressionAttributeValues(values);
        if (keysOnly) {
            String projection = "#pk, #sk, #entity_type";
            request.projectionExpression(projection).select(Select.SPECIFIC_ATTRIBUTES)
                    .expressionAttributeNames(names(keyCondition, filter, projection));
        } else {
            request.expressionAttributeNames(names(keyCondition, filter));
        }
        return request;
    }

    static String sortKey(Instant at, String entityKey) {
        return Timestamps.sortable(at) + "#" + entityKey;
    }

    static Map<String, AttributeValue> key(String entityKey) {
        return Map.of(SyncTable.PK, s(PK_PREFIX + entityKey), SyncTable.SK, s(SK));
    }

    static QueuedEvent toEvent(Map<String, AttributeValue> item) {
        long lease = num(item, "lease_until", -1);
        String first = str(item, "first_enqueued_at");
        String failed = str(item, "failed_at");
        return new QueuedEvent(str(item, "entity_key"), EntityType.parse(str(item, "entity_type")), str(item, "route"),
                str(item, "event_key"), str(item, "body"), num(item, "version", 0), num(item, "events", 0),
                (int) num(item, "attempts", 0), QueueStatus.valueOf(str(item, "status")),
                Instant.ofEpochMilli(num(item, "due_at", 0)), str(item, "last_error"),
                first == null ? null : Instant.parse(first), lease < 0 ? null : Instant.ofEpochMilli(lease),
                failed == null ? null : Instant.parse(failed), str(item, "label"));
    }
}
