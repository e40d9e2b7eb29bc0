package com.mvsync.settings;

import static com.mvsync.text.Text.abbreviate;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Each field of the {@link TypeSettings} of one {@link SyncType}, declared once ({@link SettingField}):
 * {@code PUT /admin/settings} parses {@code types.<TYPE>} with it, {@link SettingsStore} reads and writes the per-type
 * items with it, and the console draws each type's row from {@link #describe()}.
 */
public enum TypeSetting implements SettingField {

    ENABLED("enabled", "enabled", true) {
        @Override
        Object parse(SyncType type, JsonNode value) {
            if (!value.isBoolean()) {
                throw new InvalidSettingsException(type.name() + ".enabled must be true or false");
            }
            return value.booleanValue();
        }

        @Override
        public Optional<Object> read(AttributeValue value) {
            return Optional.ofNullable(value.bool());
        }

        @Override
        public AttributeValue write(Object value) {
            return AttributeValue.fromBool((Boolean) value);
        }

        @Override
        public String type() {
            return "boolean";
        }
    },
    MODE("mode", "mode", Mode.IMMEDIATE) {
        @Override
        Object parse(SyncType type, JsonNode value) {
            return Mode.parse(value.isTextual() ? value.textValue() : null).orElseThrow(() ->
                    new InvalidSettingsException(type.name() + ".mode must be \"immediate\" or \"cron\", not "
                            + abbreviate(value.toString())));
        }

        @Override
        public Optional<Object> read(AttributeValue value) {
            return Mode.parse(value.s()).map(Object.class::cast);
        }

        @Override
        public List<String> choices() {
            return Arrays.stream(Mode.values()).map(Mode::wire).toList();
        }
    },
    /** The minutes between two drains of a type in cron mode: at least a minute, at most a day. */
    PERIOD_MINUTES("periodMinutes", "period_minutes", 5) {
        @Override
        Object parse(SyncType type, JsonNode value) {
            if (!value.canConvertToExactIntegral() || !value.isNumber() || !value.canConvertToInt()) {
                throw new InvalidSettingsException(type.name() + ".periodMinutes must be a whole number of minutes"
                        + " between " + TypeSettings.MIN_PERIOD + " and " + TypeSettings.MAX_PERIOD);
            }
            int period = value.intValue();
            if (period < TypeSettings.MIN_PERIOD || period > TypeSettings.MAX_PERIOD) {
                throw new InvalidSettingsException(type.name() + ".periodMinutes must be between "
                        + TypeSettings.MIN_PERIOD + " and " + TypeSettings.MAX_PERIOD + " (a day), not " + period);
            }
            return period;
        }

        /** A stored period out of range is damaged too. */
        @Override
        public Optional<Object> read(AttributeValue value) {
            try {
                return Optional.ofNullable(value.n()).map(Integer::parseInt)
                        .filter(p -> p >= TypeSettings.MIN_PERIOD && p <= TypeSettings.MAX_PERIOD)
                        .map(Object.class::cast);
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        }

        @Override
        public AttributeValue write(Object value) {
            return AttributeValue.fromN(Integer.toString((Integer) value));
        }

        @Override
        public String type() {
            return "number";
        }

        @Override
        public Integer min() {
            return TypeSettings.MIN_PERIOD;
        }

        @Override
        public Integer max() {
            return TypeSettings.MAX_PERIOD;
        }
    },
    /** Only for the types Magento deletes the entity of ({@link SyncType#deletable()}). */
    ON_DELETE("onDelete", "on_delete", DeletePolicy.MARK) {
        @Override
        Object parse(SyncType type, JsonNode value) {
            DeletePolicy onDelete = DeletePolicy.parse(value.isTextual() ? value.textValue() : null).orElseThrow(() ->
                    new InvalidSettingsException(type.name() + ".onDelete must be one of "
                            + DeletePolicy.wireNames() + ", not " + abbreviate(value.toString())));
            if (!type.deletable()) {
                throw new InvalidSettingsException(type.name() + ".onDelete: Magento deletes only customers and "
                        + "products, so only " + SettingField.and(onlyFor()) + " have a delete policy");
            }
            return onDelete;
        }

        @Override
        public Optional<Object> read(AttributeValue value) {
            return DeletePolicy.parse(value.s()).map(Object.class::cast);
        }

        @Override
        public List<String> choices() {
            return DeletePolicy.wireNames();
        }

        @Override
        public List<String> onlyFor() {
            return Arrays.stream(SyncType.values()).filter(SyncType::deletable).map(Enum::name).toList();
        }
    };

    private final Declared declared;

    TypeSetting(String wire, String attribute, Object defaultValue) {
        this.declared = new Declared(wire, attribute, defaultValue);
    }

    @Override
    public Declared declared() {
        return declared;
    }

    /** The value a PUT gives for {@code type} (not null); a wrong one is an {@link InvalidSettingsException}. */
    abstract Object parse(SyncType type, JsonNode value);

    /** A choice's values are stored by their enum names ({@code CRON}), as they always were. */
    @Override
    public AttributeValue write(Object value) {
        return AttributeValue.fromS(((Enum<?>) value).name());
    }

    @Override
    public String type() {
        return "choice";
    }

    /** The value of this field in {@code settings}. */
    Object get(TypeSettings settings) {
        return switch (this) {
            case ENABLED -> settings.enabled();
            case MODE -> settings.mode();
            case PERIOD_MINUTES -> settings.periodMinutes();
            case ON_DELETE -> settings.onDelete();
        };
    }

    /** The settings of these values, each field left out at its default. */
    static TypeSettings settings(Map<TypeSetting, Object> values) {
        return new TypeSettings((Boolean) values.getOrDefault(ENABLED, ENABLED.defaultValue()),
                (Mode) values.getOrDefault(MODE, MODE.defaultValue()),
                (Integer) values.getOrDefault(PERIOD_MINUTES, PERIOD_MINUTES.defaultValue()),
                (DeletePolicy) values.getOrDefault(ON_DELETE, ON_DELETE.defaultValue()));
    }

}
