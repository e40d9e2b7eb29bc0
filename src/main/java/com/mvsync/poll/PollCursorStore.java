package com.mvsync.poll;

import static com.mvsync.store.Attributes.n;
import static com.mvsync.store.Attributes.num;
import static com.mvsync.store.Attributes.s;
import static com.mvsync.store.Attributes.str;

import com.mvsync.magento.EntityType;
import com.mvsync.store.Attributes;
import com.mvsync.store.StoreException;
import com.mvsync.store.SyncTable;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * The poll cursors, one item per entity type and polled system: {@code pk = POLL}, {@code sk = <type label>} for
 * Magento's poll, {@code sk = vtiger#<type label>} for the Vtiger poll of the records that type feeds (two-way sync):
 * one mechanism, two keys.
 */
@ApplicationScoped
public class PollCursorStore {

    static final String PK = "POLL";

    /** Which system a cursor reads. */
    public enum Side {
        MAGENTO(""),
        VTIGER("vtiger#");

        private final String prefix;

        Side(String prefix) {
            this.prefix = prefix;
        }
    }

    private final DynamoDbClient dynamo;
    private final SyncTable table;

    public PollCursorStore(DynamoDbClient dynamo, SyncTable table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    /** The cursor of a type (a consistent read); empty when it was never polled. */
    public Optional<PollCursor> get(EntityType type) {
        return get(Side.MAGENTO, type);
    }

    /** The cursor of a type on one side (a consistent read); empty when it was never polled. */
    public Optional<PollCursor> get(Side side, EntityType type) {
        try {
            var response = dynamo.getItem(b -> b.tableName(table.name()).key(key(side, type)).consistentRead(true));
            return response.hasItem() && !response.item().isEmpty() ? Optional.of(toCursor(type, response.item()))
                    : Optional.empty();
        } catch (SdkException e) {
            throw new StoreException("could not read the " + type.label() + " poll cursor", e);
        }
    }

    /** Every cursor of Magento's poll, in one Query. */
    public Map<EntityType, PollCursor> all() {
        return all(Side.MAGENTO);
    }

    /** Every cursor of one side, in one Query (Magento's keys are the bare labels; the other side's are prefixed). */
    public Map<EntityType, PollCursor> all(Side side) {
        Map<EntityType, PollCursor> out = new EnumMap<>(EntityType.class);
        try {
            dynamo.queryPaginator(b -> {
                b.tableName(table.name()).consistentRead(true);
                if (side.prefix.isEmpty()) {
                    b.keyConditionExpression("pk = :pk").expressionAttributeValues(Map.of(":pk", s(PK)));
                } else {
                    b.keyConditionExpression("pk = :pk AND begins_with(sk, :side)")
                            .expressionAttributeValues(Map.of(":pk", s(PK), ":side", s(side.prefix)));
                }
            }).items().forEach(item -> EntityType.find(str(item, SyncTable.SK).substring(side.prefix.length()))
                    .ifPresent(t -> out.put(t, toCursor(t, item))));
        } catch (SdkException e) {
            throw new StoreException("could not read the poll cursors", e);
        }
        return out;
    }

    /**
     * Writes {@code next} (its version one above {@code expectedVersion}) if the stored cursor still has
     * {@code expectedVersion} (0: none stored yet). Returns the written cursor.
     *
     * @throws ConcurrentPollException when another run wrote it meanwhile (nothing is written)
     */
    public PollCursor save(PollCursor next, long expectedVersion) {
        return save(Side.MAGENTO, next, expectedVersion);
    }

    /** {@link #save(PollCursor, long)} of one side's cursor. */
    public PollCursor save(Side side, PollCursor next, long expectedVersion) {
        long version = expectedVersion + 1;
        Map<String, AttributeValue> item = new HashMap<>(key(side, next.type()));
        item.put("version", n(version));
        if (next.origin() != null) {
            item.put("origin", s(next.origin().toString()));
        }
        if (next.cursor() != null) {
            item.put("cursor", s(next.cursor()));
        }
        Map<String, AttributeValue> recent = new HashMap<>();
        next.recent().forEach((k, v) -> recent.put(k, s(v)));
        item.put("recent", AttributeValue.fromM(recent));
        PollRun run = next.lastRun();
        if (run != null) {
            putRun(item, run.startedAt(), run.status(), run.requests(), run.found(), run.queued(), run.skipped(),
                    run.error());
        }
        VtigerPollRun vtigerRun = next.vtigerRun();
        if (vtigerRun != null) {
            putRun(item, vtigerRun.startedAt(), vtigerRun.status(), vtigerRun.requests(), vtigerRun.found(),
                    vtigerRun.queued(), vtigerRun.skipped(), vtigerRun.error());
            item.put("run_module", s(vtigerRun.module()));
            item.put("run_unlinked", n(vtigerRun.unlinked()));
            item.put("run_unlinked_ids", AttributeValue.fromL(vtigerRun.unlinkedIds().stream()
                    .map(Attributes::s).toList()));
        }
        String condition = expectedVersion == 0 ? "attribute_not_exists(pk)" : "version = :v";
        try {
            dynamo.putItem(b -> {
                b.tableName(table.name()).item(item).conditionExpression(condition);
                if (expectedVersion != 0) {
                    b.expressionAttributeValues(Map.of(":v", n(expectedVersion)));
                }
            });
        } catch (ConditionalCheckFailedException e) {
            throw new ConcurrentPollException("the " + next.type().label() + " poll cursor was moved by another run");
        } catch (SdkException e) {
            throw new StoreException("could not save the " + next.type().label() + " poll cursor", e);
        }
        return new PollCursor(next.type(), next.origin(), next.cursor(), next.recent(), version, run, vtigerRun);
    }

    private static void putRun(Map<String, AttributeValue> item, String startedAt, String status, int requests,
            int found, int queued, int skipped, String error) {
        item.put("run_started_at", s(startedAt));
        item.put("run_status", s(status));
        item.put("run_requests", n(requests));
        item.put("run_found", n(found));
        item.put("run_queued", n(queued));
        item.put("run_skipped", n(skipped));
        if (error != null) {
            item.put("run_error", s(error));
        }
    }

    private static PollCursor toCursor(EntityType type, Map<String, AttributeValue> item) {
        Map<String, String> recent = new HashMap<>();
        AttributeValue r = item.get("recent");
        if (r != null && r.hasM()) {
            r.m().forEach((k, v) -> recent.put(k, v.s()));
        }
        String origin = str(item, "origin");
        String started = str(item, "run_started_at");
        String module = str(item, "run_module");
        PollRun run = started == null || module != null ? null : new PollRun(type, started, str(item, "run_status"),
                (int) num(item, "run_requests", 0), (int) num(item, "run_found", 0), (int) num(item, "run_queued", 0),
                (int) num(item, "run_skipped", 0), str(item, "cursor"), str(item, "run_error"));
        VtigerPollRun vtigerRun = started == null || module == null ? null : new VtigerPollRun(module, started,
                str(item, "run_status"), (int) num(item, "run_requests", 0), (int) num(item, "run_found", 0),
                (int) num(item, "run_queued", 0), (int) num(item, "run_skipped", 0),
                (int) num(item, "run_unlinked", 0), strings(item.get("run_unlinked_ids")), str(item, "cursor"),
                str(item, "run_error"));
        return new PollCursor(type, origin == null ? null : Instant.parse(origin), str(item, "cursor"), recent,
                num(item, "version", 0), run, vtigerRun);
    }

    private static List<String> strings(AttributeValue list) {
        return list == null || !list.hasL() ? List.of() : list.l().stream().map(AttributeValue::s).toList();
    }

    private static Map<String, AttributeValue> key(Side side, EntityType type) {
        return Map.of(SyncTable.PK, s(PK), SyncTable.SK, s(side.prefix + type.label()));
    }
}
