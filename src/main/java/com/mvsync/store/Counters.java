package com.mvsync.store;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Named counters, so the admin reads a number instead of walking the items it counts: one item per counter set
 * ({@code pk = COUNT#<name>}, {@code sk = COUNT}), one number attribute per counter, changed with {@code ADD} (which
 * needs no read and no condition: concurrent writers never conflict). The sync log's entries per day and result, the
 * queue's items per status. Best effort: a failed {@link #add} is logged, not thrown (the change it counts has
 * happened); the queue's counters are set again from a recount by every drain ({@link #set}), the log's expire with
 * their day.
 */
@ApplicationScoped
public class Counters {

    static final String PREFIX = "COUNT#";
    static final String SK = "COUNT";
    private static final Logger LOG = Logger.getLogger(Counters.class);

    private final DynamoDbClient dynamo;
    private final SyncTable table;

    public Counters(DynamoDbClient dynamo, SyncTable table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    /** Adds each delta (negative ones too) to the set {@code name}; {@code expiresAt} (or null) its TTL. */
    public void add(String name, Map<String, Long> deltas, Instant expiresAt) {
        Map<String, String> names = new HashMap<>();
        Map<String, AttributeValue> values = new HashMap<>();
        List<String> adds = new ArrayList<>();
        int i = 0;
        for (var delta : deltas.entrySet()) {
            if (delta.getValue() == 0) {
                continue;
            }
            names.put("#c" + i, delta.getKey());
            values.put(":c" + i, Attributes.n(delta.getValue()));
            adds.add("#c" + i + " :c" + i++);
        }
        if (adds.isEmpty()) {
            return;
        }
        String update = "ADD " + String.join(", ", adds);
        if (expiresAt != null) {
            names.put("#exp", SyncTable.EXPIRES_AT);
            values.put(":exp", Attributes.n(expiresAt.getEpochSecond()));
            update += " SET #exp = :exp";
        }
        String expression = update;
        try {
            dynamo.updateItem(b -> b.tableName(table.name()).key(key(name)).updateExpression(expression)
                    .expressionAttributeNames(names).expressionAttributeValues(values));
        } catch (SdkException e) {
            LOG.warnf("could not count %s %s: %s", name, deltas, e.getMessage());
        }
    }

    /**
     * Sets {@code counter} of the set {@code name} to {@code value} unless it has a value already: the first writer's
     * stays (a moment something began, say).
     */
    public void first(String name, String counter, long value) {
        try {
            dynamo.updateItem(b -> b.tableName(table.name()).key(key(name))
                    .updateExpression("SET #c = if_not_exists(#c, :v)").expressionAttributeNames(Map.of("#c", counter))
                    .expressionAttributeValues(Map.of(":v", Attributes.n(value))));
        } catch (SdkException e) {
            throw new StoreException("could not store the counter " + name + " " + counter, e);
        }
    }

    /** Sets the counters of {@code name} to these values (a recount), the others of the set left as they are. */
    public void set(String name, Map<String, Long> counts) {
        Map<String, AttributeValue> item = new HashMap<>(key(name));
        counts.forEach((counter, n) -> item.put(counter, Attributes.n(n)));
        try {
            dynamo.putItem(b -> b.tableName(table.name()).item(item));
        } catch (SdkException e) {
            throw new StoreException("could not store the counters " + name, e);
        }
    }

    /**
     * The counters of each set named (at most 100), in one BatchGetItem ({@link BatchGet}); a set never counted is
     * absent.
     */
    public Map<String, Map<String, Long>> get(List<String> setNames) {
        Map<String, Map<String, Long>> out = new LinkedHashMap<>();
        if (setNames.isEmpty()) {
            return out;
        }
        try {
            var keys = setNames.stream().distinct().map(Counters::key).toList();
            for (var item : BatchGet.items(dynamo, table.name(), keys, false)) {
                Map<String, Long> counts = new LinkedHashMap<>();
                item.forEach((attr, v) -> {
                    if (v.n() != null && !attr.equals(SyncTable.EXPIRES_AT)) {
                        counts.put(attr, Long.parseLong(v.n()));
                    }
                });
                out.put(item.get(SyncTable.PK).s().substring(PREFIX.length()), counts);
            }
        } catch (SdkException e) {
            throw new StoreException("could not read the counters " + setNames, e);
        }
        return out;
    }

    private static Map<String, AttributeValue> key(String name) {
        return Map.of(SyncTable.PK, Attributes.s(PREFIX + name), SyncTable.SK, Attributes.s(SK));
    }
}
