package com.mvsync.mapping;

import com.mvsync.cache.CachedValue;
import com.mvsync.store.StoreException;
import com.mvsync.store.SyncTable;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

/**
 * The admin-edited mapping rows, as items {@code pk = MAPPING}, {@code sk = <RecordType name>#<vtiger field>} in the
 * sync table: one partition, so every type's rows come in one Query (a customer sync needs three types). A row a
 * website or store view overrides is {@code sk = SCOPE#<scope>#<RecordType name>#<vtiger field>}
 * ({@code SCOPE#website:eu#LEAD#leadsource}) in the same partition, so the one Query reads every scope too.
 * <p>
 * Syncs read rows through {@link #configuredRows}, cached for {@code mvsync.mapping.cache-ttl}: a change
 * made in one container is used by every other warm container at most that long after it was written (a sync that
 * already read its rows finishes with them). Writes through this store drop the type's cache at once, and a read
 * that raced with a write is not cached. Admin reads ({@link #get}, {@link #storedRows}, {@link #all}) bypass the
 * cache and read consistently.
 */
@ApplicationScoped
public class MappingStore implements MappingSource {

    static final String PK = "MAPPING";
    /** The sort key prefix of a row of a website or store view. */
    private static final String SCOPE_PREFIX = "SCOPE#";
    private static final String MAGENTO_FIELD = "magento_field";
    private static final String ACTIVE = "active";
    private static final String DESCRIPTION = "description";
    private static final String UPDATED_AT = "updated_at";
    private static final String WRITE_RULE = "write_rule";
    private static final String FREE_TEXT = "free_text";
    private static final String HTML_TO_TEXT = "html_to_text";
    private static final String DIRECTION = "direction";
    private static final String CONFLICT = "conflict";

    private final DynamoDbClient dynamo;
    private final SyncTable table;
    private final Clock clock;
    /** Every scope's rows of every type, read with one Query. */
    private final CachedValue<Map<Scope, List<MappingRow>>> cache;

    public MappingStore(DynamoDbClient dynamo, SyncTable table, MappingConfig config, Clock clock) {
        this.dynamo = dynamo;
        this.table = table;
        this.clock = clock;
        this.cache = new CachedValue<>(clock, config::cacheTtl);
    }

    /** The configured rows of a type, active and inactive, in Vtiger field order; cached (see the class comment). */
    @Override
    public List<MappingRow> configuredRows(RecordType type) {
        return configuredRows(type, Scope.DEFAULT);
    }

    /** The rows of a type one scope sets (for a website or store view: only what it overrides); cached. */
    @Override
    public List<MappingRow> configuredRows(RecordType type, Scope scope) {
        return cache.get(this::allScopes).getOrDefault(scope, List.of()).stream().filter(r -> r.type() == type)
                .toList();
    }

    @Override
    public boolean hasScopedRows() {
        return cache.get(this::allScopes).keySet().stream().anyMatch(scope -> !scope.isDefault());
    }

    /** The configured rows of a type as stored right now (one consistent Query, no cache). */
    public List<MappingRow> storedRows(RecordType type) {
        return query(type.name() + "#");
    }

    /** The rows of a type one scope sets, as stored right now (one consistent Query, no cache). */
    public List<MappingRow> storedRows(RecordType type, Scope scope) {
        return scope.isDefault() ? storedRows(type) : scoped(prefix(scope) + type.name() + "#")
                .getOrDefault(scope, List.of());
    }

    /** Every configured row, in type and Vtiger field order (one consistent Query, no cache). */
    public List<MappingRow> all() {
        return query("");
    }

    /** Every row of every scope, by scope (one consistent Query, no cache). */
    public Map<Scope, List<MappingRow>> allScopes() {
        return scoped("");
    }

    private List<MappingRow> query(String skPrefix) {
        return scoped(skPrefix).getOrDefault(Scope.DEFAULT, List.of());
    }

    private Map<Scope, List<MappingRow>> scoped(String skPrefix) {
        try {
            Map<Scope, List<MappingRow>> rows = new LinkedHashMap<>();
            Map<String, AttributeValue> values = skPrefix.isEmpty() ? Map.of(":pk", AttributeValue.fromS(PK))
                    : Map.of(":pk", AttributeValue.fromS(PK), ":prefix", AttributeValue.fromS(skPrefix));
            dynamo.queryPaginator(b -> b.tableName(table.name()).consistentRead(true)
                            .keyConditionExpression(skPrefix.isEmpty() ? "pk = :pk" : "pk = :pk AND begins_with(sk, :prefix)")
                            .expressionAttributeValues(values))
                    .items().forEach(item -> scopeOf(item).ifPresent(scope -> toRow(item, scope).ifPresent(
                            row -> rows.computeIfAbsent(scope, s -> new ArrayList<>()).add(row))));
            rows.replaceAll((scope, list) -> List.copyOf(list));
            return Collections.unmodifiableMap(rows);
        } catch (SdkException e) {
            throw new StoreException("could not read the field mapping", e);
        }
    }

    public Optional<MappingRow> get(RecordType type, String vtigerField) {
        return get(type, vtigerField, Scope.DEFAULT);
    }

    /** The row one scope sets for the field (not one it inherits). */
    public Optional<MappingRow> get(RecordType type, String vtigerField, Scope scope) {
        try {
            var response = dynamo.getItem(b -> b.tableName(table.name()).key(key(type, vtigerField, scope))
                    .consistentRead(true));
            return response.hasItem() && !response.item().isEmpty()
                    ? toRow(response.item(), scope) : Optional.empty();
        } catch (SdkException e) {
            throw new StoreException("could not read mapping " + type.module() + "." + vtigerField, e);
        }
    }

