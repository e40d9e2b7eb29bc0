package com.mvsync.webhook.auth;

import static com.mvsync.webhook.auth.TestSupport.BODY;
import static com.mvsync.webhook.auth.TestSupport.KEYS;
import static com.mvsync.webhook.auth.TestSupport.NOW;
import static com.mvsync.webhook.auth.TestSupport.authenticator;
import static com.mvsync.webhook.auth.TestSupport.config;
import static com.mvsync.webhook.auth.TestSupport.pem;
import static com.mvsync.webhook.auth.TestSupport.sign;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Cross-scheme behaviour: fail closed, header-name normalisation, fall-through between schemes. */
class WebhookAuthenticatorTest {

    private static final String SECRET = "whsec_all_schemes";
    private static final String SHARED = "shared_all_schemes";

    private final WebhookAuthenticator all =
            authenticator(config(List.of(SECRET), pem(KEYS), pem(KEYS), SHARED, "u", "p"));

    @Test
    void failsClosedWhenNothingIsConfigured() {
        WebhookAuthenticator none = authenticator(WebhookAuthConfig.none());
        // Even a request carrying every header is refused.
        Map<String, String> headers = Map.of(
                "X-Mvsync-Signature", HmacSignature.header("anything", NOW, BODY),
                "X-Webhook-Secret", "anything");
        AuthResult r = none.authenticate(headers, BODY);
        assertFalse(r.authenticated());
        assertTrue(r.reason().contains("no webhook authentication is configured"), r.reason());
        assertFalse(none.authenticate(Map.of(), BODY).authenticated());
    }

    @Test
    void blankSettingsDoNotEnableAnything() {
        WebhookAuthenticator blank = authenticator(config(List.of("", "  "), " ", "", "", " ", " "));
        AuthResult r = blank.authenticate(Map.of("X-Webhook-Secret", ""), BODY);
        assertFalse(r.authenticated());
        assertTrue(r.reason().contains("no webhook authentication is configured"), r.reason());
    }

    @Test
    void refusesRequestWithoutCredentialsAndNamesExpectedHeaders() {
        AuthResult r = all.authenticate(Map.of("Content-Type", "application/json"), BODY);
        assertFalse(r.authenticated());
        assertTrue(r.reason().startsWith("no webhook credentials presented"), r.reason());
        assertTrue(r.reason().contains("X-Mvsync-Signature") && r.reason().contains("X-Webhook-Secret"), r.reason());
    }

    @Test
    void headerNamesAreCaseInsensitive() {
        String hmac = HmacSignature.header(SECRET, NOW, BODY);
        for (String name : List.of("x-mvsync-signature", "X-MVSYNC-SIGNATURE", "X-Mvsync-Signature")) {
            assertEquals("hmac-sha256", all.authenticate(Map.of(name, hmac), BODY).scheme(), name);
        }
        assertEquals("adobe-commerce-rsa",
                all.authenticate(Map.of("X-Adobe-Commerce-Webhook-Signature", sign(KEYS.getPrivate(), BODY)), BODY).scheme());
        assertEquals("adobe-io-rsa",
                all.authenticate(Map.of("X-ADOBE-DIGITAL-SIGNATURE-2", sign(KEYS.getPrivate(), BODY)), BODY).scheme());
        assertEquals("shared-secret", all.authenticate(Map.of("x-webhook-secret", SHARED), BODY).scheme());
        assertEquals("basic", all.authenticate(Map.of("AUTHORIZATION", "Basic dTpw"), BODY).scheme()); // u:p
    }

    @Test
    void wrongCredentialForOneSchemeFallsThroughToAnother() {
        Map<String, String> headers = Map.of(
                "X-Mvsync-Signature", HmacSignature.header("wrong", NOW, BODY),
                "X-Webhook-Secret", SHARED);
        AuthResult r = all.authenticate(headers, BODY);
        assertTrue(r.authenticated());
        assertEquals("shared-secret", r.scheme());
    }

    @Test
    void allPresentSchemesFailingAreListedInReason() {
        Map<String, String> headers = Map.of(
                "X-Mvsync-Signature", HmacSignature.header("wrong", NOW, BODY),
                "X-Webhook-Secret", "wrong");
        AuthResult r = all.authenticate(headers, BODY);
        assertFalse(r.authenticated());
        assertEquals("hmac-sha256: signature does not match; shared-secret: X-Webhook-Secret does not match",
                r.reason());
    }

    @Test
    void headersForDisabledSchemesAreIgnored() {
        WebhookAuthenticator hmacOnly = authenticator(config(List.of(SECRET), null, null, null, null, null));
        AuthResult r = hmacOnly.authenticate(Map.of("X-Webhook-Secret", SHARED), BODY);
        assertFalse(r.authenticated());
        assertTrue(r.reason().startsWith("no webhook credentials presented"), r.reason());
    }

    @Test
    void toleratesNullHeadersBodyAndValues() {
        Map<String, String> headers = new HashMap<>();
        headers.put("X-Webhook-Secret", null);
        headers.put(null, "x");
        assertFalse(all.authenticate(headers, null).authenticated());
        assertFalse(all.authenticate(null, null).authenticated());
        assertTrue(all.authenticate(Map.of("X-Mvsync-Signature", HmacSignature.header(SECRET, NOW, new byte[0])), null)
                .authenticated());
    }
}
