package com.mvsync.settings;

import static com.mvsync.text.Text.abbreviate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.Map;

/**
 * A partial change of the settings, as {@code PUT /admin/settings} sends it:
 * {@code {"types":{"CONTACTS":{"enabled":true,"mode":"cron","periodMinutes":10}}}}. Types and fields left out keep
 * their current value.
 */
public record SettingsUpdate(Map<SyncType, Patch> types, RecordsPatch records, SourcesPatch sources) {

    public SettingsUpdate(Map<SyncType, Patch> types) {
        this(types, RecordsPatch.NONE);
    }

    public SettingsUpdate(Map<SyncType, Patch> types, RecordsPatch records) {
        this(types, records, SourcesPatch.NONE);
    }

    /** The fields given for one type; null means "keep". */
    public record Patch(Boolean enabled, Mode mode, Integer periodMinutes, DeletePolicy onDelete) {

        public Patch(Boolean enabled, Mode mode, Integer periodMinutes) {
            this(enabled, mode, periodMinutes, null);
        }

        TypeSettings applyTo(TypeSettings current) {
            return new TypeSettings(enabled != null ? enabled : current.enabled(),
                    mode != null ? mode : current.mode(),
                    periodMinutes != null ? periodMinutes : current.periodMinutes(),
                    onDelete != null ? onDelete : current.onDelete());
        }
    }

    /** The record-policy fields given, by {@link RecordSetting}; a field left out keeps its value. */
    public record RecordsPatch(Map<RecordSetting, Object> values) {

        static final RecordsPatch NONE = new RecordsPatch(Map.of());

        public RecordsPatch {
            Map<RecordSetting, Object> copy = new EnumMap<>(RecordSetting.class);
            values.forEach((setting, value) -> copy.put(setting, setting.cast(value)));
            values = Collections.unmodifiableMap(copy);
        }

        /** Every field of {@code policy}. */
        public static RecordsPatch of(RecordPolicy policy) {
            Map<RecordSetting, Object> values = new EnumMap<>(RecordSetting.class);
            for (RecordSetting setting : RecordSetting.values()) {
                values.put(setting, policy.get(setting));
            }
            return new RecordsPatch(values);
        }

        public boolean isEmpty() {
            return values.isEmpty();
        }

        RecordPolicy applyTo(RecordPolicy current) {
            RecordPolicy.Builder next = current.toBuilder();
            values.forEach(next::set);
            return next.build();
        }
    }

    private static final String EXAMPLE = "{\"types\":{\"CONTACTS\":{\"enabled\":true,\"mode\":\"cron\","
            + "\"periodMinutes\":10}},\"records\":{\"firstLink\":\"magento-wins\"}}";

    public SettingsUpdate {
        records = records == null ? RecordsPatch.NONE : records;
        sources = sources == null ? SourcesPatch.NONE : sources;
        Map<SyncType, Patch> copy = new EnumMap<>(SyncType.class);
        copy.putAll(types);
        types = Collections.unmodifiableMap(copy);
    }

    /** The settings with this change applied at {@code now} (a type switched to polling starts then). */
    public SyncSettings applyTo(SyncSettings current, java.time.Instant now) {
        SyncSettings next = applyTo(current);
        return new SyncSettings(next.types(), next.records(), sources.applyTo(current.sources(), now),
                current.customerAccounts(), current.overrides());
    }

    /** The settings with this change applied; validates each changed type as a whole (sources are kept). */
    public SyncSettings applyTo(SyncSettings current) {
        Map<SyncType, TypeSettings> next = new EnumMap<>(current.types());
        types.forEach((type, patch) -> {
            try {
                next.put(type, patch.applyTo(current.of(type)));
            } catch (InvalidSettingsException e) {
                throw new InvalidSettingsException(type.name() + ": " + e.getMessage());
            }
        });
        return new SyncSettings(next, records.applyTo(current.records()), current.sources(),
                current.customerAccounts(), current.overrides());
    }

    /** Reads and checks a request body; every problem is an {@link InvalidSettingsException} naming the field. */
    public static SettingsUpdate parse(JsonNode body) {
        if (!(body instanceof ObjectNode object)) {
            throw new InvalidSettingsException("the request body must be a JSON object: " + EXAMPLE);
        }
        for (Iterator<String> names = object.fieldNames(); names.hasNext();) {
            String name = names.next();
            if (!name.equals("types") && !name.equals("records") && !name.equals("sources")) {
                throw new InvalidSettingsException("unknown property '" + abbreviate(name)
                        + "'; the settings body has 'types', 'records' and 'sources'");
            }
        }
        RecordsPatch records = object.has("records") ? records(object.get("records")) : RecordsPatch.NONE;
        SourcesPatch sources = object.has("sources") ? SourcesPatch.parse(object.get("sources")) : SourcesPatch.NONE;
        JsonNode types = object.get("types");
        if (types == null && (object.has("records") || object.has("sources"))) {
            return new SettingsUpdate(Map.of(), records, sources);
        }
        if (!(types instanceof ObjectNode typesObject)) {
            throw new InvalidSettingsException("'types' must be an object keyed by type ("
                    + String.join(", ", names()) + ")");
        }
        Map<SyncType, Patch> patches = new EnumMap<>(SyncType.class);
        for (Iterator<Map.Entry<String, JsonNode>> it = typesObject.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> entry = it.next();
            SyncType type = SyncType.parse(entry.getKey()).orElseThrow(() -> new InvalidSettingsException(
                    "unknown type '" + abbreviate(entry.getKey()) + "'; expected one of " + String.join(", ", names())));
            if (patches.containsKey(type)) {
                throw new InvalidSettingsException(type.name() + " is given twice");
            }
            patches.put(type, patch(type, entry.getValue()));
        }
        return new SettingsUpdate(patches, records, sources);
    }

    private static RecordsPatch records(JsonNode node) {
        String fields = String.join(", ", Arrays.stream(RecordSetting.values()).map(RecordSetting::wire).sorted()
                .toList());
        if (!(node instanceof ObjectNode object)) {
            throw new InvalidSettingsException("'records' must be an object with " + fields);
        }
        Map<RecordSetting, Object> values = SettingField.parse(RecordSetting.class, object,
                name -> new InvalidSettingsException("records: unknown property '" + abbreviate(name) + "'; expected "
                        + fields), (setting, value) -> setting.parse(value));
        return new RecordsPatch(values);
    }

    private static Patch patch(SyncType type, JsonNode node) {
        if (!(node instanceof ObjectNode object)) {
            throw new InvalidSettingsException(type.name() + " must be an object with enabled, mode and/or "
                    + "periodMinutes");
        }
        Map<TypeSetting, Object> values = SettingField.parse(TypeSetting.class, object,
                name -> new InvalidSettingsException(type.name() + ": unknown property '" + abbreviate(name)
                        + "'; a type has " + SettingField.names(TypeSetting.values())),
                (setting, value) -> setting.parse(type, value));
        return new Patch((Boolean) values.get(TypeSetting.ENABLED), (Mode) values.get(TypeSetting.MODE),
                (Integer) values.get(TypeSetting.PERIOD_MINUTES), (DeletePolicy) values.get(TypeSetting.ON_DELETE));
    }

    private static java.util.List<String> names() {
        return java.util.Arrays.stream(SyncType.values()).map(Enum::name).toList();
    }
}
