package com.mvsync.admin;

import static com.mvsync.text.Text.abbreviate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.mvsync.http.HttpApiEvent;
import com.mvsync.http.HttpApiResponse;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** What every admin route needs of its HTTP API request and response: JSON in and out, query and path parts. */
@ApplicationScoped
public class AdminHttp {

    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 1000;
    /** The paged lists (log, search, history, queue): a page is what a screen shows, not what it might sort. */
    static final int DEFAULT_PAGE = 25;
    static final int MAX_PAGE = 200;

    private final ObjectMapper json;

    public AdminHttp(ObjectMapper json) {
        this.json = json;
    }

    /**
     * The headers every admin API answer carries: {@code no-store} (answers hold settings, queue items and customers'
     * ids; no browser or proxy cache may keep them) and {@code nosniff} (a JSON answer is never run as script).
     */
    static HttpApiResponse apiHeaders(HttpApiResponse response) {
        Map<String, String> headers = new HashMap<>(response.headers() == null ? Map.of() : response.headers());
        headers.put("cache-control", "no-store");
        headers.put("x-content-type-options", "nosniff");
        return new HttpApiResponse(response.statusCode(), Map.copyOf(headers), response.body(),
                response.base64Encoded());
    }

    HttpApiResponse ok(int status, Object body) {
        try {
            return HttpApiResponse.json(status, json.writeValueAsString(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("could not write the admin response", e);
        }
    }

    HttpApiResponse error(int status, String code, String message, String allow) {
        ObjectNode body = json.createObjectNode().put("error", code).put("message", message);
        Map<String, String> headers = new HashMap<>(Map.of("content-type", "application/json"));
        if (allow != null) {
            headers.put("allow", allow);
        }
        return new HttpApiResponse(status, headers, body.toString(), false);
    }

    /** The body as JSON; a missing or malformed body is a 400 with {@code code}, hinting at what to send. */
    JsonNode jsonBody(HttpApiEvent request, String code, String expected) {
        byte[] raw = request.rawBody();
        if (raw.length == 0) {
            throw new AdminError(400, code, "the request body is empty; send " + expected);
        }
        try {
            return json.readTree(raw);
        } catch (JsonProcessingException e) {
            throw new AdminError(400, code, "the request body is not valid JSON (line "
                    + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")");
        } catch (java.io.IOException e) {
            throw new AdminError(400, code, "the request body could not be read");
        }
    }

    static int limit(HttpApiEvent request) {
        return limit(request, DEFAULT_LIMIT, MAX_LIMIT);
    }

    /** A paged list's page size: {@code limit}, 1 to {@link #MAX_PAGE}, {@link #DEFAULT_PAGE} when absent. */
    static int pageLimit(HttpApiEvent request) {
        return limit(request, DEFAULT_PAGE, MAX_PAGE);
    }

    /** A paged list's {@code cursor} (the {@code next} of the page before), or null for the first page. */
    static String cursor(HttpApiEvent request) {
        return query(request, "cursor").filter(c -> !c.isBlank()).orElse(null);
    }

    private static int limit(HttpApiEvent request, int otherwise, int max) {
        String text = query(request, "limit").orElse(null);
        if (text == null || text.isBlank()) {
            return otherwise;
        }
        try {
            int limit = Integer.parseInt(text.trim());
            if (limit >= 1 && limit <= max) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new AdminError(400, "invalid_request", "limit must be a whole number from 1 to " + max
                + ", not '" + abbreviate(text) + "'");
    }

    static String method(HttpApiEvent request) {
        if (request.requestContext() != null && request.requestContext().http() != null
                && request.requestContext().http().method() != null) {
            return request.requestContext().http().method().toUpperCase(Locale.ROOT);
        }
        String routeKey = request.routeKey();
        return routeKey != null && routeKey.contains(" ") ? routeKey.substring(0, routeKey.indexOf(' ')) : "";
    }

    /** The path from {@code /admin} on: a named API Gateway stage puts its name in front of it. */
    static String path(HttpApiEvent request) {
        String raw = request.rawPath() != null ? request.rawPath()
                : request.requestContext() != null && request.requestContext().http() != null
                        ? request.requestContext().http().path() : "";
        int admin = raw == null ? -1 : raw.indexOf("/admin");
        return admin < 0 ? (raw == null ? "" : raw) : raw.substring(admin);
    }

    static List<String> segments(String path) {
        List<String> out = new ArrayList<>();
        for (String segment : path.split("/")) {
            if (!segment.isEmpty()) {
                // '+' is literal in a path; only %XX is an escape ("Sales%20Order").
                try {
                    out.add(URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8));
                } catch (IllegalArgumentException e) {
                    throw AdminError.notFound("the path " + abbreviate(path) + " has a malformed %-escape");
                }
            }
        }
        return out.isEmpty() || !out.get(0).equals("admin") ? List.of() : out;
    }

    static Optional<String> query(HttpApiEvent request, String name) {
        if (request.queryStringParameters() != null && request.queryStringParameters().containsKey(name)) {
            return Optional.of(request.queryStringParameters().get(name));
        }
        String raw = request.rawQueryString();
        if (raw == null || raw.isEmpty()) {
            return Optional.empty();
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            if (key.equals(name)) {
                return Optional.of(eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return Optional.empty();
    }
}
