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

    /** The answer's body as JSON ({@code {}} when it has none). */
    public static JsonNode body(HttpApiResponse response) {
        try {
            return JSON.readTree(response.body() == null ? "{}" : response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
