package com.mvsync.settings;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.mvsync.magento.EntityType;
import com.mvsync.mapping.RecordType;
import com.mvsync.mapping.Scope;
import com.mvsync.mapping.ScopeChain;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Duration;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The settings of every {@link SyncType} (types never configured have {@link TypeSettings#DEFAULT}) and the record
 * policy (how Vtiger's limits and existing records are treated), and per Magento entity type where its changes come
 * from (webhooks, the poll, or both; types never configured take webhooks), and how Magento shares customer accounts
 * (answered by {@code /admin/scopes}, not here), and what websites and store views override of each type's enabled
 * and mode ({@link TypeOverride}; {@link #in} resolves them for an entity's scopes). The helpers answer per webhook
 * entity.
 */
@RegisterForReflection
public record SyncSettings(Map<SyncType, TypeSettings> types, RecordPolicy records,
        @JsonIgnore Map<EntityType, SourceSettings> sources, @JsonIgnore CustomerAccounts customerAccounts,
        @JsonIgnore Map<Scope, Map<SyncType, TypeOverride>> overrides) {

    public SyncSettings(Map<SyncType, TypeSettings> types, RecordPolicy records,
            Map<EntityType, SourceSettings> sources) {
        this(types, records, sources, CustomerAccounts.GLOBAL, Map.of());
    }

    public SyncSettings(Map<SyncType, TypeSettings> types) {
        this(types, RecordPolicy.DEFAULT);
    }

    public SyncSettings(Map<SyncType, TypeSettings> types, RecordPolicy records) {
        this(types, records, Map.of());
    }

    public SyncSettings {
        records = records == null ? RecordPolicy.DEFAULT : records;
        customerAccounts = customerAccounts == null ? CustomerAccounts.GLOBAL : customerAccounts;
        Map<Scope, Map<SyncType, TypeOverride>> scoped = new LinkedHashMap<>();
        if (overrides != null) {
            overrides.forEach((scope, byType) -> {
                Map<SyncType, TypeOverride> copy = new EnumMap<>(SyncType.class);
                byType.forEach((type, o) -> {
                    if (!o.isEmpty() && !scope.isDefault()) {
                        copy.put(type, o);
                    }
                });
                if (!copy.isEmpty()) {
                    scoped.put(scope, Collections.unmodifiableMap(copy));
                }
            });
        }
        overrides = Collections.unmodifiableMap(scoped);
        Map<EntityType, SourceSettings> allSources = new EnumMap<>(EntityType.class);
        for (EntityType entity : EntityType.values()) {
            allSources.put(entity, sources == null ? SourceSettings.DEFAULT
                    : sources.getOrDefault(entity, SourceSettings.DEFAULT));
        }
        sources = Collections.unmodifiableMap(allSources);
        Map<SyncType, TypeSettings> all = new EnumMap<>(SyncType.class);
        for (SyncType type : SyncType.values()) {
            all.put(type, types == null ? TypeSettings.DEFAULT : types.getOrDefault(type, TypeSettings.DEFAULT));
        }
        types = Collections.unmodifiableMap(all);
    }

    public static SyncSettings defaults() {
        return new SyncSettings(Map.of());
    }

    /**
     * Whether a website or store view overrides a setting of a type the entity feeds: only then is its scope worth
     * finding (a store with nothing overridden asks Magento for no store list).
     */
    public boolean scoped(EntityType entity) {
        return overrides.values().stream().anyMatch(byType -> byType.keySet().stream()
                .anyMatch(t -> t.entity() == entity));
    }

    /** What {@code scope} itself overrides of {@code type} ({@link TypeOverride#NONE} when nothing). */
    public TypeOverride override(Scope scope, SyncType type) {
        return overrides.getOrDefault(scope, Map.of()).getOrDefault(type, TypeOverride.NONE);
    }

    /**
     * The settings in force for an entity of this chain: each type's defaults, overridden by its website's, then by
     * its store view's (as Magento resolves its configuration scopes).
     */
    public SyncSettings in(ScopeChain chain) {
        Map<SyncType, TypeSettings> resolved = new EnumMap<>(types);
        for (Scope scope : chain.scopes()) {
            overrides.getOrDefault(scope, Map.of()).forEach((type, o) -> resolved.put(type,
                    o.applyTo(resolved.get(type))));
        }
        return new SyncSettings(resolved, records, sources, customerAccounts, overrides);
    }

    /** These settings with {@code scope}'s overrides replaced by {@code byType} (an empty one drops the scope). */
    public SyncSettings withOverrides(Scope scope, Map<SyncType, TypeOverride> byType) {
        Map<Scope, Map<SyncType, TypeOverride>> next = new LinkedHashMap<>(overrides);
        next.put(scope, byType);
        return new SyncSettings(types, records, sources, customerAccounts, next);
    }

    public TypeSettings of(SyncType type) {
        return types.get(type);
    }

    /** Where the entity's changes come from. */
    public SourceSettings source(EntityType entity) {
        return sources.get(entity);
    }

    /** The sources as answered by the admin API, keyed by entity label ({@code "customer"}). */
    @JsonProperty("sources")
    public Map<String, SourceSettings> sourcesByLabel() {
        Map<String, SourceSettings> out = new LinkedHashMap<>();
        sources.forEach((entity, s) -> out.put(entity.label(), s));
        return out;
    }

    /** Whether a webhook for this entity has anything to do (else the pipeline can answer "skipped"). */
    public boolean anyEnabled(EntityType entity) {
        return !enabledTypes(entity).isEmpty();
    }

    /** CRON when any enabled type of the entity is: its webhook is queued, all of its types synced by the drain. */
    public Mode modeOf(EntityType entity) {
        return enabledTypes(entity).stream().anyMatch(t -> types.get(t).mode() == Mode.CRON) ? Mode.CRON
                : Mode.IMMEDIATE;
    }

    /** The Vtiger record types the sync of this entity may write (hand this set to the sync). */
    public Set<RecordType> enabledRecordTypes(EntityType entity) {
        Set<RecordType> out = EnumSet.noneOf(RecordType.class);
        enabledTypes(entity).forEach(t -> out.add(t.recordType()));
        return out;
    }

    public boolean enabled(RecordType recordType) {
        return types.entrySet().stream().anyMatch(e -> e.getKey().recordType() == recordType
                && e.getValue().enabled());
    }

    /** How often the entity's queue is drained: the shortest period of its enabled cron types (empty: immediate). */
    public Optional<Duration> cronPeriodOf(EntityType entity) {
        return SyncType.of(entity).stream().filter(this::cronSomewhere)
                .map(t -> Duration.ofMinutes(types.get(t).periodMinutes())).min(Duration::compareTo);
    }

    /**
     * Whether the type may run as a cron job in some scope: enabled and in cron mode by default, or a website or store
     * view that sets either while the other is so (or set there too). Generous where a store view would inherit
     * from its website: the queue is one per entity type, so at worst it is drained at the period, not every run.
     */
    private boolean cronSomewhere(SyncType type) {
        TypeSettings base = types.get(type);
        boolean enabledSomewhere = base.enabled() || overrides.values().stream()
                .anyMatch(o -> Boolean.TRUE.equals(o.getOrDefault(type, TypeOverride.NONE).enabled()));
        boolean cronSomewhere = base.mode() == Mode.CRON || overrides.values().stream()
                .anyMatch(o -> o.getOrDefault(type, TypeOverride.NONE).mode() == Mode.CRON);
        return enabledSomewhere && cronSomewhere;
    }

    public Set<SyncType> enabledTypes(EntityType entity) {
        Set<SyncType> out = EnumSet.noneOf(SyncType.class);
        SyncType.of(entity).stream().filter(t -> types.get(t).enabled()).forEach(out::add);
        return out;
    }
}
