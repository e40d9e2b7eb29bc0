package com.mvsync.settings;

import static com.mvsync.text.Text.abbreviate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.mvsync.mapping.Scope;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.Map;

/**
 * A change of what one website or store view overrides, as {@code PUT /admin/settings?scope=website:eu} sends it:
 * {@code {"types":{"CONTACTS":{"enabled":false}}}}; a field given as null is inherited again, a field left out keeps
 * what the scope has. Only {@code enabled} and {@code mode} are scoped ({@link TypeOverride}); Products are not scoped
 * (as their mapping rows: Vtiger holds one Product per SKU for every website).
 */
public record ScopedUpdate(Scope scope, Map<SyncType, Change> types) {

    /** One field of a change: not given (keep), or given, its value null to inherit again. */
    public record Given<T>(boolean given, T value) {

        static <T> Given<T> absent() {
            return new Given<>(false, null);
        }

        T over(T current) {
            return given ? value : current;
        }
    }

    /** The fields given for one type. */
    public record Change(Given<Boolean> enabled, Given<Mode> mode) {
    }

    public ScopedUpdate {
        if (scope.isDefault()) {
            throw new IllegalArgumentException("the default scope is changed with SettingsUpdate");
        }
        Map<SyncType, Change> copy = new EnumMap<>(SyncType.class);
        copy.putAll(types);
        types = Collections.unmodifiableMap(copy);
    }

    /** Whether the type's settings may differ per website or store view. */
    public static boolean scopes(SyncType type) {
        return Scope.scopes(type.recordType());
    }

    /** Reads and checks a request body for {@code scope}; every problem is an {@link InvalidSettingsException}. */
    public static ScopedUpdate parse(Scope scope, JsonNode body) {
        String example = "{\"types\":{\"CONTACTS\":{\"enabled\":false,\"mode\":null}}}";
        if (!(body instanceof ObjectNode object)) {
            throw new InvalidSettingsException("the request body must be a JSON object: " + example);
        }
        for (Iterator<String> names = object.fieldNames(); names.hasNext();) {
            String name = names.next();
            if (!name.equals("types")) {
                throw new InvalidSettingsException("'" + abbreviate(name) + "' is not set per website or store view;"
                        + " in scope " + scope + " the body has only 'types' (" + example + "): the record policy,"
                        + " the sources and the connection are the store's");
            }
        }
        if (!(object.get("types") instanceof ObjectNode typesObject) || typesObject.isEmpty()) {
            throw new InvalidSettingsException("'types' must be an object keyed by type: " + example);
        }
        Map<SyncType, Change> changes = new EnumMap<>(SyncType.class);
        for (Iterator<Map.Entry<String, JsonNode>> it = typesObject.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> entry = it.next();
            SyncType type = SyncType.parse(entry.getKey()).orElseThrow(() -> new InvalidSettingsException(
                    "unknown type '" + abbreviate(entry.getKey()) + "'; expected one of "
                            + String.join(", ", Arrays.stream(SyncType.values()).map(Enum::name).toList())));
            if (!scopes(type)) {
                throw new InvalidSettingsException(type.name() + " is not set per website or store view: Vtiger"
                        + " holds one Product per SKU, while Magento shares a product between websites");
            }
            if (changes.containsKey(type)) {
                throw new InvalidSettingsException(type.name() + " is given twice");
            }
            changes.put(type, change(type, entry.getValue()));
        }
        return new ScopedUpdate(scope, changes);
    }

    private static Change change(SyncType type, JsonNode node) {
        if (!(node instanceof ObjectNode object) || object.isEmpty()) {
            throw new InvalidSettingsException(type.name() + " must be an object with enabled and/or mode (null:"
                    + " inherited again)");
        }
        Given<Boolean> enabled = Given.absent();
        Given<Mode> mode = Given.absent();
        for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> field = it.next();
            JsonNode value = field.getValue();
            if (field.getKey().equals(TypeSetting.ENABLED.wire())) {
                enabled = new Given<>(true, value.isNull() ? null : (Boolean) TypeSetting.ENABLED.parse(type, value));
            } else if (field.getKey().equals(TypeSetting.MODE.wire())) {
                mode = new Given<>(true, value.isNull() ? null : (Mode) TypeSetting.MODE.parse(type, value));
            } else {
                throw new InvalidSettingsException(type.name() + "." + abbreviate(field.getKey()) + " is not set per"
                        + " website or store view (only enabled and mode are): "
                        + (Arrays.stream(TypeSetting.values()).anyMatch(s -> s.wire().equals(field.getKey()))
                                ? "the period belongs to the type's one queue and the delete policy to the store"
                                : "a type has " + SettingField.names(TypeSetting.values())));
            }
        }
        return new Change(enabled, mode);
    }
}