    /** Creates or replaces the configured row of its type and Vtiger field. */
    public void put(MappingRow row) {
        write(row, Scope.DEFAULT, false);
    }

    /** Creates or replaces the row one scope sets for its type and Vtiger field. */
    public void put(MappingRow row, Scope scope) {
        write(row, scope, false);
    }

    /** Creates the row unless one is configured for its type and Vtiger field; returns whether it was created. */
    public boolean putIfAbsent(MappingRow row) {
        return write(row, Scope.DEFAULT, true);
    }

    /** Like {@link #putIfAbsent(MappingRow)}, in one scope. */
    public boolean putIfAbsent(MappingRow row, Scope scope) {
        return write(row, scope, true);
    }

    /** Removes a configured row (a default for the field applies again); returns whether there was one. */
    public boolean delete(RecordType type, String vtigerField) {
        return delete(type, vtigerField, Scope.DEFAULT);
    }

    /** Removes a scope's row (the field is inherited again from the enclosing scope); whether there was one. */
    public boolean delete(RecordType type, String vtigerField, Scope scope) {
        try {
            var response = dynamo.deleteItem(b -> b.tableName(table.name()).key(key(type, vtigerField, scope))
                    .returnValues(ReturnValue.ALL_OLD));
            return response.hasAttributes() && !response.attributes().isEmpty();
        } catch (SdkException e) {
            throw new StoreException("could not delete mapping " + type.module() + "." + vtigerField, e);
        } finally {
            cache.invalidate();
        }
    }

    private boolean write(MappingRow row, Scope scope, boolean onlyIfAbsent) {
        Map<String, AttributeValue> item = new HashMap<>(key(row.type(), row.vtigerField(), scope));
        item.put(MAGENTO_FIELD, AttributeValue.fromS(row.magentoField()));
        item.put(ACTIVE, AttributeValue.fromBool(row.active()));
        if (row.description() != null) {
            item.put(DESCRIPTION, AttributeValue.fromS(row.description()));
        }
        item.put(WRITE_RULE, AttributeValue.fromS(row.write().wire()));
        item.put(FREE_TEXT, AttributeValue.fromBool(row.freeText()));
        item.put(HTML_TO_TEXT, AttributeValue.fromBool(row.htmlToText()));
        item.put(DIRECTION, AttributeValue.fromS(row.direction().wire()));
        item.put(CONFLICT, AttributeValue.fromS(row.conflict().wire()));
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
            cache.invalidate();
        }
    }


    private static Map<String, AttributeValue> key(RecordType type, String vtigerField, Scope scope) {
        return Map.of(SyncTable.PK, AttributeValue.fromS(PK),
                SyncTable.SK, AttributeValue.fromS(prefix(scope) + type.name() + "#" + vtigerField));
    }

    private static String prefix(Scope scope) {
        return scope.isDefault() ? "" : SCOPE_PREFIX + scope.wire() + "#";
    }

    /** The scope of a stored item; empty for a scoped item whose scope does not parse (skipped like a bad row). */
    private static Optional<Scope> scopeOf(Map<String, AttributeValue> item) {
        String sk = item.get(SyncTable.SK) == null ? "" : item.get(SyncTable.SK).s();
        if (!sk.startsWith(SCOPE_PREFIX)) {
            return Optional.of(Scope.DEFAULT);
        }
        int end = sk.indexOf('#', SCOPE_PREFIX.length());
        return end < 0 ? Optional.empty() : Scope.find(sk.substring(SCOPE_PREFIX.length(), end))
                .filter(scope -> !scope.isDefault());
    }

    /** A stored item as a row; an item that is not one (written by hand, say) is skipped rather than failing syncs. */
    private static Optional<MappingRow> toRow(Map<String, AttributeValue> item, Scope scope) {
        String stored = item.get(SyncTable.SK) == null ? "" : item.get(SyncTable.SK).s();
        String sk = stored.substring(Math.min(prefix(scope).length(), stored.length()));
        int hash = sk.indexOf('#');
        AttributeValue magentoField = item.get(MAGENTO_FIELD);
        if (hash < 0 || magentoField == null || magentoField.s() == null) {
            return Optional.empty();
        }
        Optional<RecordType> type = RecordType.parse(sk.substring(0, hash));
        AttributeValue description = item.get(DESCRIPTION);
        // Rows saved before the per-row rules existed have none: they take their field's defaults. Rows saved before
        // two-way sync have no direction: they are Magento → Vtiger, as they were written.
        return type.map(t -> {
            String field = sk.substring(hash + 1);
            MappingRow row = new MappingRow(t, field, magentoField.s(), flag(item.get(ACTIVE), true),
                    description == null ? null : description.s());
            AttributeValue rule = item.get(WRITE_RULE);
            return new MappingRow(t, field, row.magentoField(), row.active(), row.description(),
                    rule == null ? row.write() : WriteRule.parse(rule.s()).orElse(row.write()),
                    flag(item.get(FREE_TEXT), row.freeText()), flag(item.get(HTML_TO_TEXT), row.htmlToText()),
                    text(item.get(DIRECTION)).flatMap(Direction::parse).orElse(Direction.TO_VTIGER),
                    text(item.get(CONFLICT)).flatMap(ConflictRule::parse).orElse(ConflictRule.NEWEST_WINS));
        });
    }

    private static Optional<String> text(AttributeValue value) {
        return value == null ? Optional.empty() : Optional.ofNullable(value.s());
    }

    private static boolean flag(AttributeValue value, boolean otherwise) {
        return (value == null || value.bool() == null) ? otherwise : value.bool();
    }
}
