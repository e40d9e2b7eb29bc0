package com.mvsync.webhook.auth;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/** Shared fixtures; RSA key pairs are generated once per JVM because 2048-bit generation is slow. */
final class TestSupport {

    static final long NOW = 1_700_000_000L;
    static final Clock CLOCK = Clock.fixed(Instant.ofEpochSecond(NOW), ZoneOffset.UTC);
    static final byte[] BODY = "{\"event\":\"customer_save_after\",\"data\":{\"id\":42}}".getBytes(StandardCharsets.UTF_8);

    static final KeyPair KEYS = generate();
    static final KeyPair OTHER_KEYS = generate();

    private TestSupport() {
    }

    static String pem(KeyPair keys) {
        String b64 = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(keys.getPublic().getEncoded());
        return "-----BEGIN PUBLIC KEY-----\n" + b64 + "\n-----END PUBLIC KEY-----\n";
    }

    static String sign(PrivateKey key, byte[] body) {
        try {
            Signature s = Signature.getInstance("SHA256withRSA");
            s.initSign(key);
            s.update(body);
            return Base64.getEncoder().encodeToString(s.sign());
        } catch (GeneralSecurityException e) {
            throw new AssertionError(e);
        }
    }

    /** Builder-ish helper so each test states only the settings it cares about. */
    static WebhookAuthConfig config(List<String> hmac, String commercePem, String ioPem, String shared,
                                    String user, String password) {
        return new WebhookAuthConfig(hmac, Optional.ofNullable(commercePem), Optional.ofNullable(ioPem),
                Optional.ofNullable(shared), Optional.ofNullable(user), Optional.ofNullable(password),
                Duration.ofSeconds(300));
    }

    static WebhookAuthenticator authenticator(WebhookAuthConfig config) {
        return new WebhookAuthenticator(config, CLOCK);
    }

    private static KeyPair generate() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(2048);
            return g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new AssertionError(e);
        }
    }
}
