package com.mvsync.http;

import com.mvsync.http.HttpApiEvent;
import com.mvsync.http.HttpApiResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * One HttpApi route: its method and path, the exported function that serves it, and that function. The path may
 * hold API Gateway style parameters ({@code /admin/mappings/{type}/{vtigerField}}), each matching one segment.
 */
public record Route(String method, String path, String export, Function<HttpApiEvent, HttpApiResponse> function) {

    public String routeKey() {
        return method + " " + path;
    }

    /** The path parameters when the request matches this route (empty map for a literal path). */
    public Optional<Map<String, String>> match(String requestMethod, String requestPath) {
        if (!method.equalsIgnoreCase(requestMethod)) {
            return Optional.empty();
        }
        String[] template = path.split("/", -1);
        String[] actual = requestPath.split("/", -1);
        if (template.length != actual.length) {
            return Optional.empty();
        }
        Map<String, String> parameters = new LinkedHashMap<>();
        for (int i = 0; i < template.length; i++) {
            String t = template[i];
            if (t.length() > 2 && t.startsWith("{") && t.endsWith("}")) {
                if (actual[i].isEmpty()) {
                    return Optional.empty();
                }
                parameters.put(t.substring(1, t.length() - 1), actual[i]);
            } else if (!t.equals(actual[i])) {
                return Optional.empty();
            }
        }
        return Optional.of(Map.copyOf(parameters));
    }
}
