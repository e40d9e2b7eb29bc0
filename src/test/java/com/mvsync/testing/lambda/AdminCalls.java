package com.mvsync.testing.lambda;

import com.mvsync.admin.AdminApi;
import com.mvsync.http.HttpApiEvent;
import com.mvsync.http.HttpApiResponse;
import io.restassured.path.json.JsonPath;
import java.util.Map;

/**
 * Calls the admin API bean of the application under test, as the admin function does after authenticating, from a
 * test whose application exports another function (e.g. a webhook test that retries a dead letter).
 */
public final class AdminCalls {

    /** The admin API's answer: its status and parsed body. */
    public record Answer(int status, JsonPath body) {
    }

    private final AdminApi api;

    public AdminCalls(AdminApi api) {
        this.api = api;
    }

    public Answer get(String path, String query) {
        return call("GET", path, query, null);
    }

    public Answer put(String path, String body) {
        return call("PUT", path, "", body);
    }

    public Answer post(String path) {
        return call("POST", path, "", null);
    }

    /** Any method, with a query string ({@code scope=website:eu}) and a body (null for none). */
    public Answer call(String method, String path, String query, String body) {
        HttpApiEvent event = new HttpApiEvent("2.0", "$default", path, query, Map.of(), null, null,
                new HttpApiEvent.RequestContext("test", new HttpApiEvent.Http(method, path, "127.0.0.1")), body,
                false);
        HttpApiResponse response = api.handle(event);
        return new Answer(response.statusCode(), new JsonPath(response.body() == null ? "{}" : response.body()));
    }
}
