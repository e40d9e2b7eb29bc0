package com.mvsync.http;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.Map;

/** An API Gateway HTTP API (payload 2.0) response; the body is JSON text. */
@RegisterForReflection
public record HttpApiResponse(int statusCode, Map<String, String> headers, String body,
        @JsonProperty("isBase64Encoded") boolean base64Encoded) {

    public static HttpApiResponse json(int status, String body) {
        return new HttpApiResponse(status, Map.of("content-type", "application/json"), body, false);
    }
}
