package com.mvsync.http;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

/**
 * The part of an API Gateway HTTP API (payload format 2.0) event the functions use. Declared here rather than taken
 * from aws-lambda-java-events so the JSON binding is explicit and registered for native images.
 */
@RegisterForReflection
@JsonIgnoreProperties(ignoreUnknown = true)
public record HttpApiEvent(String version, String routeKey, String rawPath, String rawQueryString,
        Map<String, String> headers, Map<String, String> queryStringParameters, Map<String, String> pathParameters,
        RequestContext requestContext, String body, @JsonProperty("isBase64Encoded") boolean base64Encoded) {

    @RegisterForReflection
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record RequestContext(String requestId, Http http) {
    }

    @RegisterForReflection
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Http(String method, String path, String sourceIp) {
    }

    /** The body exactly as the sender sent it: signatures are computed over these bytes. */
    public byte[] rawBody() {
        if (body == null) {
            return new byte[0];
        }
        return base64Encoded ? Base64.getMimeDecoder().decode(body) : body.getBytes(StandardCharsets.UTF_8);
    }

    public Map<String, String> headersOrEmpty() {
        return headers == null ? Map.of() : headers;
    }

    public String requestId() {
        return requestContext == null ? null : requestContext.requestId();
    }
}
