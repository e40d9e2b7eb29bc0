package com.mvsync.settings;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * One declared field of the settings: its name in the API, its attribute in the stored item, its type, default,
 * allowed values and limits. Each part of the settings declares its fields once as an enum implementing this
 * ({@link RecordSetting}, {@link TypeSetting}, {@link SourceSetting}); {@code PUT /admin/settings} parses with it,
 * {@link SettingsStore} reads and writes the items with it, and the console draws its inputs from {@link #describe()}.
 * Parsing stays on each enum: its messages name the field by the key it belongs to (a type, an entity).
 */
public interface SettingField {

    /**
     * What the console needs to draw one field. {@code min}, {@code max}, {@code onlyFor} (the keys the field applies
     * to) and {@code choicesOnlyFor} (per choice, the keys it is allowed for) appear only when a field has them, so
     * the record policy's fields keep the answer they always had.
     */
    @RegisterForReflection
    record Description(String name, String type, @JsonProperty("default") Object defaultValue,
            List<String> choices, Integer maxLength,
            @JsonInclude(JsonInclude.Include.NON_NULL) Integer min,
            @JsonInclude(JsonInclude.Include.NON_NULL) Integer max,
            @JsonInclude(JsonInclude.Include.NON_NULL) List<String> onlyFor,
            @JsonInclude(JsonInclude.Include.NON_NULL) Map<String, List<String>> choicesOnlyFor) {
    }

    /**
     * What every field declares.
     *
     * @param wire         the property name in the API ({@code firstLink}, {@code periodMinutes})
     * @param attribute    the attribute of the stored item ({@code first_link}, {@code period_minutes})
     * @param defaultValue the value while none is stored (null: none, e.g. a poll's start)
     */
    record Declared(String wire, String attribute, Object defaultValue) {
    }

    Declared declared();

    default String wire() {
        return declared().wire();
    }

    default String attribute() {
        return declared().attribute();
    }

    default Object defaultValue() {
        return declared().defaultValue();
    }

    /** The console's kind of input: boolean, choice, number, text, expression, instant. */
    String type();

    /** The wire names of a choice's values, else empty. */
    default List<String> choices() {
        return List.of();
    }

    default Integer maxLength() {
        return null;
    }

    default Integer min() {
        return null;
    }

    default Integer max() {
        return null;
    }

    /** The keys (types, entities) the field applies to; null when it applies to all. */
    default List<String> onlyFor() {
        return null;
    }

    /** Per choice limited to some keys, those keys; null when every choice is allowed for all. */
    default Map<String, List<String>> choicesOnlyFor() {
        return null;
    }

    /** The stored value, empty when the attribute is damaged (the field then keeps its default). */
    Optional<Object> read(AttributeValue value);

    AttributeValue write(Object value);

    default Description describe() {
        return new Description(wire(), type(), defaultValue(), choices().isEmpty() ? null : choices(), maxLength(),
                min(), max(), onlyFor(), choicesOnlyFor());
    }

    /** Every field of one part, as the console shows it ({@code GET /admin/settings/fields}). */
    static List<Description> describe(SettingField[] fields) {
        return Arrays.stream(fields).map(SettingField::describe).toList();
    }

    /** The stored values of {@code fields} in {@code item}; a missing or damaged attribute is left out. */
    static <F extends Enum<F> & SettingField> Map<F, Object> read(Class<F> part,
            Map<String, AttributeValue> item) {
        Map<F, Object> values = new EnumMap<>(part);
        for (F field : part.getEnumConstants()) {
            AttributeValue value = item.get(field.attribute());
            if (value != null) {
                field.read(value).ifPresent(v -> values.put(field, v));
            }
        }
        return values;
    }

    /** The field of {@code part} named {@code wire} in the API. */
    static <F extends Enum<F> & SettingField> Optional<F> find(Class<F> part, String wire) {
        return Arrays.stream(part.getEnumConstants()).filter(f -> f.wire().equals(wire)).findFirst();
    }

    /**
     * The values {@code object} gives for {@code part}'s fields (null and missing ones left out), each parsed by
     * {@code parse}; a property that is no field is the exception {@code unknown} makes of its name.
     */
    static <F extends Enum<F> & SettingField> Map<F, Object> parse(Class<F> part, ObjectNode object,
            Function<String, InvalidSettingsException> unknown, BiFunction<F, JsonNode, Object> parse) {
        for (Iterator<String> names = object.fieldNames(); names.hasNext();) {
            String name = names.next();
            if (find(part, name).isEmpty()) {
                throw unknown.apply(name);
            }
        }
        Map<F, Object> values = new EnumMap<>(part);
        for (F field : part.getEnumConstants()) {
            JsonNode value = object.get(field.wire());
            if (value != null && !value.isNull()) {
                values.put(field, parse.apply(field, value));
            }
        }
        return values;
    }

    /** The wire names joined for a message: "a, b and c". */
    static String names(SettingField[] fields) {
        return and(Arrays.stream(fields).map(SettingField::wire).toList());
    }

    /** The words joined for a message: "a, b and c". */
    static String and(List<String> words) {
        return words.size() < 2 ? String.join("", words)
                : String.join(", ", words.subList(0, words.size() - 1)) + " and " + words.get(words.size() - 1);
    }
}
