package com.mvsync.testing.vtiger;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A raw webservice client (form-encoded POST, query-string GET, no product code in between): the double's own tests, the
 * conformance suite that runs the same calls against the double and a real Vtiger, and the real-Vtiger tier's checks of
 * what Vtiger stored.
 */
public final class RawVtiger {
    /** @param headers the answer's HTTP headers, names in lower case */
    public record Response(int status, String body, Map<String, List<String>> headers) {
        public Response(int status, String body) {
            this(status, body, Map.of());
        }

        /** The first value of a header (name case-insensitive), or null. */
        public String header(String name) {
            List<String> values = headers.get(name.toLowerCase(java.util.Locale.ROOT));
            return values == null || values.isEmpty() ? null : values.get(0);
        }

        public JsonNode json() {
            try {
                return RecordedSamples.JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException("not JSON: " + body, e);
            }
        }

        public boolean success() {
            return json().path("success").asBoolean(false);
        }

        public JsonNode result() {
            return json().path("result");
        }

        public String errorCode() {
            return json().path("error").path("code").asText(null);
        }
    }

    private final String endpoint;
    private final HttpClient http;
    private final Duration readTimeout;

    public RawVtiger(String endpoint) {
        this(endpoint, Duration.ofSeconds(10));
    }

    public RawVtiger(String endpoint, Duration readTimeout) {
        this.endpoint = endpoint;
        this.readTimeout = readTimeout;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    }

    public Response get(Map<String, String> params) {
        return send("GET", params);
    }

    public Response post(Map<String, String> params) {
        return send("POST", params);
    }

    public Response send(String method, Map<String, String> params) {
        String form = params.entrySet().stream()
                .map(e -> enc(e.getKey()) + "=" + enc(e.getValue() == null ? "" : e.getValue()))
                .collect(Collectors.joining("&"));
        HttpRequest.Builder b = HttpRequest.newBuilder().timeout(readTimeout);
        if (method.equals("POST")) {
            b.uri(URI.create(endpoint)).header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form));
        } else {
            b.uri(URI.create(endpoint + (form.isEmpty() ? "" : "?" + form))).GET();
        }
        try {
            HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
            Map<String, List<String>> headers = new LinkedHashMap<>();
            r.headers().map().forEach((k, v) -> headers.put(k.toLowerCase(java.util.Locale.ROOT), v));
            return new Response(r.statusCode(), r.body(), headers);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public String challenge(String user) {
        return get(Map.of("operation", "getchallenge", "username", user)).result().path("token").asText();
    }

    /** getchallenge + login; returns the sessionName (fails loudly if the login is refused). */
    public String login(String user, String accessKey) {
        String token = challenge(user);
        Response r = post(Map.of("operation", "login", "username", user,
                "accessKey", FakeVtigerServer.md5(token + accessKey)));
        if (!r.success()) {
            throw new IllegalStateException("login failed: " + r.body());
        }
        return r.result().path("sessionName").asText();
    }

    /** The login's accessKey: md5 of the challenge token followed by the user's access key. */
    public static String accessKey(String token, String userAccessKey) {
        return FakeVtigerServer.md5(token + userAccessKey);
    }

    public static Map<String, String> params(String... kv) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return m;
    }

    /** A session of its own, for checks: {@link Session#query} pages past Vtiger's 100 rows a call. */
    public Session session(String user, String accessKey) {
        return new Session(login(user, accessKey));
    }

    /** One logged-in session; every call fails loudly when Vtiger answers success: false. */
    public final class Session {
        private final String name;

        Session(String name) {
            this.name = name;
        }

        public String name() {
            return name;
        }

        /** Every row of {@code SELECT ... FROM m [WHERE ...]} (no LIMIT, no ';'): paged 100 at a time, as Vtiger caps. */
        public java.util.List<JsonNode> query(String selectWithoutLimit) {
            java.util.List<JsonNode> rows = new java.util.ArrayList<>();
            for (int offset = 0;; offset += 100) {
                JsonNode page = ok(get(params("operation", "query", "sessionName", name, "query",
                        selectWithoutLimit + " LIMIT " + offset + ", 100;")));
                page.forEach(rows::add);
                if (page.size() < 100) {
                    return rows;
                }
            }
        }

        public JsonNode retrieve(String id) {
            return ok(get(params("operation", "retrieve", "sessionName", name, "id", id)));
        }

        public JsonNode create(String module, Map<String, ?> element) {
            return ok(post(params("operation", "create", "sessionName", name, "elementType", module, "element",
                    json(element))));
        }

        public JsonNode revise(Map<String, ?> element) {
            return ok(post(params("operation", "revise", "sessionName", name, "element",
                    json(element))));
        }

        /** Deletes the record; one already deleted is no failure (a test's clean-up may meet it twice). */
        public void delete(String id) {
            Response r = post(params("operation", "delete", "sessionName", name, "id", id));
            if (!r.success() && !"ACCESS_DENIED".equals(r.errorCode())
                    && !"INVALID_ID_ATTRIBUTE".equals(r.errorCode())) {
                throw new IllegalStateException("delete " + id + " failed: " + r.body());
            }
        }

        public Response call(String method, Map<String, String> params) {
            Map<String, String> all = new LinkedHashMap<>(params);
            all.put("sessionName", name);
            return send(method, all);
        }

        private JsonNode ok(Response r) {
            if (!r.success()) {
                throw new IllegalStateException("Vtiger refused the call: " + r.body());
            }
            return r.result();
        }
    }

    private static String json(Object value) {
        try {
            return RecordedSamples.JSON.writeValueAsString(value);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
