package com.mvsync.mapping;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One Magento attribute as its metadata describes it in one store view: its input type and its options' labels by
 * option id. What {@code label(custom_attributes.code)} writes instead of the ids Magento stores. {@code problem} says
 * why the labels cannot be known (no such attribute, no REST connection, no access); the options are empty then.
 *
 * @param input Magento's {@code frontend_input}: select, multiselect, boolean, text…
 */
public record AttributeOptions(String code, String input, Map<String, String> labels, String problem) {

    public AttributeOptions {
        labels = Map.copyOf(labels);
    }

    public static AttributeOptions of(String code, String input, Map<String, String> labels) {
        return new AttributeOptions(code, input, labels, null);
    }

    public static AttributeOptions unavailable(String code, String problem) {
        return new AttributeOptions(code, "", Map.of(), problem);
    }

    /** Whether the stored value names options (else the value is its own label: a text attribute). */
    public boolean hasOptions() {
        return problem == null && (input.equals("select") || input.equals("multiselect") || input.equals("boolean")
                || !labels.isEmpty());
    }

    /** The option ids in a stored value: a multiselect stores them joined with commas ("49,52"). */
    public List<String> ids(String stored) {
        if (!input.equals("multiselect")) {
            return List.of(stored.strip());
        }
        List<String> ids = new ArrayList<>();
        for (String id : stored.split(",")) {
            if (!id.isBlank()) {
                ids.add(id.strip());
            }
        }
        return ids;
    }

    /**
     * The label of one option id. A boolean attribute whose metadata lists no options (customer attributes) still
     * stores 1 and 0, which Magento's admin shows as Yes and No.
     */
    public Optional<String> label(String id) {
        String label = labels.get(id);
        if (label != null && !label.isBlank()) {
            return Optional.of(label.strip());
        }
        if (input.equals("boolean") && labels.isEmpty()) {
            return switch (id) {
                case "1", "true" -> Optional.of("Yes");
                case "0", "false" -> Optional.of("No");
                default -> Optional.empty();
            };
        }
        return Optional.empty();
    }
}
