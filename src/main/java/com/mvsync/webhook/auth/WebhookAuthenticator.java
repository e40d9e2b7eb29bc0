package com.mvsync.webhook.auth;

import com.mvsync.http.ConstantTime;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Authenticates an incoming webhook before anything else looks at it.
 *
 * <p>A request is authenticated when any enabled scheme whose header is present verifies. A present but
 * wrong credential fails that scheme only; the others are still tried. With no scheme configured every
 * request is refused (fail closed). Immutable and thread-safe.
 */
public final class WebhookAuthenticator {

    public static final String SCHEME_HMAC = "hmac-sha256";
    public static final String SCHEME_ADOBE_COMMERCE = "adobe-commerce-rsa";
    public static final String SCHEME_ADOBE_IO = "adobe-io-rsa";
    public static final String SCHEME_SHARED_SECRET = "shared-secret";
    public static final String SCHEME_BASIC = "basic";

    public static final String HMAC_HEADER = HmacSignature.HEADER;
    public static final String ADOBE_COMMERCE_HEADER = "x-adobe-commerce-webhook-signature";
    public static final String ADOBE_IO_HEADER_1 = "x-adobe-digital-signature-1";
    public static final String ADOBE_IO_HEADER_2 = "x-adobe-digital-signature-2";
    public static final String SHARED_SECRET_HEADER = "X-Webhook-Secret";
    public static final String AUTHORIZATION_HEADER = "Authorization";

    static final String NOT_CONFIGURED = "no webhook authentication is configured; refusing all requests";

    private final WebhookAuthConfig config;
    private final Clock clock;
    private final PublicKey adobeCommerceKey; // null when disabled
    private final PublicKey adobeIoKey;       // null when disabled

    public WebhookAuthenticator(WebhookAuthConfig config, Clock clock) {
        this.config = Objects.requireNonNull(config, "config");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.adobeCommerceKey = config.adobeCommercePublicKeyPem()
                .map(pem -> PublicKeyPem.parse("adobeCommercePublicKeyPem", pem)).orElse(null);
        this.adobeIoKey = config.adobeIoPublicKeyPem()
                .map(pem -> PublicKeyPem.parse("adobeIoPublicKeyPem", pem)).orElse(null);
    }

    /**
     * @param headers request headers; names are matched case-insensitively (API Gateway may pass any case)
     * @param rawBody the exact bytes received; signatures are over these, so never re-serialise JSON first
     */
    public AuthResult authenticate(Map<String, String> headers, byte[] rawBody) {
        if (!config.anyEnabled()) {
            return AuthResult.failure(NOT_CONFIGURED);
        }
        Map<String, String> h = normalise(headers);
        byte[] body = rawBody == null ? new byte[0] : rawBody;
        List<String> failures = new ArrayList<>();

        if (config.hmacEnabled()) {
            String value = h.get(lower(HMAC_HEADER));
            if (value != null) {
                Optional<String> failure = verifyHmac(value, body);
                if (failure.isEmpty()) {
                    return AuthResult.success(SCHEME_HMAC);
                }
                failures.add(SCHEME_HMAC + ": " + failure.get());
            }
        }
        if (adobeCommerceKey != null) {
            String value = h.get(ADOBE_COMMERCE_HEADER);
            if (value != null) {
                Optional<String> failure = verifyRsa(adobeCommerceKey, value, body);
                if (failure.isEmpty()) {
                    return AuthResult.success(SCHEME_ADOBE_COMMERCE);
                }
                failures.add(SCHEME_ADOBE_COMMERCE + ": " + failure.get());
            }
        }
        if (adobeIoKey != null) {
            for (String name : List.of(ADOBE_IO_HEADER_1, ADOBE_IO_HEADER_2)) {
                String value = h.get(name);
                if (value != null) {
                    Optional<String> failure = verifyRsa(adobeIoKey, value, body);
                    if (failure.isEmpty()) {
                        return AuthResult.success(SCHEME_ADOBE_IO);
                    }
                    failures.add(SCHEME_ADOBE_IO + " (" + name + "): " + failure.get());
                }
            }
        }
        if (config.sharedSecret().isPresent()) {
            String value = h.get(lower(SHARED_SECRET_HEADER));
            if (value != null) {
                if (ConstantTime.secretEquals(value, config.sharedSecret().get())) {
                    return AuthResult.success(SCHEME_SHARED_SECRET);
                }
                failures.add(SCHEME_SHARED_SECRET + ": " + SHARED_SECRET_HEADER + " does not match");
            }
        }
        if (config.basicEnabled()) {
            String value = h.get(lower(AUTHORIZATION_HEADER));
            if (value != null) {
                Optional<String> failure = verifyBasic(value);
                if (failure.isEmpty()) {
                    return AuthResult.success(SCHEME_BASIC);
                }
                failures.add(SCHEME_BASIC + ": " + failure.get());
            }
        }

        if (failures.isEmpty()) {
            return AuthResult.failure("no webhook credentials presented; expected one of: " + expectedHeaders());
        }
        return AuthResult.failure(String.join("; ", failures));
    }

