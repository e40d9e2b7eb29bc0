package com.mvsync.settings;

import com.mvsync.cache.CachedValue;
import com.mvsync.magento.EntityType;
import com.mvsync.mapping.Scope;
import com.mvsync.settings.InvalidSettingsException;
import com.mvsync.settings.RecordPolicy;
import com.mvsync.settings.RecordPolicySource;
import com.mvsync.store.StoreException;
import com.mvsync.store.SyncTable;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Delete;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/**
 * The settings, as items {@code pk = SETTINGS}: per type {@code sk = <SyncType name>}, the record policy
 * {@code sk = RECORDS} and per entity its source {@code sk = SOURCE#<entity>}, each with the attributes its
 * {@link SettingField}s declare, and how Magento shares customer accounts {@code sk = CUSTOMER_ACCOUNTS}. What a website
 * or store view overrides of a type is {@code sk = SCOPE#<scope>#<SyncType name>} ({@code SCOPE#website:eu#CONTACTS},
 * only the attributes it overrides), in the same partition, as the mapping's scoped rows are. All types are read with
 * one Query (the partition also holds the drain times of the drain's period tracker, which are skipped).
 * {@link #current()} is cached for {@code mvsync.settings.cache-ttl} because every webhook asks; writes through this store drop the cache at once, and a read that raced with a write is
 * not cached.
 */
@ApplicationScoped
public class SettingsStore implements RecordPolicySource {

    /** The partition of the settings items (the drain times of drain/PeriodTracker live there too). */
    public static final String PK = "SETTINGS";
    /** The sort key of the record policy item, beside the per-type items. */
    static final String RECORDS_SK = "RECORDS";
    /** The sort key prefix of the per-entity source items ({@code SOURCE#customer}). */
    static final String SOURCE_SK_PREFIX = "SOURCE#";
    /** The sort key of the item saying how Magento shares customer accounts. */
    static final String ACCOUNTS_SK = "CUSTOMER_ACCOUNTS";
    private static final String SHARE = "share";
    /** The sort key prefix of a scope's overrides ({@code SCOPE#website:eu#CONTACTS}). */
    static final String SCOPE_SK_PREFIX = "SCOPE#";

    private final DynamoDbClient dynamo;
    private final SyncTable table;
    private final Clock clock;
    private final CachedValue<SyncSettings> cached;

    public SettingsStore(DynamoDbClient dynamo, SyncTable table, SettingsConfig config, Clock clock) {
        this.dynamo = dynamo;
        this.table = table;
        this.clock = clock;
        this.cached = new CachedValue<>(clock, config::cacheTtl);
    }

    /** The settings, at most {@code mvsync.settings.cache-ttl} old. */
    public SyncSettings current() {
        return cached.get(this::read);
    }

    @Override
    public RecordPolicy recordPolicy() {
        return current().records();
    }

