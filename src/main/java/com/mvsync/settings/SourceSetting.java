package com.mvsync.settings;

import static com.mvsync.text.Text.abbreviate;

import com.fasterxml.jackson.databind.JsonNode;
import com.mvsync.magento.EntityType;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Each field of the {@link SourceSettings} of one Magento entity type, declared once ({@link SettingField}):
 * {@code PUT /admin/settings} parses {@code sources.<entity>} with it, {@link SettingsStore} reads and writes the
 * source items with it, and the console draws the source select from {@link #describe()}.
 */
public enum SourceSetting implements SettingField {

    /** Webhooks, poll or both; polling only for the entity types the poll can read ({@link EntityType#polls()}). */
    SOURCE("source", "source", Source.WEBHOOKS) {
        @Override
        Object parse(EntityType type, JsonNode value) {
            String at = at(type);
            Source source = Source.parse(value.isTextual() ? value.textValue() : null).orElseThrow(() ->
                    new InvalidSettingsException(at + ".source must be one of " + Source.wireNames() + ", not "
                            + abbreviate(value.toString())));
            if (source.polls() && !type.polls()) {
                throw new InvalidSettingsException(at + ".source: " + type.label()
                        + " cannot be polled; the poll reads " + EntityType.pollableLabels());
            }
            return source;
        }

        @Override
        public Optional<Object> read(AttributeValue value) {
            return Source.parse(value.s()).map(Object.class::cast);
        }

        /** Stored by the enum name ({@code POLL}), as it always was. */
        @Override
        public AttributeValue write(Object value) {
            return AttributeValue.fromS(((Source) value).name());
        }

        @Override
        public String type() {
            return "choice";
        }

        @Override
        public List<String> choices() {
            return Source.wireNames();
        }

        @Override
        public Map<String, List<String>> choicesOnlyFor() {
            List<String> pollable = Arrays.stream(EntityType.values()).filter(EntityType::polls)
                    .map(EntityType::label).toList();
            Map<String, List<String>> limited = new LinkedHashMap<>();
            Arrays.stream(Source.values()).filter(Source::polls).forEach(s -> limited.put(s.wire(), pollable));
            return limited;
        }
    },
    /** Where a polled type's poll starts; null (the time of the switch) while not given. */
    START_FROM("startFrom", "start_from", null) {
        @Override
        Object parse(EntityType type, JsonNode value) {
            String at = at(type);
            if (!value.isTextual()) {
                throw new InvalidSettingsException(at + ".startFrom must be " + FORMAT);
            }
            String t = value.textValue().strip();
            try {
                return t.length() == 10 ? LocalDate.parse(t).atStartOfDay(ZoneOffset.UTC).toInstant()
                        : Instant.parse(t);
            } catch (DateTimeParseException e) {
                throw new InvalidSettingsException(at + ".startFrom '" + abbreviate(value.textValue())
                        + "' is not " + FORMAT);
            }
        }

        @Override
        public Optional<Object> read(AttributeValue value) {
            try {
                return Optional.ofNullable(value.s()).map(Instant::parse).map(Object.class::cast);
            } catch (DateTimeParseException e) {
                return Optional.empty();
            }
        }

        @Override
        public AttributeValue write(Object value) {
            return AttributeValue.fromS(value.toString());
        }

        @Override
        public String type() {
            return "instant";
        }
    };

    private static final String FORMAT = "an ISO-8601 instant or a UTC date, e.g. \"2026-12-01T00:00:00Z\" or "
            + "\"2026-12-01\"";

    private final Declared declared;

    SourceSetting(String wire, String attribute, Object defaultValue) {
        this.declared = new Declared(wire, attribute, defaultValue);
    }

    @Override
    public Declared declared() {
        return declared;
    }

    /** The value a PUT gives for {@code type} (not null); a wrong one is an {@link InvalidSettingsException}. */
    abstract Object parse(EntityType type, JsonNode value);

    /** The value of this field in {@code settings} (null for a start not set). */
    Object get(SourceSettings settings) {
        return switch (this) {
            case SOURCE -> settings.source();
            case START_FROM -> settings.startFrom();
        };
    }

    static String at(EntityType type) {
        return "sources." + type.label();
    }
}