    private Optional<String> verifyHmac(String header, byte[] body) {
        Optional<HmacSignature.Parsed> parsed = HmacSignature.parse(header);
        if (parsed.isEmpty()) {
            return Optional.of("malformed " + HMAC_HEADER + " header; expected t=<unix seconds>,v1=<64 hex chars>");
        }
        HmacSignature.Parsed p = parsed.get();
        // Check the signature before the timestamp: t is signed, so "expired" is only reported for genuine requests.
        boolean matched = false;
        for (String secret : config.hmacSecrets()) {
            byte[] expected = HmacSignature.compute(secret, p.timestampText(), body);
            for (byte[] presented : p.signatures()) {
                matched |= ConstantTime.equals(expected, presented);
            }
        }
        if (!matched) {
            return Optional.of("signature does not match");
        }
        long age = clock.instant().getEpochSecond() - p.epochSeconds();
        long tolerance = config.signatureTolerance().toSeconds();
        if (age > tolerance) {
            return Optional.of("signature timestamp is older than the " + tolerance + " s tolerance (possible replay)");
        }
        if (-age > tolerance) {
            return Optional.of("signature timestamp is more than " + tolerance + " s in the future");
        }
        return Optional.empty();
    }

    private static Optional<String> verifyRsa(PublicKey key, String base64Signature, byte[] body) {
        byte[] signature;
        try {
            signature = Base64.getDecoder().decode(base64Signature.trim());
        } catch (IllegalArgumentException e) {
            return Optional.of("signature is not valid base64");
        }
        try {
            Signature verifier = Signature.getInstance("SHA256withRSA");
            verifier.initVerify(key);
            verifier.update(body);
            return verifier.verify(signature) ? Optional.empty() : Optional.of("signature does not verify");
        } catch (GeneralSecurityException e) {
            // SignatureException for wrong-length/garbage signatures: a failure, not an error.
            return Optional.of("signature does not verify");
        }
    }

    private Optional<String> verifyBasic(String authorization) {
        String value = authorization.trim();
        int space = value.indexOf(' ');
        if (space < 0 || !value.substring(0, space).equalsIgnoreCase("Basic")) {
            return Optional.of("Authorization header is not HTTP Basic");
        }
        String credentials;
        try {
            credentials = new String(Base64.getDecoder().decode(value.substring(space + 1).trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return Optional.of("malformed Basic credentials (not base64)");
        }
        int colon = credentials.indexOf(':');
        if (colon < 0) {
            return Optional.of("malformed Basic credentials (expected user:password)");
        }
        // Both compared, always: a wrong user costs the same time as a wrong password.
        boolean userOk = ConstantTime.secretEquals(credentials.substring(0, colon), config.basicUser().get());
        boolean passwordOk = ConstantTime.secretEquals(credentials.substring(colon + 1), config.basicPassword().get());
        boolean ok = userOk && passwordOk;
        return ok ? Optional.empty() : Optional.of("wrong user or password");
    }

    private String expectedHeaders() {
        List<String> names = new ArrayList<>();
        if (config.hmacEnabled()) {
            names.add(HMAC_HEADER);
        }
        if (adobeCommerceKey != null) {
            names.add(ADOBE_COMMERCE_HEADER);
        }
        if (adobeIoKey != null) {
            names.add(ADOBE_IO_HEADER_1 + "/" + ADOBE_IO_HEADER_2);
        }
        if (config.sharedSecret().isPresent()) {
            names.add(SHARED_SECRET_HEADER);
        }
        if (config.basicEnabled()) {
            names.add(AUTHORIZATION_HEADER + " (Basic)");
        }
        return String.join(", ", names);
    }

    private static Map<String, String> normalise(Map<String, String> headers) {
        Map<String, String> out = new HashMap<>();
        if (headers != null) {
            headers.forEach((name, value) -> {
                if (name != null && value != null) {
                    out.putIfAbsent(lower(name), value);
                }
            });
        }
        return out;
    }

    private static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }
}
