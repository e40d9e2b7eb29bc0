package com.mvsync.settings;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.mvsync.magento.EntityType;
import com.mvsync.mapping.RecordType;
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
 * (answered by {@code /admin/scopes}, not here). The helpers answer per webhook entity.
 */
@RegisterForReflection
public record SyncSettings(Map<SyncType, TypeSettings> types, RecordPolicy records,
        @JsonIgnore Map<EntityType, SourceSettings> sources, @JsonIgnore CustomerAccounts customerAccounts) {

    public SyncSettings(Map<SyncType, TypeSettings> types, RecordPolicy records,
            Map<EntityType, SourceSettings> sources) {
        this(types, records, sources, CustomerAccounts.GLOBAL);
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
        return enabledTypes(entity).stream().filter(t -> types.get(t).mode() == Mode.CRON)
                .map(t -> Duration.ofMinutes(types.get(t).periodMinutes())).min(Duration::compareTo);
    }

    public Set<SyncType> enabledTypes(EntityType entity) {
        Set<SyncType> out = EnumSet.noneOf(SyncType.class);
        SyncType.of(entity).stream().filter(t -> types.get(t).enabled()).forEach(out::add);
        return out;
    }
}
