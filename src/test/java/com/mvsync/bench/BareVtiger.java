package com.mvsync.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Vtiger's webservice called bare with {@code java.net.http}, one session of its own: the yardstick the sync's
 * Vtiger time is compared with. Each instance logs in once ({@link #login}); Vtiger serves the calls of one session
 * one after another, so parallel bare calls need one instance each.
 */
final class BareVtiger {

    static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String endpoint;
    private String session;

    BareVtiger(String endpoint) {
        this.endpoint = endpoint;
    }

    static String endpoint(String url) {
        String u = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        return u.endsWith("/webservice.php") ? u : u + "/webservice.php";
    }

    BareVtiger login(String user, String accessKey) {
        String token = call("GET", Map.of("operation", "getchallenge", "username", user)).path("token").asText();
        String key;
        try {
            key = HexFormat.of().formatHex(MessageDigest.getInstance("MD5")
                    .digest((token + accessKey).getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        JsonNode result = call("POST", Map.of("operation", "login", "username", user, "accessKey", key));
        session = result.path("sessionName").asText();
        return this;
    }

    String create(String module, Map<String, Object> element) {
        try {
            return call("POST", Map.of("operation", "create", "elementType", module, "element",
                    JSON.writeValueAsString(element))).path("id").asText();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    JsonNode query(String vtql) {
        return call("GET", Map.of("operation", "query", "query", vtql));
    }

    JsonNode call(String method, Map<String, String> params) {
        Map<String, String> all = new LinkedHashMap<>(params);
        if (session != null) {
            all.put("sessionName", session);
        }
        String form = all.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
        HttpRequest request = method.equals("GET")
                ? HttpRequest.newBuilder(URI.create(endpoint + "?" + form)).timeout(Duration.ofSeconds(15)).GET().build()
                : HttpRequest.newBuilder(URI.create(endpoint)).timeout(Duration.ofSeconds(15))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(form)).build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            JsonNode json = JSON.readTree(response.body());
            if (!json.path("success").asBoolean()) {
                throw new IllegalStateException(params.get("operation") + " failed: " + json.path("error"));
            }
            return json.path("result");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
