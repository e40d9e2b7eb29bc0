package com.mvsync.settings;

import static com.mvsync.text.Text.abbreviate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.mvsync.magento.EntityType;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;

/**
 * The {@code sources} part of {@code PUT /admin/settings}: per Magento entity type where its changes come from,
 * {@code {"sources":{"customer":{"source":"poll","startFrom":"2026-12-01T00:00:00Z"}}}}. Fields left out keep their
 * value; switching a type to polling without a {@code startFrom} starts it at the time of the switch.
 */
public record SourcesPatch(Map<EntityType, Patch> types) {

    /** The fields given for one entity type; null means "keep". */
    public record Patch(Source source, Instant startFrom) {
    }

    public static final SourcesPatch NONE = new SourcesPatch(Map.of());

    public SourcesPatch {
        Map<EntityType, Patch> copy = new EnumMap<>(EntityType.class);
        copy.putAll(types);
        types = Collections.unmodifiableMap(copy);
    }

    public boolean isEmpty() {
        return types.isEmpty();
    }

    /**
     * The sources with this change applied at {@code now}.
     *
     * @throws InvalidSettingsException when a start is given for a type that is not polled, or lies in the future
     */
    public Map<EntityType, SourceSettings> applyTo(Map<EntityType, SourceSettings> current, Instant at) {
        // Magento's updated_at has whole seconds.
        Instant now = at.truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        Map<EntityType, SourceSettings> next = new EnumMap<>(EntityType.class);
        next.putAll(current);
        types.forEach((type, patch) -> {
            SourceSettings was = current.getOrDefault(type, SourceSettings.DEFAULT);
            Source source = patch.source() != null ? patch.source() : was.source();
            if (!source.polls()) {
                if (patch.startFrom() != null) {
                    throw new InvalidSettingsException(SourceSetting.at(type) + ".startFrom applies only when the "
                            + "source is poll or both, not " + source.wire());
                }
                next.put(type, SourceSettings.DEFAULT);
                return;
            }
            if (patch.startFrom() != null && patch.startFrom().isAfter(now)) {
                throw new InvalidSettingsException(SourceSetting.at(type) + ".startFrom " + patch.startFrom()
                        + " is in the future; the poll reads changes made at or after it");
            }
            Instant start = patch.startFrom() != null ? patch.startFrom()
                    : was.source().polls() && was.startFrom() != null ? was.startFrom() : now;
            next.put(type, new SourceSettings(source, start));
        });
        return next;
    }

    /** Reads and checks the {@code sources} object; every problem is an {@link InvalidSettingsException}. */
    public static SourcesPatch parse(JsonNode node) {
        if (!(node instanceof ObjectNode object)) {
            throw new InvalidSettingsException("'sources' must be an object keyed by Magento entity type ("
                    + String.join(", ", labels()) + "), e.g. {\"customer\":{\"source\":\"poll\"}}");
        }
        Map<EntityType, Patch> patches = new EnumMap<>(EntityType.class);
        for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> entry = it.next();
            EntityType type = entityType(entry.getKey());
            if (patches.containsKey(type)) {
                throw new InvalidSettingsException("sources." + type.label() + " is given twice");
            }
            patches.put(type, patch(type, entry.getValue()));
        }
        return new SourcesPatch(patches);
    }

    private static EntityType entityType(String key) {
        String k = key.strip().toLowerCase(Locale.ROOT);
        String singular = k.endsWith("s") ? k.substring(0, k.length() - 1) : k;
        return EntityType.find(k).or(() -> EntityType.find(singular)).orElseThrow(() -> new InvalidSettingsException(
                "sources: unknown entity type '" + abbreviate(key) + "'; expected one of "
                        + String.join(", ", labels())));
    }

    private static Patch patch(EntityType type, JsonNode node) {
        String at = SourceSetting.at(type);
        if (!(node instanceof ObjectNode object)) {
            throw new InvalidSettingsException(at + " must be an object with source and/or startFrom");
        }
        Map<SourceSetting, Object> values = SettingField.parse(SourceSetting.class, object,
                name -> new InvalidSettingsException(at + ": unknown property '" + abbreviate(name)
                        + "'; a source has " + SettingField.names(SourceSetting.values())),
                (setting, value) -> setting.parse(type, value));
        return new Patch((Source) values.get(SourceSetting.SOURCE), (Instant) values.get(SourceSetting.START_FROM));
    }

    private static java.util.List<String> labels() {
        return Arrays.stream(EntityType.values()).map(EntityType::label).toList();
    }
}
