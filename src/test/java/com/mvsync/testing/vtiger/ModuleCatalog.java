package com.mvsync.testing.vtiger;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Module metadata taken from the recorded describe answers: the describe drives ids, defaults and validation. */
final class ModuleCatalog {
    /** Inventory modules carry LineItems. */
    static final List<String> INVENTORY = List.of("SalesOrder", "Invoice");

    /** @param unique describe's "isunique": checked by Duplicate Prevention (see {@link DuplicateGuard}) */
    record FieldMeta(String name, String type, boolean mandatory, Object defaultValue, List<String> refersTo,
                     boolean unique) {
    }

    /** @param allowDuplicates describe's "allowDuplicates" (absent for actor modules such as Currency: true) */
    record ModuleMeta(String name, String idPrefix, boolean isEntity, List<String> labelFields,
                      List<FieldMeta> fields, Map<String, FieldMeta> byName, boolean allowDuplicates) {
        Optional<FieldMeta> field(String fieldName) {
            return Optional.ofNullable(byName.get(fieldName));
        }

        boolean isInventory() {
            return INVENTORY.contains(name);
        }
    }

    private final Map<String, ModuleMeta> modules = new LinkedHashMap<>();
    private final Map<String, ModuleMeta> byPrefix = new LinkedHashMap<>();
    private final Map<String, Map<String, Object>> describes = new LinkedHashMap<>();
    private final Map<String, Object> listTypes;

    ModuleCatalog() {
        for (String file : RecordedSamples.fileNames()) {
            if (file.startsWith("04_describe_") && !file.contains("SUMMARY")) {
                Map<String, Object> describe = RecordedSamples.result(file);
                ModuleMeta meta = parse(describe);
                modules.put(meta.name(), meta);
                byPrefix.put(meta.idPrefix(), meta);
                describes.put(meta.name(), describe);
            }
        }
        listTypes = RecordedSamples.result("03_listtypes.json");
    }

    @SuppressWarnings("unchecked")
    private static ModuleMeta parse(Map<String, Object> d) {
        List<FieldMeta> fields = new ArrayList<>();
        Map<String, FieldMeta> byName = new LinkedHashMap<>();
        for (Map<String, Object> f : (List<Map<String, Object>>) d.get("fields")) {
            Map<String, Object> type = (Map<String, Object>) f.get("type");
            List<String> refersTo = (List<String>) type.getOrDefault("refersTo", List.of());
            FieldMeta meta = new FieldMeta((String) f.get("name"), (String) type.get("name"),
                    Boolean.TRUE.equals(f.get("mandatory")), f.get("default"), refersTo,
                    Boolean.TRUE.equals(f.get("isunique")));
            fields.add(meta);
            byName.put(meta.name(), meta);
        }
        String labels = (String) d.getOrDefault("labelFields", "");
        List<String> labelFields = labels.isEmpty() ? List.of() : Arrays.asList(labels.split(","));
        return new ModuleMeta((String) d.get("name"), String.valueOf(d.get("idPrefix")),
                Boolean.TRUE.equals(d.get("isEntity")), labelFields,
                Collections.unmodifiableList(fields), Collections.unmodifiableMap(byName),
                !Boolean.FALSE.equals(d.get("allowDuplicates")));
    }

    Optional<ModuleMeta> module(String name) {
        return Optional.ofNullable(name == null ? null : modules.get(name));
    }

    Optional<ModuleMeta> byPrefix(String prefix) {
        return Optional.ofNullable(byPrefix.get(prefix));
    }

    /** A fresh copy of the recorded describe result. */
    @SuppressWarnings("unchecked")
    Map<String, Object> describe(String module) {
        return RecordedSamples.JSON.convertValue(describes.get(module), LinkedHashMap.class);
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> listTypes() {
        return RecordedSamples.JSON.convertValue(listTypes, LinkedHashMap.class);
    }
}
