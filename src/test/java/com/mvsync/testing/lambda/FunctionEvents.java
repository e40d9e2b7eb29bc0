package com.mvsync.testing.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mvsync.http.HttpApiEvent;
import com.mvsync.http.HttpApiResponse;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * API Gateway events for calling a function bean in-process (the code each Lambda runs, without the mock event
 * server's one-at-a-time loop), and the JSON of its answers.
 */
public final class FunctionEvents {

    private static final ObjectMapper JSON = new ObjectMapper();

    private FunctionEvents() {
    }

    /** A POST to {@code path} signed with the test HMAC secret, as the function receives it (fresh timestamp). */
    public static HttpApiEvent signed(String path, String body) {
        return event(HttpApiRequests.signedPost(path, body));
    }

    public static HttpApiEvent signed(String path, byte[] body) {
        return event(HttpApiRequests.signedPost(path, body));
    }

    public static HttpApiEvent event(String json) {
        try {
            return JSON.readValue(json, HttpApiEvent.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * An admin route's request as API Gateway (HTTP API, payload 2.0) hands it to the admin function, past the
     * authorizer: {@code pathAndQuery} may carry a query string ({@code /admin/connection?force=true}).
     */
    public static HttpApiEvent admin(String method, String pathAndQuery, String body) {
        int q = pathAndQuery.indexOf('?');
        String path = q < 0 ? pathAndQuery : pathAndQuery.substring(0, q);
        com.fasterxml.jackson.databind.node.ObjectNode event = JSON.createObjectNode();
        event.put("version", "2.0").put("routeKey", "$default").put("rawPath", path)
                .put("rawQueryString", q < 0 ? "" : pathAndQuery.substring(q + 1));
        event.putObject("headers").put("content-type", "application/json");
        com.fasterxml.jackson.databind.node.ObjectNode context = event.putObject("requestContext");
        context.put("requestId", "admin-test");
        context.putObject("http").put("method", method).put("path", path).put("sourceIp", "127.0.0.1");
        if (body != null) {
            event.put("body", body);
        }
        event.put("isBase64Encoded", false);
        return event(event.toString());
    }

    /** {@code {"status": <HTTP status>, "body": <the answer's JSON>}}: a status and a body to assert in one value. */
    public static JsonNode answer(HttpApiResponse response) {
        com.fasterxml.jackson.databind.node.ObjectNode out = JSON.createObjectNode();
        out.put("status", response.statusCode());
        out.set("body", body(response));
        return out;
    }

    /** The answer's body as JSON ({@code {}} when it has none). */
    public static JsonNode body(HttpApiResponse response) {
        try {
            return JSON.readTree(response.body() == null ? "{}" : response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
