package com.mvsync.http;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A path with API Gateway style parameters ({@code /admin/mappings/{type}/{vtigerField}}), each matching one
 * non-empty segment. Shared by the route table of the functions and the admin API's own routes.
 */
public record PathPattern(String path) {

    /** The parameters when {@code requestPath} (from its leading slash) matches (empty map for a literal path). */
    public Optional<Map<String, String>> match(String requestPath) {
        if (requestPath == null || !requestPath.startsWith("/")) {
            return Optional.empty();
        }
        return match(Arrays.asList(requestPath.substring(1).split("/", -1)));
    }

    /** The parameters when the path's segments (already split, and decoded if the caller decodes) match. */
    public Optional<Map<String, String>> match(List<String> segments) {
        String[] template = path.substring(1).split("/", -1);
        if (template.length != segments.size()) {
            return Optional.empty();
        }
        Map<String, String> parameters = new LinkedHashMap<>();
        for (int i = 0; i < template.length; i++) {
            String t = template[i];
            String actual = segments.get(i);
            if (t.length() > 2 && t.startsWith("{") && t.endsWith("}")) {
                if (actual.isEmpty()) {
                    return Optional.empty();
                }
                parameters.put(t.substring(1, t.length() - 1), actual);
            } else if (!t.equals(actual)) {
                return Optional.empty();
            }
        }
        return Optional.of(Map.copyOf(parameters));
    }
}
