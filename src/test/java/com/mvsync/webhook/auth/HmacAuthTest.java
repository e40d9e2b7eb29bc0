package com.mvsync.webhook.auth;

import static com.mvsync.webhook.auth.TestSupport.BODY;
import static com.mvsync.webhook.auth.TestSupport.NOW;
import static com.mvsync.webhook.auth.TestSupport.authenticator;
import static com.mvsync.webhook.auth.TestSupport.config;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class HmacAuthTest {

    private static final String SECRET = "whsec_current_0123456789";
    private static final String OLD_SECRET = "whsec_previous_9876543210";

    private final WebhookAuthenticator auth = authenticator(config(List.of(SECRET), null, null, null, null, null));

    private AuthResult send(String header, byte[] body) {
        return auth.authenticate(Map.of("X-Mvsync-Signature", header), body);
    }

    @Test
    void acceptsValidSignature() {
        AuthResult r = send(HmacSignature.header(SECRET, NOW, BODY), BODY);
        assertTrue(r.authenticated());
        assertEquals("hmac-sha256", r.scheme());
        assertNull(r.reason());
    }

    @Test
    void acceptsUppercaseHexAndTimestampsInsideTolerance() {
        assertTrue(send(HmacSignature.header(SECRET, NOW, BODY).toUpperCase().replace("T=", "t=").replace("V1=", "v1="),
                BODY).authenticated());
        assertTrue(send(HmacSignature.header(SECRET, NOW - 300, BODY), BODY).authenticated());
        assertTrue(send(HmacSignature.header(SECRET, NOW + 300, BODY), BODY).authenticated());
    }

    @Test
    void refusesTamperedBody() {
        String header = HmacSignature.header(SECRET, NOW, BODY);
        byte[] tampered = "{\"event\":\"customer_save_after\",\"data\":{\"id\":43}}".getBytes(StandardCharsets.UTF_8);
        AuthResult r = send(header, tampered);
        assertFalse(r.authenticated());
        assertNull(r.scheme());
        assertTrue(r.reason().contains("signature does not match"), r.reason());
    }

    @Test
    void refusesWrongSecret() {
        AuthResult r = send(HmacSignature.header("not-the-secret", NOW, BODY), BODY);
        assertFalse(r.authenticated());
        assertTrue(r.reason().contains("does not match"), r.reason());
    }

    @Test
    void refusesTamperedTimestamp() {
        // Re-using a valid v1 with a fresh t must fail: t is part of the signed payload.
        String header = HmacSignature.header(SECRET, NOW - 3600, BODY).replace("t=" + (NOW - 3600), "t=" + NOW);
        assertFalse(send(header, BODY).authenticated());
    }

    @Test
    void refusesReplayOlderThanTolerance() {
        AuthResult r = send(HmacSignature.header(SECRET, NOW - 301, BODY), BODY);
        assertFalse(r.authenticated());
        assertTrue(r.reason().contains("older than the 300 s tolerance"), r.reason());
    }

    @Test
    void refusesTimestampTooFarInTheFuture() {
        AuthResult r = send(HmacSignature.header(SECRET, NOW + 301, BODY), BODY);
        assertFalse(r.authenticated());
        assertTrue(r.reason().contains("in the future"), r.reason());
    }

    @Test
    void toleranceIsConfigurable() {
        WebhookAuthConfig tight = new WebhookAuthConfig(List.of(SECRET), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Duration.ofSeconds(10));
        WebhookAuthenticator a = authenticator(tight);
        assertTrue(a.authenticate(Map.of("X-Mvsync-Signature", HmacSignature.header(SECRET, NOW - 10, BODY)), BODY)
                .authenticated());
        assertFalse(a.authenticate(Map.of("X-Mvsync-Signature", HmacSignature.header(SECRET, NOW - 11, BODY)), BODY)
                .authenticated());
    }

    @Test
    void refusesMalformedHeader() {
        for (String bad : new String[] {"", "v1=deadbeef", "t=now,v1=" + "00".repeat(32), "sha256=abc"}) {
            AuthResult r = send(bad, BODY);
            assertFalse(r.authenticated(), bad);
            assertTrue(r.reason().contains("malformed X-Mvsync-Signature"), r.reason());
        }
    }

    @Test
    void rotation_acceptsAnyConfiguredSecret() {
        WebhookAuthenticator rotating = authenticator(config(List.of(SECRET, OLD_SECRET), null, null, null, null, null));
        for (String s : List.of(SECRET, OLD_SECRET)) {
            assertTrue(rotating.authenticate(Map.of("X-Mvsync-Signature", HmacSignature.header(s, NOW, BODY)), BODY)
                    .authenticated());
        }
        assertFalse(rotating.authenticate(Map.of("X-Mvsync-Signature", HmacSignature.header("other", NOW, BODY)), BODY)
                .authenticated());
    }

    @Test
    void rotation_acceptsSeveralV1EntriesWhenOneMatches() {
        // Sender signs with both new and old secret during rotation; receiver only knows the old one yet.
        WebhookAuthenticator oldOnly = authenticator(config(List.of(OLD_SECRET), null, null, null, null, null));
        String newSig = HmacSignature.header(SECRET, NOW, BODY);
        String oldV1 = HmacSignature.header(OLD_SECRET, NOW, BODY).substring(("t=" + NOW + ",").length());
        assertTrue(oldOnly.authenticate(Map.of("X-Mvsync-Signature", newSig + "," + oldV1), BODY).authenticated());
    }

    @Test
    void reasonsNeverContainSecretOrExpectedSignature() {
        String expectedHex = HmacSignature.header(SECRET, NOW, BODY).substring(("t=" + NOW + ",v1=").length());
        for (AuthResult r : List.of(
                send(HmacSignature.header("wrong", NOW, BODY), BODY),
                send(HmacSignature.header(SECRET, NOW - 1000, BODY), BODY),
                send("garbage", BODY))) {
            assertFalse(r.reason().contains(SECRET));
            assertFalse(r.reason().contains(expectedHex));
            assertFalse(r.toString().contains(SECRET));
            assertFalse(r.toString().contains(expectedHex));
        }
    }
}
