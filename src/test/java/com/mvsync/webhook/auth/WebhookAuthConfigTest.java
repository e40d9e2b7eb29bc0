package com.mvsync.webhook.auth;

import static com.mvsync.webhook.auth.TestSupport.KEYS;
import static com.mvsync.webhook.auth.TestSupport.config;
import static com.mvsync.webhook.auth.TestSupport.pem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class WebhookAuthConfigTest {

    @Test
    void noneHasNothingEnabledAndDefaultTolerance() {
        WebhookAuthConfig none = WebhookAuthConfig.none();
        assertFalse(none.anyEnabled());
        assertEquals(Duration.ofSeconds(300), none.signatureTolerance());
    }

    @Test
    void nullsAreNormalised() {
        WebhookAuthConfig c = new WebhookAuthConfig(null, null, null, null, null, null, null);
        assertEquals(List.of(), c.hmacSecrets());
        assertEquals(Optional.empty(), c.sharedSecret());
        assertEquals(WebhookAuthConfig.DEFAULT_SIGNATURE_TOLERANCE, c.signatureTolerance());
    }

    @Test
    void invalidPemIsRejectedWithoutEchoingKeyMaterial() {
        String body = Base64.getEncoder().encodeToString("definitely-not-a-der-encoded-key-material".getBytes());
        String notAKey = "-----BEGIN PUBLIC KEY-----\n" + body + "\n-----END PUBLIC KEY-----";
        String truncated = pem(KEYS).replace("-----END PUBLIC KEY-----", "");
        String pkcs1 = "-----BEGIN RSA PUBLIC KEY-----\nMIIBCgKCAQEA\n-----END RSA PUBLIC KEY-----";
        String badBase64 = "-----BEGIN PUBLIC KEY-----\nM!!!secret-ish!!!\n-----END PUBLIC KEY-----";
        for (String bad : List.of(notAKey, truncated, pkcs1, badBase64, "just some text")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> config(List.of(), bad, null, null, null, null));
            assertTrue(e.getMessage().startsWith("adobeCommercePublicKeyPem is not a valid RSA public key PEM"),
                    e.getMessage());
            assertFalse(e.getMessage().contains(body));
            assertFalse(e.getMessage().contains("MIIBCgKCAQEA"));
            assertFalse(e.getMessage().contains("secret-ish"));
            assertFalse(e.getMessage().contains("just some text"));
        }
        IllegalArgumentException io = assertThrows(IllegalArgumentException.class,
                () -> config(List.of(), null, notAKey, null, null, null));
        assertTrue(io.getMessage().startsWith("adobeIoPublicKeyPem"), io.getMessage());
    }

    @Test
    void basicNeedsBothUserAndPassword() {
        assertThrows(IllegalArgumentException.class, () -> config(List.of(), null, null, null, "u", null));
        assertThrows(IllegalArgumentException.class, () -> config(List.of(), null, null, null, null, "p"));
        assertThrows(IllegalArgumentException.class, () -> config(List.of(), null, null, null, "a:b", "p"));
    }

    @Test
    void toleranceMustBePositive() {
        for (Duration d : List.of(Duration.ZERO, Duration.ofSeconds(-1))) {
            assertThrows(IllegalArgumentException.class, () -> new WebhookAuthConfig(List.of("s"), Optional.empty(),
                    Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), d));
        }
    }

    @Test
    void toStringRedactsSecretsAndKeys() {
        String pem = pem(KEYS);
        String keyBody = pem.split("\n")[1];
        WebhookAuthConfig c = config(List.of("hmac-secret-1", "hmac-secret-2"), pem, pem, "shared-secret-3",
                "basic-user-4", "basic-password-5");
        String s = c.toString();
        for (String secret : List.of("hmac-secret-1", "hmac-secret-2", keyBody, "shared-secret-3",
                "basic-user-4", "basic-password-5")) {
            assertFalse(s.contains(secret), () -> "toString leaked " + secret);
        }
        assertTrue(s.contains("hmacSecrets=2 configured"), s);
        assertTrue(s.contains("sharedSecret=<redacted>"), s);
        assertTrue(WebhookAuthConfig.none().toString().contains("sharedSecret=<unset>"));
    }
}
