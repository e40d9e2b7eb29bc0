package com.mvsync.webhook.auth;

import static com.mvsync.webhook.auth.TestSupport.BODY;
import static com.mvsync.webhook.auth.TestSupport.authenticator;
import static com.mvsync.webhook.auth.TestSupport.config;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Schemes for senders that cannot sign (Mageplaza Webhook: static custom headers only). */
class StaticSecretAuthTest {

    private static final String SHARED = "mageplaza-shared-s3cret";
    private static final String USER = "magento";
    private static final String PASSWORD = "b4sic-p@ss:with-colon";

    private final WebhookAuthenticator shared = authenticator(config(List.of(), null, null, SHARED, null, null));
    private final WebhookAuthenticator basic = authenticator(config(List.of(), null, null, null, USER, PASSWORD));

    private static String basicHeader(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void sharedSecret_acceptsMatch() {
        AuthResult r = shared.authenticate(Map.of("X-Webhook-Secret", SHARED), BODY);
        assertTrue(r.authenticated());
        assertEquals("shared-secret", r.scheme());
    }

    @Test
    void sharedSecret_refusesWrongPrefixAndEmptyValues() {
        for (String wrong : new String[] {"wrong", SHARED + "x", SHARED.substring(1), "", SHARED.toUpperCase()}) {
            AuthResult r = shared.authenticate(Map.of("X-Webhook-Secret", wrong), BODY);
            assertFalse(r.authenticated(), wrong);
            assertEquals("shared-secret: X-Webhook-Secret does not match", r.reason());
        }
    }

    @Test
    void basic_acceptsValidCredentialsWithColonInPassword() {
        AuthResult r = basic.authenticate(Map.of("Authorization", basicHeader(USER, PASSWORD)), BODY);
        assertTrue(r.authenticated(), r.reason());
        assertEquals("basic", r.scheme());
        // Scheme token is case-insensitive per RFC 7617.
        assertTrue(basic.authenticate(Map.of("Authorization", basicHeader(USER, PASSWORD).replace("Basic", "basic")),
                BODY).authenticated());
    }

    @Test
    void basic_refusesWrongPasswordOrUser() {
        for (String h : List.of(basicHeader(USER, "wrong"), basicHeader("admin", PASSWORD), basicHeader(USER, ""))) {
            AuthResult r = basic.authenticate(Map.of("Authorization", h), BODY);
            assertFalse(r.authenticated());
            assertEquals("basic: wrong user or password", r.reason());
        }
    }

    @Test
    void basic_refusesMalformedHeaders() {
        String noColon = "Basic " + Base64.getEncoder().encodeToString("justuser".getBytes(StandardCharsets.UTF_8));
        for (String h : List.of("Basic", "Basic !!!notbase64!!!", noColon, "Bearer abc.def.ghi", "")) {
            AuthResult r = basic.authenticate(Map.of("Authorization", h), BODY);
            assertFalse(r.authenticated(), h);
            assertTrue(r.reason().startsWith("basic: "), r.reason());
            assertFalse(r.reason().contains("wrong user"), r.reason());
        }
    }

    @Test
    void reasonsNeverContainTheSecrets() {
        WebhookAuthenticator both = authenticator(config(List.of(), null, null, SHARED, USER, PASSWORD));
        AuthResult r = both.authenticate(Map.of("X-Webhook-Secret", "nope", "Authorization", basicHeader(USER, "x")), BODY);
        assertFalse(r.authenticated());
        for (String text : List.of(r.reason(), r.toString())) {
            assertFalse(text.contains(SHARED));
            assertFalse(text.contains(PASSWORD));
        }
    }
}
