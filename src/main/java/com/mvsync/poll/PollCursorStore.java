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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * The poll cursors: {@code pk = POLL}, {@code sk = <type label>} for Magento's poll of an entity type, {@code sk =
 * vtiger#<module>} for the Vtiger poll of a module (two-way sync): one mechanism, two keys.
 * <p>
 * Vtiger cursors were kept per entity type ({@code vtiger#customer}) until Accounts were polled beside Contacts (both
 * feed customers, so one key would have served two cursors). A module whose cursor is not stored yet starts from the
 * one its type's former key holds, when it was that key's module ({@code formerOwner}): an upgrade neither reads again
 * nor skips what Vtiger changed since the last poll. The former item is left in place and ignored from then on.
 */
@ApplicationScoped
public class PollCursorStore {

    static final String PK = "POLL";
    private static final String VTIGER = "vtiger#";

    private final DynamoDbClient dynamo;
    private final SyncTable table;

    public PollCursorStore(DynamoDbClient dynamo, SyncTable table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    /** The cursor of a type's Magento poll (a consistent read); empty when it was never polled. */
    public Optional<PollCursor> get(EntityType type) {
        return read(type.label(), type);
    }

    /**
     * The cursor of a Vtiger module's poll (a consistent read); empty when it was never polled. Unsaved under the
     * module, it is the former per-type cursor when the module owned it (see above), with version 0 so that its first
     * save creates the module's item.
     */
    public Optional<PollCursor> vtiger(String module, EntityType type, boolean formerOwner) {
        Optional<PollCursor> own = read(VTIGER + module, type);
        if (own.isPresent() || !formerOwner) {
            return own;
        }
        return read(VTIGER + type.label(), type).map(PollCursor::unsaved);
    }

    private Optional<PollCursor> read(String sk, EntityType type) {
        try {
            var response = dynamo.getItem(b -> b.tableName(table.name()).key(key(sk)).consistentRead(true));
            return response.hasItem() && !response.item().isEmpty() ? Optional.of(toCursor(type, response.item()))
                    : Optional.empty();
        } catch (SdkException e) {
            throw new StoreException("could not read the " + sk + " poll cursor", e);
        }
    }

    /** Every cursor of both polls, as one Query read them (the poll's status shows both). */
    public static final class Cursors {

        private final Map<String, Map<String, AttributeValue>> items;

        private Cursors(Map<String, Map<String, AttributeValue>> items) {
            this.items = items;
        }

        /** Magento's poll per entity type; a type never polled is absent. */
        public Map<EntityType, PollCursor> magento() {
            Map<EntityType, PollCursor> out = new EnumMap<>(EntityType.class);
            items.forEach((sk, item) -> EntityType.find(sk).ifPresent(t -> out.put(t, toCursor(t, item))));
            return out;
        }

        /**
         * The Vtiger poll of these modules (module to its type), the former per-type cursor for the modules that
         * owned it; a module never polled is absent.
         */
        public Map<String, PollCursor> vtiger(Map<String, EntityType> modules, Set<String> formerOwners) {
            Map<String, PollCursor> out = new LinkedHashMap<>();
            modules.forEach((module, type) -> {
                var item = items.get(VTIGER + module);
                if (item == null && formerOwners.contains(module)) {
                    item = items.get(VTIGER + type.label());
                }
                if (item != null) {
                    out.put(module, toCursor(type, item));
                }
            });
            return out;
        }
    }

    /** Every cursor of both polls, in one Query. */
    public Cursors all() {
        return new Cursors(items());
    }

    private Map<String, Map<String, AttributeValue>> items() {
        Map<String, Map<String, AttributeValue>> out = new HashMap<>();
        try {
            dynamo.queryPaginator(b -> b.tableName(table.name()).consistentRead(true)
                    .keyConditionExpression("pk = :pk").expressionAttributeValues(Map.of(":pk", s(PK))))
                    .items().forEach(item -> out.put(str(item, SyncTable.SK), item));
        } catch (SdkException e) {
            throw new StoreException("could not read the poll cursors", e);
        }
        return out;
    }

    /**
     * Writes {@code next} of Magento's poll (its version one above {@code expectedVersion}) if the stored cursor still
     * has {@code expectedVersion} (0: none stored yet). Returns the written cursor.
     *
     * @throws ConcurrentPollException when another run wrote it meanwhile (nothing is written)
     */
    public PollCursor save(PollCursor next, long expectedVersion) {
        return save(next.type().label(), next, expectedVersion);
    }

    /** {@link #save(PollCursor, long)} of a Vtiger module's cursor. */
    public PollCursor saveVtiger(String module, PollCursor next, long expectedVersion) {
        return save(VTIGER + module, next, expectedVersion);
    }

    private PollCursor save(String sk, PollCursor next, long expectedVersion) {
        long version = expectedVersion + 1;
        Map<String, AttributeValue> item = new HashMap<>(key(sk));
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
            throw new ConcurrentPollException("the " + sk + " poll cursor was moved by another run");
        } catch (SdkException e) {
            throw new StoreException("could not save the " + sk + " poll cursor", e);
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

    private static Map<String, AttributeValue> key(String sk) {
        return Map.of(SyncTable.PK, s(PK), SyncTable.SK, s(sk));
    }
}
