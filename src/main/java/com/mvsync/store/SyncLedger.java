package com.mvsync.store;

import static com.mvsync.store.Attributes.n;
import static com.mvsync.store.Attributes.s;
import static com.mvsync.store.Attributes.str;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.Delete;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * What makes a sync idempotent: the record of each received event, and the link from each Magento entity to its
 * Vtiger records. A sync costs three requests: claim the event, lock-and-read the entity link, and one transaction
 * that writes the link and marks the event done. A redelivery costs one (the failed claim returns the stored result).
 */
@ApplicationScoped
public class SyncLedger {

    /**
     * The Vtiger module whose records an entity's link holds for the Vtiger poll ({@link #holders}), by the entity
     * key's type: a customer's Contact, a product's Product, an order's Sales Order; besides these only the records a
     * link marks as held alone ({@link EntityLink#heldAlone}: a customer's personal Organization). An order's link
     * also names its buyer's Contact and Organization, which belong to the customer (and a company's Organization is
     * shared).
     */
    private static final Map<String, String> HELD_MODULE = Map.of("customer", "Contacts", "product", "Products",
            "order", "SalesOrder");

    private static final String STATUS = "status";
    private static final String IN_PROGRESS = "IN_PROGRESS";
    private static final String COMPLETED = "COMPLETED";
    private static final String FAILED = "FAILED";

    private final DynamoDbClient dynamo;
    private final SyncTable table;
    private final StoreConfig config;
    private final Clock clock;
    private final SyncLog log;
    /** Identifies this container's locks, so a commit can check that the lock is still its own. */
    private final String container = UUID.randomUUID().toString();

    public SyncLedger(DynamoDbClient dynamo, SyncTable table, StoreConfig config, Clock clock, SyncLog log) {
        this.dynamo = dynamo;
        this.table = table;
        this.config = config;
        this.clock = clock;
        this.log = log;
    }

    /**
     * Who holds a lock: this container and thread. An attempt runs on one thread from lock to commit, and threads of
     * one container (the drain's workers, the local runner's) must exclude each other like containers do.
     */
    private String owner() {
        return container + "/" + Thread.currentThread().getId();
    }