    /** The settings as stored right now (one consistent Query, no cache). */
    public SyncSettings read() {
        Map<SyncType, TypeSettings> types = new EnumMap<>(SyncType.class);
        Map<EntityType, SourceSettings> sources = new EnumMap<>(EntityType.class);
        RecordPolicy[] records = {RecordPolicy.DEFAULT};
        CustomerAccounts[] accounts = {CustomerAccounts.GLOBAL};
        Map<Scope, Map<SyncType, TypeOverride>> overrides = new LinkedHashMap<>();
        try {
            dynamo.queryPaginator(b -> b.tableName(table.name()).consistentRead(true)
                            .keyConditionExpression("pk = :pk")
                            .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(PK))))
                    .items().forEach(item -> {
                        String sk = item.get(SyncTable.SK).s();
                        if (sk.equals(RECORDS_SK)) {
                            records[0] = toPolicy(item);
                        }
                        if (sk.equals(ACCOUNTS_SK) && item.get(SHARE) != null && item.get(SHARE).s() != null) {
                            accounts[0] = CustomerAccounts.parse(item.get(SHARE).s()).orElse(CustomerAccounts.GLOBAL);
                        }
                        if (sk.startsWith(SCOPE_SK_PREFIX)) {
                            scopedType(sk).ifPresent(key -> overrides.computeIfAbsent(key.scope(),
                                    k -> new EnumMap<>(SyncType.class)).put(key.type(), toOverride(item)));
                        }
                        if (sk.startsWith(SOURCE_SK_PREFIX)) {
                            EntityType.find(sk.substring(SOURCE_SK_PREFIX.length()))
                                    .ifPresent(e -> sources.put(e, toSource(item)));
                        }
                        SyncType.parse(sk).filter(t -> t.name().equals(sk)).ifPresent(t -> types.put(t,
                                toSettings(item)));
                    });
        } catch (SdkException e) {
            throw new StoreException("could not read the sync settings", e);
        }
        return new SyncSettings(types, records[0], sources, accounts[0], overrides);
    }

    /** The scope and type a scoped item's sort key names; empty for one damaged or of a type not scoped. */
    private record ScopedType(Scope scope, SyncType type) {
    }

    private static Optional<ScopedType> scopedType(String sk) {
        int end = sk.lastIndexOf('#');
        if (end <= SCOPE_SK_PREFIX.length()) {
            return Optional.empty();
        }
        Optional<Scope> scope = Scope.find(sk.substring(SCOPE_SK_PREFIX.length(), end)).filter(s -> !s.isDefault());
        String typeName = sk.substring(end + 1);
        Optional<SyncType> type = SyncType.parse(typeName).filter(t -> t.name().equals(typeName))
                .filter(ScopedUpdate::scopes);
        return scope.isPresent() && type.isPresent() ? Optional.of(new ScopedType(scope.get(), type.get()))
                : Optional.empty();
    }

    private static String scopedSk(Scope scope, SyncType type) {
        return SCOPE_SK_PREFIX + scope.wire() + "#" + type.name();
    }

    /** A damaged field of an override is inherited (read as not overridden). */
    private static TypeOverride toOverride(Map<String, AttributeValue> item) {
        Map<TypeSetting, Object> values = SettingField.read(TypeSetting.class, item);
        return new TypeOverride((Boolean) values.get(TypeSetting.ENABLED), (Mode) values.get(TypeSetting.MODE));
    }

    /**
     * Applies a change of what one website or store view overrides (read consistently, merged) and writes the changed
     * types in one transaction: an override left with nothing is deleted, so the type is inherited again. Returns
     * the settings now stored.
     */
    public SyncSettings update(ScopedUpdate update) {
        SyncSettings current = read();
        Map<SyncType, TypeOverride> next = new EnumMap<>(SyncType.class);
        current.overrides().getOrDefault(update.scope(), Map.of()).forEach(next::put);
        String at = clock.instant().toString();
        List<TransactWriteItem> writes = new ArrayList<>();
        update.types().forEach((type, change) -> {
            TypeOverride changed = current.override(update.scope(), type).with(change);
            Map<String, AttributeValue> key = Map.of(SyncTable.PK, AttributeValue.fromS(PK),
                    SyncTable.SK, AttributeValue.fromS(scopedSk(update.scope(), type)));
            if (changed.isEmpty()) {
                next.remove(type);
                writes.add(TransactWriteItem.builder().delete(Delete.builder().tableName(table.name()).key(key)
                        .build()).build());
                return;
            }
            next.put(type, changed);
            Map<String, AttributeValue> item = new HashMap<>(key);
            item.put("scope", AttributeValue.fromS(update.scope().wire()));
            item.put("updated_at", AttributeValue.fromS(at));
            if (changed.enabled() != null) {
                item.put(TypeSetting.ENABLED.attribute(), TypeSetting.ENABLED.write(changed.enabled()));
            }
            if (changed.mode() != null) {
                item.put(TypeSetting.MODE.attribute(), TypeSetting.MODE.write(changed.mode()));
            }
            writes.add(TransactWriteItem.builder().put(Put.builder().tableName(table.name()).item(item).build())
                    .build());
        });
        try {
            dynamo.transactWriteItems(b -> b.transactItems(writes));
        } catch (SdkException e) {
            throw new StoreException("could not save the settings of scope " + update.scope(), e);
        } finally {
            cached.invalidate();
        }
        return current.withOverrides(update.scope(), next);
    }

    /**
     * Removes what {@code scope} overrides of {@code type}, so it is inherited again.
     *
     * @return false when the scope overrode nothing of the type
     */
    public boolean dropOverride(Scope scope, SyncType type) {
        try {
            return dynamo.deleteItem(b -> b.tableName(table.name()).key(Map.of(
                    SyncTable.PK, AttributeValue.fromS(PK),
                    SyncTable.SK, AttributeValue.fromS(scopedSk(scope, type))))
                    .returnValues(ReturnValue.ALL_OLD)).hasAttributes();
        } catch (SdkException e) {
            throw new StoreException("could not remove the settings of scope " + scope, e);
        } finally {
            cached.invalidate();
        }
    }

    /** Stores how Magento shares customer accounts (a setting of the whole store, not of a type). */
    public void saveCustomerAccounts(CustomerAccounts accounts) {
        try {
            dynamo.putItem(b -> b.tableName(table.name()).item(Map.of(
                    SyncTable.PK, AttributeValue.fromS(PK), SyncTable.SK, AttributeValue.fromS(ACCOUNTS_SK),
                    SHARE, AttributeValue.fromS(accounts.name()),
                    "updated_at", AttributeValue.fromS(clock.instant().toString()))));
        } catch (SdkException e) {
            throw new StoreException("could not save how customer accounts are shared", e);
        } finally {
            cached.invalidate();
        }
    }

    /**
     * Applies a partial change (read consistently, merged, validated) and writes the changed types in one
     * transaction; returns the settings now in force.
     *
     * @throws InvalidSettingsException when a changed type would be invalid (nothing is written)
     */
    public SyncSettings update(SettingsUpdate update) {
        SyncSettings next = update.applyTo(read(), clock.instant());
        if (update.types().isEmpty() && update.records().isEmpty() && update.sources().isEmpty()) {
            return next;
        }
        String at = clock.instant().toString();
        List<TransactWriteItem> puts = new ArrayList<>();
        update.sources().types().keySet().forEach(entity -> {
            SourceSettings s = next.source(entity);
            Map<String, AttributeValue> item = new java.util.HashMap<>(Map.of(
                    SyncTable.PK, AttributeValue.fromS(PK),
                    SyncTable.SK, AttributeValue.fromS(SOURCE_SK_PREFIX + entity.label()),
                    "updated_at", AttributeValue.fromS(at)));
            for (SourceSetting setting : SourceSetting.values()) {
                Object value = setting.get(s);
                if (value != null) {
                    item.put(setting.attribute(), setting.write(value));
                }
            }
            puts.add(TransactWriteItem.builder().put(Put.builder().tableName(table.name()).item(item).build())
                    .build());
        });
        if (!update.records().isEmpty()) {
            Map<String, AttributeValue> item = new java.util.HashMap<>(Map.of(
                    SyncTable.PK, AttributeValue.fromS(PK),
                    SyncTable.SK, AttributeValue.fromS(RECORDS_SK),
                    "updated_at", AttributeValue.fromS(at)));
            for (RecordSetting setting : RecordSetting.values()) {
                item.put(setting.attribute(), setting.write(next.records().get(setting)));
            }
            puts.add(TransactWriteItem.builder().put(Put.builder().tableName(table.name()).item(item).build())
                    .build());
        }
        update.types().keySet().forEach(type -> {
            TypeSettings s = next.of(type);
            Map<String, AttributeValue> item = new java.util.HashMap<>(Map.of(
                    SyncTable.PK, AttributeValue.fromS(PK),
                    SyncTable.SK, AttributeValue.fromS(type.name()),
                    "updated_at", AttributeValue.fromS(at)));
            for (TypeSetting setting : TypeSetting.values()) {
                item.put(setting.attribute(), setting.write(setting.get(s)));
            }
            puts.add(TransactWriteItem.builder().put(Put.builder().tableName(table.name()).item(item).build())
                    .build());
        });
        try {
            dynamo.transactWriteItems(b -> b.transactItems(puts));
        } catch (SdkException e) {
            throw new StoreException("could not save the sync settings", e);
        } finally {
            cached.invalidate();
        }
        return next;
    }

    /** Like {@link #toSettings}: a damaged item falls back to webhooks, which polls nothing. */
    private static SourceSettings toSource(Map<String, AttributeValue> item) {
        Map<SourceSetting, Object> values = SettingField.read(SourceSetting.class, item);
        Source source = (Source) values.getOrDefault(SourceSetting.SOURCE, SourceSetting.SOURCE.defaultValue());
        boolean damagedStart = item.containsKey(SourceSetting.START_FROM.attribute())
                && !values.containsKey(SourceSetting.START_FROM);
        if (!source.polls() || damagedStart) {
            return SourceSettings.DEFAULT;
        }
        return new SourceSettings(source, (Instant) values.get(SourceSetting.START_FROM));
    }

    /** Like {@link #toSettings}: a damaged field falls back to its default, an invalid policy to the default. */
    private static RecordPolicy toPolicy(Map<String, AttributeValue> item) {
        RecordPolicy.Builder policy = RecordPolicy.builder();
        SettingField.read(RecordSetting.class, item).forEach(policy::set);
        try {
            return policy.build();
        } catch (InvalidSettingsException e) {
            return RecordPolicy.DEFAULT;
        }
    }

    /** A stored item is trusted only as far as it is valid; a damaged field falls back to its default. */
    private static TypeSettings toSettings(Map<String, AttributeValue> item) {
        return TypeSetting.settings(SettingField.read(TypeSetting.class, item));
    }
}
