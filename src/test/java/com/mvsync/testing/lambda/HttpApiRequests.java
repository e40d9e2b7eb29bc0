package com.mvsync.testing.lambda;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.mvsync.webhook.auth.HmacSignature;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/** Builds API Gateway HTTP API (payload 2.0) events as the Lambda mock event server receives them. */
public final class HttpApiRequests {

    public static final String HMAC_SECRET = "test-hmac-secret";
    public static final String SHARED_SECRET = "test-shared-secret";

    private static final ObjectMapper JSON = new ObjectMapper();

    private HttpApiRequests() {
    }

    /** A POST signed the way our HMAC scheme expects. */
    public static String signedPost(String path, byte[] body) {
        return post(path, body, Map.of("x-mvsync-signature",
                HmacSignature.header(HMAC_SECRET, Instant.now().getEpochSecond(), body)));
    }

    public static String signedPost(String path, String body) {
        return signedPost(path, body.getBytes(StandardCharsets.UTF_8));
    }

    public static String post(String path, byte[] body, Map<String, String> headers) {
        return event("POST", path, body, headers);
    }

    public static String event(String method, String path, byte[] body, Map<String, String> headers) {
        Map<String, String> all = new LinkedHashMap<>();
        all.put("content-type", "application/json");
        headers.forEach((k, v) -> all.put(k.toLowerCase(), v));
        ObjectNode event = JSON.createObjectNode();
        event.put("version", "2.0");
        event.put("routeKey", method + " " + path);
        event.put("rawPath", path);
        event.put("rawQueryString", "");
        event.set("headers", JSON.valueToTree(all));
        ObjectNode context = event.putObject("requestContext");
        context.put("requestId", UUID.randomUUID().toString());
        context.putObject("http").put("method", method).put("path", path).put("sourceIp", "203.0.113.9");
        String text = utf8OrNull(body);
        event.put("body", text != null ? text : Base64.getEncoder().encodeToString(body));
        event.put("isBase64Encoded", text == null);
        return event.toString();
    }

    public static String resource(String path) {
        try (InputStream in = HttpApiRequests.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String utf8OrNull(byte[] body) {
        try {
            return StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(body)).toString();
        } catch (java.nio.charset.CharacterCodingException e) {
            return null;
        }
    }
}
