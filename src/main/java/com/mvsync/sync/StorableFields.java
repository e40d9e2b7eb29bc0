package com.mvsync.sync;

import com.mvsync.settings.RecordPolicy;
import com.mvsync.vtiger.Alteration;
import com.mvsync.vtiger.StorableText;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The fields of one record (or an inventory element with its line items) made storable by {@link StorableText}. */
@ApplicationScoped
public class StorableFields {

    /** Vtiger's describe calls the lines of a Sales Order or Invoice this. */
    
    private final StorableText text;

    public StorableFields(StorableText text) {
        this.text = text;
    }

    /** Field values as Vtiger will hold them, and what was done to them. */
    public record Fitted(Map<String, String> values, List<Alteration> alterations) {
        public Fitted {
            values = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(values));
            alterations = List.copyOf(alterations);
        }

        public boolean altered() {
            return !alterations.isEmpty();
        }
    }

    /** An inventory element made storable: header fields, line items, and the header's string values. */
    public record FittedElement(Map<String, Object> element, Map<String, String> header, List<Alteration> alterations) {
    }

    public Fitted fit(String module, Map<String, String> fields, RecordPolicy policy) {
        Map<String, String> values = new LinkedHashMap<>();
        List<Alteration> alterations = new ArrayList<>();
        fields.forEach((field, value) -> {
            StorableText.Fitted fitted = text.fit(module, field, value, policy.unstorableCharacter());
            values.put(field, fitted.value());
            alterations.addAll(fitted.alterations());
        });
        return new Fitted(values, alterations);
    }

    @SuppressWarnings("unchecked")
    public FittedElement fitElement(String module, Map<String, Object> element, RecordPolicy policy) {
        Map<String, Object> out = new LinkedHashMap<>();
        Map<String, String> header = new LinkedHashMap<>();
        List<Alteration> alterations = new ArrayList<>();
        element.forEach((field, value) -> {
            if (value instanceof String s) {
                StorableText.Fitted fitted = text.fit(module, field, s, policy.unstorableCharacter());
                out.put(field, fitted.value());
                header.put(field, fitted.value());
                alterations.addAll(fitted.alterations());
            } else if (value instanceof List<?> lines && field.equals("LineItems")) {
                List<Map<String, String>> items = new ArrayList<>();
                for (Object line : lines) {
                    Fitted item = fit(Modules.LINE_ITEM, (Map<String, String>) line, policy);
                    items.add(item.values());
                    alterations.addAll(item.alterations());
                }
                out.put(field, items);
            } else {
                out.put(field, value);
            }
        });
        return new FittedElement(out, header, alterations);
    }

    /** The entries of {@code values} whose field is one of {@code fields}, in {@code values}' order. */
    static Map<String, String> restrict(Map<String, String> values, Collection<String> fields) {
        Map<String, String> out = new LinkedHashMap<>();
        values.forEach((field, value) -> {
            if (fields.contains(field)) {
                out.put(field, value);
            }
        });
        return out;
    }
}
