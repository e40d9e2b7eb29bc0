package com.mvsync.http;

import com.mvsync.http.HttpApiEvent;
import com.mvsync.http.HttpApiResponse;
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
        return new PathPattern(path).match(requestPath);
    }
}
