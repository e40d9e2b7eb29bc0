package com.mvsync.functions;

import com.mvsync.webhook.HttpApiEvent;
import com.mvsync.webhook.HttpApiResponse;
import java.util.function.Function;

/** One HttpApi route: its method and path, the exported function that serves it, and that function. */
public record Route(String method, String path, String export, Function<HttpApiEvent, HttpApiResponse> function) {

    public String routeKey() {
        return method + " " + path;
    }
}
