package com.mvsync.mapping;

import com.mvsync.store.StoreException;
import com.mvsync.store.SyncTable;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

/**
 * The admin-edited mapping rows, as items {@code pk = MAPPING#<RecordType name>}, {@code sk = <vtiger field>} in the
 * sync table.
 * <p>
 * Syncs read rows through {@link #configuredRows}, cached per type for {@code mvsync.mapping.cache-ttl}: a change
 * made in one container is used by every other warm container at most that long after it was written (a sync that
 * already read its rows finishes with them). Writes through this store drop the type's cache at once, and a read
 * that raced with a write is not cached. Admin reads ({@link #get}, {@link #storedRows}, {@link #all}) bypass the
 * cache and read consistently.
 */
@ApplicationScoped
public class MappingStore implements MappingSource {

    static final String PK_PREFIX = "MAPPING#";
    private static final String MAGENTO_FIELD = "magento_field";
    private static final String ACTIVE = "active";
    private static final String DESCRIPTION = "description";
    private static final String UPDATED_AT = "updated_at";

    private final DynamoDbClient dynamo;
    private final SyncTable table;
    private final MappingConfig config;
    private final Clock clock;
    private final Map<RecordType, Cached> cache = new ConcurrentHashMap<>();
    /** Bumped by every write, so a read that overlapped a write does not cache what it read. */
    private final AtomicLong writes = new AtomicLong();

    private record Cached(List<MappingRow> rows, Instant readAt) {
    }

    @Inject
    public MappingStore(DynamoDbClient dynamo, SyncTable table, MappingConfig config) {
        this(dynamo, table, config, Clock.systemUTC());
    }

    MappingStore(DynamoDbClient dynamo, SyncTable table, MappingConfig config, Clock clock) {
        this.dynamo = dynamo;
        this.table = table;
        this.config = config;
        this.clock = clock;
    }

    /** The configured rows of a type, active and inactive, in Vtiger field order; cached (see the class comment). */
    @Override
    public List<MappingRow> configuredRows(RecordType type) {
        Instant now = clock.instant();
        Cached cached = cache.get(type);
        if (cached != null && now.isBefore(cached.readAt().plus(config.cacheTtl()))) {
            return cached.rows();
        }
        long writesBefore = writes.get();
        List<MappingRow> rows = storedRows(type);
        if (!config.cacheTtl().isZero() && writes.get() == writesBefore) {
            cache.put(type, new Cached(rows, now));
        }
        return rows;
    }

    /** The configured rows of a type as stored right now (one consistent Query, no cache). */
    public List<MappingRow> storedRows(RecordType type) {
        try {
            List<MappingRow> rows = new ArrayList<>();
            dynamo.queryPaginator(b -> b.tableName(table.name()).consistentRead(true)
                            .keyConditionExpression("pk = :pk")
                            .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(pk(type)))))
                    .items().forEach(item -> rows.add(toRow(type, item)));
            return List.copyOf(rows);
        } catch (SdkException e) {
            throw new StoreException("could not read the " + type.label() + " mapping", e);
        }
    }

    /** Every configured row, type by type (one Query per type). */
    public List<MappingRow> all() {
        List<MappingRow> rows = new ArrayList<>();
        for (RecordType type : RecordType.values()) {
            rows.addAll(storedRows(type));
        }
        return rows;
    }

    public Optional<MappingRow> get(RecordType type, String vtigerField) {
        try {
            var response = dynamo.getItem(b -> b.tableName(table.name()).key(key(type, vtigerField))
                    .consistentRead(true));
            return response.hasItem() && !response.item().isEmpty()
                    ? Optional.of(toRow(type, response.item())) : Optional.empty();
        } catch (SdkException e) {
            throw new StoreException("could not read mapping " + type.module() + "." + vtigerField, e);
        }
    }

    /** Creates or replaces the configured row of its type and Vtiger field. */
    public void put(MappingRow row) {
        write(row, false);
    }

    /** Creates the row unless one is configured for its type and Vtiger field; returns whether it was created. */
    public boolean putIfAbsent(MappingRow row) {
        return write(row, true);
    }

    /** Removes a configured row (a default for the field applies again); returns whether there was one. */
    public boolean delete(RecordType type, String vtigerField) {
        try {
            var response = dynamo.deleteItem(b -> b.tableName(table.name()).key(key(type, vtigerField))
                    .returnValues(ReturnValue.ALL_OLD));
            return response.hasAttributes() && !response.attributes().isEmpty();
        } catch (SdkException e) {
            throw new StoreException("could not delete mapping " + type.module() + "." + vtigerField, e);
        } finally {
            invalidate(type);
        }
    }

    private boolean write(MappingRow row, boolean onlyIfAbsent) {
        Map<String, AttributeValue> item = new HashMap<>(key(row.type(), row.vtigerField()));
        item.put(MAGENTO_FIELD, AttributeValue.fromS(row.magentoField()));
        item.put(ACTIVE, AttributeValue.fromBool(row.active()));
        if (row.description() != null) {
            item.put(DESCRIPTION, AttributeValue.fromS(row.description()));
        }
        item.put(UPDATED_AT, AttributeValue.fromS(clock.instant().toString()));
        try {
            dynamo.putItem(b -> {
                b.tableName(table.name()).item(item);
                if (onlyIfAbsent) {
                    b.conditionExpression("attribute_not_exists(pk)");
                }
            });
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        } catch (SdkException e) {
            throw new StoreException("could not save mapping " + row.type().module() + "." + row.vtigerField(), e);
        } finally {
            invalidate(row.type());
        }
    }

    private void invalidate(RecordType type) {
        writes.incrementAndGet();
        cache.remove(type);
    }

    static String pk(RecordType type) {
        return PK_PREFIX + type.name();
    }

    private static Map<String, AttributeValue> key(RecordType type, String vtigerField) {
        return Map.of(SyncTable.PK, AttributeValue.fromS(pk(type)), SyncTable.SK, AttributeValue.fromS(vtigerField));
    }

    private static MappingRow toRow(RecordType type, Map<String, AttributeValue> item) {
        AttributeValue active = item.get(ACTIVE);
        AttributeValue description = item.get(DESCRIPTION);
        return new MappingRow(type, item.get(SyncTable.SK).s(), item.get(MAGENTO_FIELD).s(),
                active == null || active.bool() == null || active.bool(),
                description == null ? null : description.s());
    }
}
