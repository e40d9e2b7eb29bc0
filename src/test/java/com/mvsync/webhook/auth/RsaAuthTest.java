package com.mvsync.webhook.auth;

import static com.mvsync.webhook.auth.TestSupport.BODY;
import static com.mvsync.webhook.auth.TestSupport.KEYS;
import static com.mvsync.webhook.auth.TestSupport.OTHER_KEYS;
import static com.mvsync.webhook.auth.TestSupport.authenticator;
import static com.mvsync.webhook.auth.TestSupport.config;
import static com.mvsync.webhook.auth.TestSupport.pem;
import static com.mvsync.webhook.auth.TestSupport.sign;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RsaAuthTest {

    private static final String COMMERCE = "x-adobe-commerce-webhook-signature";
    private static final String IO_1 = "x-adobe-digital-signature-1";
    private static final String IO_2 = "x-adobe-digital-signature-2";

    private final WebhookAuthenticator commerce = authenticator(config(List.of(), pem(KEYS), null, null, null, null));
    private final WebhookAuthenticator io = authenticator(config(List.of(), null, pem(KEYS), null, null, null));

    @Test
    void adobeCommerce_acceptsValidSignature() {
        AuthResult r = commerce.authenticate(Map.of(COMMERCE, sign(KEYS.getPrivate(), BODY)), BODY);
        assertTrue(r.authenticated(), r.reason());
        assertEquals("adobe-commerce-rsa", r.scheme());
    }

    @Test
    void adobeCommerce_refusesSignatureFromOtherKey() {
        AuthResult r = commerce.authenticate(Map.of(COMMERCE, sign(OTHER_KEYS.getPrivate(), BODY)), BODY);
        assertFalse(r.authenticated());
        assertTrue(r.reason().contains("adobe-commerce-rsa: signature does not verify"), r.reason());
    }

    @Test
    void adobeCommerce_refusesTamperedBody() {
        String sig = sign(KEYS.getPrivate(), BODY);
        assertFalse(commerce.authenticate(Map.of(COMMERCE, sig), "{}".getBytes(StandardCharsets.UTF_8)).authenticated());
    }

    @Test
    void refusesGarbageBase64AndWellFormedGarbage() {
        AuthResult notBase64 = commerce.authenticate(Map.of(COMMERCE, "%%% not base64 %%%"), BODY);
        assertFalse(notBase64.authenticated());
        assertTrue(notBase64.reason().contains("not valid base64"), notBase64.reason());

        // Valid base64 of the wrong length makes Signature.verify throw; must be a plain refusal.
        String shortSig = Base64.getEncoder().encodeToString(new byte[] {1, 2, 3});
        assertFalse(commerce.authenticate(Map.of(COMMERCE, shortSig), BODY).authenticated());
        assertFalse(io.authenticate(Map.of(IO_1, ""), BODY).authenticated());
    }

    @Test
    void adobeIo_acceptsEitherSignatureHeader() {
        String good = sign(KEYS.getPrivate(), BODY);
        String bad = sign(OTHER_KEYS.getPrivate(), BODY);
        assertEquals("adobe-io-rsa", io.authenticate(Map.of(IO_1, good), BODY).scheme());
        assertTrue(io.authenticate(Map.of(IO_2, good), BODY).authenticated());
        // The key was rotated on Adobe's side: one header is signed with a key we do not hold.
        assertTrue(io.authenticate(Map.of(IO_1, bad, IO_2, good), BODY).authenticated());
        assertTrue(io.authenticate(Map.of(IO_1, good, IO_2, bad), BODY).authenticated());
    }

    @Test
    void adobeIo_refusesWhenNeitherHeaderVerifies() {
        String bad = sign(OTHER_KEYS.getPrivate(), BODY);
        AuthResult r = io.authenticate(Map.of(IO_1, bad, IO_2, "@@@"), BODY);
        assertFalse(r.authenticated());
        assertTrue(r.reason().contains(IO_1) && r.reason().contains(IO_2), r.reason());
    }

    @Test
    void keysAreNotInterchangeableBetweenSchemes() {
        // A Commerce signature in the I/O Events header is checked against the I/O key only.
        WebhookAuthenticator both = authenticator(config(List.of(), pem(KEYS), pem(OTHER_KEYS), null, null, null));
        assertFalse(both.authenticate(Map.of(IO_1, sign(KEYS.getPrivate(), BODY)), BODY).authenticated());
        assertTrue(both.authenticate(Map.of(IO_1, sign(OTHER_KEYS.getPrivate(), BODY)), BODY).authenticated());
    }

    @Test
    void pemWithEscapedNewlinesFromEnvVarsIsAccepted() {
        String escaped = pem(KEYS).replace("\n", "\\n");
        WebhookAuthenticator a = authenticator(config(List.of(), escaped, null, null, null, null));
        assertTrue(a.authenticate(Map.of(COMMERCE, sign(KEYS.getPrivate(), BODY)), BODY).authenticated());
    }
}
