package com.mvsync.queue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * A partial change of the settings, as {@code PUT /admin/settings} sends it:
 * {@code {"types":{"CONTACTS":{"enabled":true,"mode":"cron","periodMinutes":10}}}}. Types and fields left out keep
 * their current value.
 */
public record SettingsUpdate(Map<SyncType, Patch> types) {

    /** The fields given for one type; null means "keep". */
    public record Patch(Boolean enabled, Mode mode, Integer periodMinutes) {

        TypeSettings applyTo(TypeSettings current) {
            return new TypeSettings(enabled != null ? enabled : current.enabled(),
                    mode != null ? mode : current.mode(),
                    periodMinutes != null ? periodMinutes : current.periodMinutes());
        }
    }

    private static final Set<String> FIELDS = Set.of("enabled", "mode", "periodMinutes");

    public SettingsUpdate {
        Map<SyncType, Patch> copy = new EnumMap<>(SyncType.class);
        copy.putAll(types);
        types = Collections.unmodifiableMap(copy);
    }

    /** The settings with this change applied; validates each changed type as a whole. */
    public SyncSettings applyTo(SyncSettings current) {
        Map<SyncType, TypeSettings> next = new EnumMap<>(current.types());
        types.forEach((type, patch) -> {
            try {
                next.put(type, patch.applyTo(current.of(type)));
            } catch (InvalidSettingsException e) {
                throw new InvalidSettingsException(type.name() + ": " + e.getMessage());
            }
        });
        return new SyncSettings(next);
    }

    /** Reads and checks a request body; every problem is an {@link InvalidSettingsException} naming the field. */
    public static SettingsUpdate parse(JsonNode body) {
        if (!(body instanceof ObjectNode object)) {
            throw new InvalidSettingsException("the request body must be a JSON object: "
                    + "{\"types\":{\"CONTACTS\":{\"enabled\":true,\"mode\":\"cron\",\"periodMinutes\":10}}}");
        }
        for (Iterator<String> names = object.fieldNames(); names.hasNext();) {
            String name = names.next();
            if (!name.equals("types")) {
                throw new InvalidSettingsException("unknown property '" + abbreviate(name)
                        + "'; the settings body has only 'types'");
            }
        }
        JsonNode types = object.get("types");
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
        return new SettingsUpdate(patches);
    }

    private static Patch patch(SyncType type, JsonNode node) {
        if (!(node instanceof ObjectNode object)) {
            throw new InvalidSettingsException(type.name() + " must be an object with enabled, mode and/or "
                    + "periodMinutes");
        }
        for (Iterator<String> names = object.fieldNames(); names.hasNext();) {
            String name = names.next();
            if (!FIELDS.contains(name)) {
                throw new InvalidSettingsException(type.name() + ": unknown property '" + abbreviate(name)
                        + "'; a type has enabled, mode and periodMinutes");
            }
        }
        Boolean enabled = null;
        JsonNode e = object.get("enabled");
        if (e != null && !e.isNull()) {
            if (!e.isBoolean()) {
                throw new InvalidSettingsException(type.name() + ".enabled must be true or false");
            }
            enabled = e.booleanValue();
        }
        Mode mode = null;
        JsonNode m = object.get("mode");
        if (m != null && !m.isNull()) {
            mode = Mode.parse(m.isTextual() ? m.textValue() : null).orElseThrow(() -> new InvalidSettingsException(
                    type.name() + ".mode must be \"immediate\" or \"cron\", not " + abbreviate(m.toString())));
        }
        Integer period = null;
        JsonNode p = object.get("periodMinutes");
        if (p != null && !p.isNull()) {
            if (!p.canConvertToExactIntegral() || !p.isNumber() || !p.canConvertToInt()) {
                throw new InvalidSettingsException(type.name() + ".periodMinutes must be a whole number of minutes"
                        + " between " + TypeSettings.MIN_PERIOD + " and " + TypeSettings.MAX_PERIOD);
            }
            period = p.intValue();
            if (period < TypeSettings.MIN_PERIOD || period > TypeSettings.MAX_PERIOD) {
                throw new InvalidSettingsException(type.name() + ".periodMinutes must be between "
                        + TypeSettings.MIN_PERIOD + " and " + TypeSettings.MAX_PERIOD + " (a day), not " + period);
            }
        }
        return new Patch(enabled, mode, period);
    }

    private static java.util.List<String> names() {
        return java.util.Arrays.stream(SyncType.values()).map(Enum::name).toList();
    }

    private static String abbreviate(String text) {
        return text.length() <= 60 ? text : text.substring(0, 57) + "...";
    }
}