    /**
     * Takes an event unless it was completed or another invocation holds a live claim. A failed earlier attempt, or a
     * claim whose lease lapsed (crashed invocation), is taken over.
     */
    public EventClaim claimEvent(String eventKey, String entityKey) {
        Instant now = clock.instant();
        Map<String, AttributeValue> item = new HashMap<>(key(eventPk(eventKey), "EVENT"));
        item.put(STATUS, s(IN_PROGRESS));
        item.put("entity", s(entityKey));
        item.put("lease_until", n(now.plus(config.lease()).getEpochSecond()));
        item.put("received_at", s(now.toString()));
        item.put(SyncTable.EXPIRES_AT, n(now.plus(config.idempotencyTtl()).getEpochSecond()));
        try {
            dynamo.putItem(b -> b.tableName(table.name()).item(item)
                    .conditionExpression("attribute_not_exists(pk) OR (#s <> :done AND lease_until < :now)")
                    .expressionAttributeNames(Map.of("#s", STATUS))
                    .expressionAttributeValues(Map.of(":done", s(COMPLETED), ":now", n(now.getEpochSecond())))
                    .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD));
            return new EventClaim.Claimed(eventKey, 1);
        } catch (ConditionalCheckFailedException e) {
            Map<String, AttributeValue> old = e.hasItem() ? e.item() : Map.of();
            if (COMPLETED.equals(str(old, STATUS))) {
                return new EventClaim.AlreadyDone(eventKey, str(old, "result"));
            }
            return new EventClaim.InProgress(eventKey);
        } catch (SdkException e) {
            throw new StoreException("could not record event " + eventKey, e);
        }
    }

    /**
     * Locks a Magento entity for this invocation and returns its link (empty when never synced), in one request.
     *
     * @throws EntityBusyException when another invocation holds the lock
     */
    public EntityLink lockEntity(String entityKey) {
        return ((Locked) lock(entityKey, null)).link(); // without an event, never LastDone
    }

    /** What locking an entity for an event found. */
    public sealed interface Lock permits Locked, LastDone {
    }

    /**
     * The entity is locked: its link, and whether this is its first lock (no sync has locked it before, so none has
     * written a Vtiger record for it; a crashed one leaves its lapsed lock behind, a finished one its link).
     */
    public record Locked(EntityLink link, boolean first) implements Lock {
    }

    /**
     * The event is the last one synced for the entity (a redelivery): nothing was locked, and the answer is the one
     * recorded, so the commonest redelivery costs this one request, as a claim would.
     */
    public record LastDone(String resultJson) implements Lock {
    }

    /**
     * {@link #lockEntity} for an event: the lock names the event, so that a copy of it arriving meanwhile is told it
     * is in progress ({@link EntityBusyException#heldFor}), and it is refused for the event the entity's link last
     * committed ({@link LastDone}).
     *
     * @throws EntityBusyException when another invocation holds the lock
     */
    public Lock lock(String entityKey, String eventKey) {
        Instant now = clock.instant();
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":me", s(owner()),
                ":until", n(now.plus(config.lease()).getEpochSecond()), ":now", n(now.getEpochSecond())));
        String free = "(attribute_not_exists(lock_until) OR lock_until < :now OR lock_owner = :me)";
        if (eventKey != null) {
            values.put(":event", s(eventKey));
        }
        try {
            var response = dynamo.updateItem(b -> b.tableName(table.name()).key(key(linkPk(entityKey), "LINK"))
                    .updateExpression(eventKey == null ? "SET lock_owner = :me, lock_until = :until REMOVE lock_event"
                            : "SET lock_owner = :me, lock_until = :until, lock_event = :event")
                    .conditionExpression(eventKey == null ? free
                            : free + " AND (attribute_not_exists(last_event) OR last_event <> :event)")
                    .expressionAttributeValues(values)
                    .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)
                    .returnValues(ReturnValue.ALL_OLD)); // the link as it was: the lock leaves it unchanged
            return new Locked(toLink(entityKey, response.attributes()), !response.hasAttributes()
                    || response.attributes().isEmpty());
        } catch (ConditionalCheckFailedException e) {
            Map<String, AttributeValue> old = e.hasItem() ? e.item() : Map.of();
            if (eventKey != null && eventKey.equals(str(old, "last_event")) && str(old, "last_result") != null) {
                return new LastDone(str(old, "last_result"));
            }
            throw new EntityBusyException(entityKey, str(old, "lock_event"));
        } catch (SdkException e) {
            throw new StoreException("could not lock " + entityKey, e);
        }
    }

    /** Reads a link without locking (for lookups such as an order's customer). */
    public EntityLink link(String entityKey) {
        try {
            var response = dynamo.getItem(b -> b.tableName(table.name()).key(key(linkPk(entityKey), "LINK"))
                    .consistentRead(true));
            return toLink(entityKey, response.hasItem() ? response.item() : Map.of());
        } catch (SdkException e) {
            throw new StoreException("could not read " + entityKey, e);
        }
    }

    /**
     * Links for many entities in one request (at most 100 keys): the products of an order, say. Entities never
     * linked are absent from the answer.
     */
    public Map<String, EntityLink> links(java.util.Collection<String> entityKeys) {
        if (entityKeys.isEmpty()) {
            return Map.of();
        }
        try {
            var keys = entityKeys.stream().distinct().map(k -> key(linkPk(k), "LINK")).toList();
            Map<String, EntityLink> found = new HashMap<>();
            for (var item : BatchGet.items(dynamo, table.name(), keys, true)) {
                String entityKey = item.get(SyncTable.PK).s().substring("LINK#".length());
                found.put(entityKey, toLink(entityKey, item));
            }
            return found;
        } catch (SdkException e) {
            throw new StoreException("could not read links", e);
        }
    }

    /**
     * Records the link of an entity synced on the side (an order's customer or products), unless that entity's own
     * sync holds its lock right now: then that sync's link wins, and it finds these records by its lookups.
     */
    public void saveRelatedLink(EntityLink link) {
        Map<String, AttributeValue> item = linkItem(link);
        long now = clock.instant().getEpochSecond();
        try {
            dynamo.putItem(b -> b.tableName(table.name()).item(item)
                    .conditionExpression("attribute_not_exists(lock_until) OR lock_until < :now OR lock_owner = :me")
                    .expressionAttributeValues(Map.of(":now", n(now), ":me", s(owner()))));
        } catch (ConditionalCheckFailedException e) {
            // Its own sync is running; see above.
        } catch (SdkException e) {
            throw new StoreException("could not link " + link.entityKey(), e);
        }
    }

    /**
     * Claims a Vtiger record for one Magento entity, when the record is found by an identity value Vtiger holds only
     * altered (a SKU cut to productcode's 40 characters): two Magento entities whose stored forms collide must never
     * be merged into one record. Idempotent for the same entity; one conditional write, made only for altered
     * identities.
     *
     * @return the other entity that holds the record, or empty when this entity holds it (now or already)
     */
    public java.util.Optional<String> claimRecord(String vtigerId, String entityKey) {
        try {
            dynamo.putItem(b -> b.tableName(table.name())
                    .item(recordItem(vtigerId, entityKey))
                    .conditionExpression("attribute_not_exists(pk) OR entity = :entity")
                    .expressionAttributeValues(Map.of(":entity", s(entityKey)))
                    .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD));
            return java.util.Optional.empty();
        } catch (ConditionalCheckFailedException e) {
            String holder = e.hasItem() ? str(e.item(), "entity") : null;
            if (holder == null) {
                // A store that does not return the item on a failed condition: read it.
                var item = dynamo.getItem(b -> b.tableName(table.name())
                        .key(key("RECORD#" + vtigerId, "RECORD")).consistentRead(true)).item();
                holder = str(item, "entity");
            }
            return java.util.Optional.ofNullable(holder);
        } catch (SdkException e) {
            throw new StoreException("could not claim Vtiger record " + vtigerId, e);
        }
    }

    /**
     * The entities holding these Vtiger records (at most 100 ids, one request), as the commits of their syncs recorded
     * them ({@code RECORD#<vtiger id>}, written with the link of a customer's Contact, a product's Product and an
     * order's Sales Order, with the link of a customer's personal Organization ({@link EntityLink#heldAlone}), and by
     * {@link #claimRecord}). A record no sync linked is absent: made in Vtiger, or linked before two-way sync and not
     * synced since.
     */
    public Map<String, String> holders(java.util.Collection<String> vtigerIds) {
        if (vtigerIds.isEmpty()) {
            return Map.of();
        }
        try {
            var keys = vtigerIds.stream().distinct().map(id -> key("RECORD#" + id, "RECORD")).toList();
            Map<String, String> found = new HashMap<>();
            for (var item : BatchGet.items(dynamo, table.name(), keys, true)) {
                String entity = str(item, "entity");
                if (entity != null) {
                    found.put(item.get(SyncTable.PK).s().substring("RECORD#".length()), entity);
                }
            }
            return found;
        } catch (SdkException e) {
            throw new StoreException("could not read the entities of Vtiger records", e);
        }
    }

    /** The record of the entity's own module in its link ({@link #HELD_MODULE}), if linked. */
    static java.util.Optional<String> heldRecord(EntityLink link) {
        int hash = link.entityKey().indexOf('#');
        String module = hash < 0 ? null : HELD_MODULE.get(link.entityKey().substring(0, hash));
        return java.util.Optional.ofNullable(module == null ? null : link.vtigerIds().get(module));
    }

    private static Map<String, AttributeValue> recordItem(String vtigerId, String entityKey) {
        return Map.of(SyncTable.PK, s("RECORD#" + vtigerId), SyncTable.SK, s("RECORD"), "entity", s(entityKey));
    }

    /**
     * Writes the link of an entity this thread locked with {@link #lockEntity} and releases the lock, in one request:
     * for records made on the side of another sync (an order's new buyer or products), so that a concurrent sync
     * needing the same entity waits for the link instead of making the records again.
     *
     * @throws EntityBusyException when the lock lapsed and another holder took it meanwhile
     */
    public void storeAndUnlock(EntityLink link) {
        Map<String, AttributeValue> item = linkItem(link);
        try {
            dynamo.putItem(b -> b.tableName(table.name()).item(item)
                    .conditionExpression("attribute_not_exists(lock_owner) OR lock_owner = :me")
                    .expressionAttributeValues(Map.of(":me", s(owner()))));
        } catch (ConditionalCheckFailedException e) {
            throw new EntityBusyException(link.entityKey());
        } catch (SdkException e) {
            throw new StoreException("could not link " + link.entityKey(), e);
        }
    }

    /** Lets go of an entity this thread locked, its link untouched; nothing when the lock lapsed to another holder. */
    public void unlock(String entityKey) {
        try {
            dynamo.updateItem(b -> b.tableName(table.name()).key(key(linkPk(entityKey), "LINK"))
                    .updateExpression("REMOVE lock_owner, lock_until, lock_event")
                    .conditionExpression("lock_owner = :me")
                    .expressionAttributeValues(Map.of(":me", s(owner()))));
        } catch (ConditionalCheckFailedException e) {
            // The lease lapsed and another invocation holds the entity now: nothing of ours to let go.
        } catch (SdkException e) {
            throw new StoreException("could not unlock " + entityKey, e);
        }
    }

    /** Writes the link, releases the entity lock and marks the event done with its result, atomically. */
    public void commit(String eventKey, EntityLink link, String resultJson) {
        commit(eventKey, link, resultJson, null);
    }

    /** Like {@link #commit(String, EntityLink, String)}, with its sync log line in the same transaction. */
    public void commit(String eventKey, EntityLink link, String resultJson, LogLine line) {
        Update markDone = Update.builder().tableName(table.name()).key(key(eventPk(eventKey), "EVENT"))
                .updateExpression("SET #s = :done, #r = :result, completed_at = :at REMOVE lease_until")
                .expressionAttributeNames(Map.of("#s", STATUS, "#r", "result"))
                .expressionAttributeValues(Map.of(":done", s(COMPLETED), ":result", s(resultJson),
                        ":at", s(clock.instant().toString())))
                .build();
        transact(eventKey, link, markDone, line, resultJson);
    }

    /**
     * Keeps what a failed sync did make (so the retry completes the missing records instead of making them again),
     * releases the entity lock, and lets the event be claimed again at once.
     */
    public void abandon(String eventKey, EntityLink link, String error) {
        abandon(eventKey, link, error, null);
    }

    public void abandon(String eventKey, EntityLink link, String error, LogLine line) {
        Update markFailed = Update.builder().tableName(table.name()).key(key(eventPk(eventKey), "EVENT"))
                .updateExpression("SET #s = :failed, last_error = :error, lease_until = :zero ADD attempts :one")
                .expressionAttributeNames(Map.of("#s", STATUS))
                .expressionAttributeValues(Map.of(":failed", s(FAILED), ":error", s(error), ":zero", n(0),
                        ":one", n(1)))
                .build();
        transact(eventKey, link, markFailed, line, null);
    }

    /**
     * Lets an event be claimed again at once without touching its entity's link: for an attempt that never held the
     * entity's lock (another invocation did).
     */
    public void release(String eventKey, String reason) {
        try {
            dynamo.updateItem(b -> b.tableName(table.name()).key(key(eventPk(eventKey), "EVENT"))
                    .updateExpression("SET #s = :failed, last_error = :error, lease_until = :zero")
                    .conditionExpression("#s <> :done")
                    .expressionAttributeNames(Map.of("#s", STATUS))
                    .expressionAttributeValues(Map.of(":failed", s(FAILED), ":error", s(reason), ":zero", n(0),
                            ":done", s(COMPLETED))));
        } catch (ConditionalCheckFailedException e) {
            // Completed meanwhile: nothing to release.
        } catch (SdkException e) {
            throw new StoreException("could not release event " + eventKey, e);
        }
    }

    /** @param doneResult for a commit, the event's answer, kept on the link too (see {@link LastDone}) */
    private void transact(String eventKey, EntityLink link, Update eventUpdate, LogLine line, String doneResult) {
        Map<String, AttributeValue> item = linkItem(link);
        if (doneResult != null) {
            item.put("last_event", s(eventKey));
            item.put("last_result", s(doneResult));
        }
        Put putLink = Put.builder().tableName(table.name()).item(item)
                .conditionExpression("attribute_not_exists(lock_owner) OR lock_owner = :me")
                .expressionAttributeValues(Map.of(":me", s(owner())))
                .build();
        java.util.List<TransactWriteItem> items = new java.util.ArrayList<>(java.util.List.of(
                TransactWriteItem.builder().put(putLink).build(),
                TransactWriteItem.builder().update(eventUpdate).build()));
        // The way back from a Vtiger record to its entity, for the Vtiger poll (two-way sync): its own module's, and
        // those it holds alone (a customer's personal Organization).
        Set<String> held = new LinkedHashSet<>(link.heldAlone().values());
        heldRecord(link).ifPresent(held::add);
        held.forEach(vtigerId -> items.add(TransactWriteItem.builder().put(Put.builder()
                .tableName(table.name()).item(recordItem(vtigerId, link.entityKey())).build()).build()));
        // A record it no longer holds alone (a personal Organization turned a company's): no way back from it. Only
        // this entity held it (a record is marked for one customer, found by that customer's e-mail).
        link.released().stream().filter(id -> !held.contains(id)).forEach(vtigerId -> items.add(
                TransactWriteItem.builder().delete(Delete.builder().tableName(table.name())
                        .key(key("RECORD#" + vtigerId, "RECORD")).build()).build()));
        Map<String, AttributeValue> entry = line != null && log != null
                ? log.item(clock.instant(), line, link.vtigerIds()) : null;
        if (entry != null) {
            items.add(TransactWriteItem.builder().put(Put.builder().tableName(table.name()).item(entry).build())
                    .build());
        }
        try {
            dynamo.transactWriteItems(b -> b.transactItems(items));
        } catch (SdkException e) {
            throw new StoreException("could not record the outcome of event " + eventKey, e);
        }
        if (entry != null) {
            log.index(entry, line, link.vtigerIds());
        }
    }

    private Map<String, AttributeValue> linkItem(EntityLink link) {
        Map<String, AttributeValue> item = new HashMap<>(key(linkPk(link.entityKey()), "LINK"));
        item.put("ids", map(link.vtigerIds()));
        item.put("written", AttributeValue.fromM(link.lastWritten().entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> map(e.getValue())))));
        item.put("updated_at", s(clock.instant().toString()));
        if (link.sourceVersion() != null) {
            item.put("source_version", s(link.sourceVersion()));
        }
        return item;
    }

    private static EntityLink toLink(String entityKey, Map<String, AttributeValue> item) {
        AttributeValue written = item.get("written");
        Map<String, Map<String, String>> lastWritten = written == null || !written.hasM() ? Map.of()
                : written.m().entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> unmap(e.getValue())));
        return new EntityLink(entityKey, unmap(item.get("ids")), lastWritten, str(item, "source_version"));
    }

    static String eventPk(String eventKey) {
        return "EVENT#" + eventKey;
    }

    static String linkPk(String entityKey) {
        return "LINK#" + entityKey;
    }

    static Map<String, AttributeValue> key(String pk, String sk) {
        return Map.of(SyncTable.PK, s(pk), SyncTable.SK, s(sk));
    }

    private static AttributeValue map(Map<String, String> values) {
        return AttributeValue.fromM(values.entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> s(e.getValue()))));
    }

    private static Map<String, String> unmap(AttributeValue value) {
        if (value == null || !value.hasM()) {
            return Map.of();
        }
        return value.m().entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().s()));
    }
}
