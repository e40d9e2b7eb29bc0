package com.mvsync.webhook.auth;

import java.util.Objects;

/**
 * Outcome of {@link WebhookAuthenticator#authenticate}.
 *
 * @param authenticated whether some enabled scheme verified the request
 * @param scheme        the scheme that verified it ({@code "hmac-sha256"}, {@code "adobe-commerce-rsa"},
 *                      {@code "adobe-io-rsa"}, {@code "shared-secret"}, {@code "basic"}); {@code null} on failure
 * @param reason        on failure, what failed in words, safe to put in a 401 body (never a secret, key or
 *                      expected signature, and never echoes request header values); {@code null} on success
 */
public record AuthResult(boolean authenticated, String scheme, String reason) {

    public AuthResult {
        if (authenticated) {
            Objects.requireNonNull(scheme, "scheme is required when authenticated");
        } else {
            Objects.requireNonNull(reason, "reason is required when not authenticated");
        }
    }

    public static AuthResult success(String scheme) {
        return new AuthResult(true, scheme, null);
    }

    public static AuthResult failure(String reason) {
        return new AuthResult(false, null, reason);
    }
}
