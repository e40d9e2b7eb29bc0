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
import java.util.Map;
import java.util.stream.Collectors;

/** Minimal raw webservice client for the fake's own tests (form-encoded POST, query-string GET). */
final class FakeVtigerTestClient {
    record Response(int status, String body) {
        JsonNode json() {
            try {
                return RecordedSamples.JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException("not JSON: " + body, e);
            }
        }

        boolean success() {
            return json().path("success").asBoolean(false);
        }

        JsonNode result() {
            return json().path("result");
        }

        String errorCode() {
            return json().path("error").path("code").asText(null);
        }
    }

    private final String endpoint;
    private final HttpClient http;
    private final Duration readTimeout;

    FakeVtigerTestClient(String endpoint) {
        this(endpoint, Duration.ofSeconds(10));
    }

    FakeVtigerTestClient(String endpoint, Duration readTimeout) {
        this.endpoint = endpoint;
        this.readTimeout = readTimeout;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    }

    Response get(Map<String, String> params) {
        return send("GET", params);
    }

    Response post(Map<String, String> params) {
        return send("POST", params);
    }

    Response send(String method, Map<String, String> params) {
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
            return new Response(r.statusCode(), r.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    String challenge(String user) {
        return get(Map.of("operation", "getchallenge", "username", user)).result().path("token").asText();
    }

    /** getchallenge + login; returns the sessionName (fails loudly if the login is refused). */
    String login(String user, String accessKey) {
        String token = challenge(user);
        Response r = post(Map.of("operation", "login", "username", user,
                "accessKey", FakeVtigerServer.md5(token + accessKey)));
        if (!r.success()) {
            throw new IllegalStateException("login failed: " + r.body());
        }
        return r.result().path("sessionName").asText();
    }

    static Map<String, String> params(String... kv) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return m;
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
