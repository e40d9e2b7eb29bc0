package com.mvsync.webhook.auth;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Which webhook authentication schemes are enabled, and their secrets. A scheme is enabled only when its
 * secret/key is configured; blank values count as "not configured" so unset env vars do not enable anything.
 *
 * @param hmacSecrets               shared secrets for {@code X-Mvsync-Signature}; several allow rotation
 * @param adobeCommercePublicKeyPem public key for {@code x-adobe-commerce-webhook-signature}
 * @param adobeIoPublicKeyPem       public key for {@code x-adobe-digital-signature-1/-2}
 * @param sharedSecret              static secret expected in {@code X-Webhook-Secret}
 * @param basicUser                 HTTP Basic user (requires {@code basicPassword})
 * @param basicPassword             HTTP Basic password (requires {@code basicUser})
 * @param signatureTolerance        max clock skew / replay window for HMAC timestamps; null means {@link #DEFAULT_SIGNATURE_TOLERANCE}
 */
public record WebhookAuthConfig(
        List<String> hmacSecrets,
        Optional<String> adobeCommercePublicKeyPem,
        Optional<String> adobeIoPublicKeyPem,
        Optional<String> sharedSecret,
        Optional<String> basicUser,
        Optional<String> basicPassword,
        Duration signatureTolerance) {

    /**
     * The replay window when none is configured, as text because {@code mvsync.webhook.signature-tolerance}
     * ({@code WebhookConfig}) takes it as its {@code @WithDefault}: the one place the default is written.
     */
    public static final String DEFAULT_SIGNATURE_TOLERANCE_TEXT = "PT5M";
    public static final Duration DEFAULT_SIGNATURE_TOLERANCE = Duration.parse(DEFAULT_SIGNATURE_TOLERANCE_TEXT);

    public WebhookAuthConfig {
        hmacSecrets = hmacSecrets == null ? List.of()
                : hmacSecrets.stream().filter(Objects::nonNull).filter(s -> !s.isBlank()).toList();
        adobeCommercePublicKeyPem = nonBlank(adobeCommercePublicKeyPem);
        adobeIoPublicKeyPem = nonBlank(adobeIoPublicKeyPem);
        sharedSecret = nonBlank(sharedSecret);
        basicUser = nonBlank(basicUser);
        basicPassword = nonBlank(basicPassword);
        signatureTolerance = signatureTolerance == null ? DEFAULT_SIGNATURE_TOLERANCE : signatureTolerance;

        if (basicUser.isPresent() != basicPassword.isPresent()) {
            throw new IllegalArgumentException("basicUser and basicPassword must be configured together");
        }
        if (basicUser.isPresent() && basicUser.get().contains(":")) {
            throw new IllegalArgumentException("basicUser must not contain ':' (RFC 7617)");
        }
        if (signatureTolerance.isNegative() || signatureTolerance.isZero()) {
            throw new IllegalArgumentException("signatureTolerance must be positive");
        }
        // Fail at startup, not on the first webhook, if a key is broken.
        adobeCommercePublicKeyPem.ifPresent(pem -> PublicKeyPem.parse("adobeCommercePublicKeyPem", pem));
        adobeIoPublicKeyPem.ifPresent(pem -> PublicKeyPem.parse("adobeIoPublicKeyPem", pem));
    }

    /** Nothing configured: an authenticator built from this refuses every request. */
    public static WebhookAuthConfig none() {
        return new WebhookAuthConfig(List.of(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), DEFAULT_SIGNATURE_TOLERANCE);
    }

    boolean hmacEnabled() {
        return !hmacSecrets.isEmpty();
    }

    boolean basicEnabled() {
        return basicUser.isPresent(); // password presence is enforced by the constructor
    }

    boolean anyEnabled() {
        return hmacEnabled() || adobeCommercePublicKeyPem.isPresent() || adobeIoPublicKeyPem.isPresent()
                || sharedSecret.isPresent() || basicEnabled();
    }

    /** Redacted: shows which schemes are configured, never the secrets or keys. */
    @Override
    public String toString() {
        return "WebhookAuthConfig[hmacSecrets=" + hmacSecrets.size() + " configured"
                + ", adobeCommercePublicKeyPem=" + state(adobeCommercePublicKeyPem)
                + ", adobeIoPublicKeyPem=" + state(adobeIoPublicKeyPem)
                + ", sharedSecret=" + state(sharedSecret)
                + ", basicUser=" + state(basicUser)
                + ", basicPassword=" + state(basicPassword)
                + ", signatureTolerance=" + signatureTolerance + "]";
    }

    private static String state(Optional<String> value) {
        return value.isPresent() ? "<redacted>" : "<unset>";
    }

    @SuppressWarnings("OptionalAssignedToNull")
    private static Optional<String> nonBlank(Optional<String> value) {
        return value == null ? Optional.empty() : value.filter(s -> !s.isBlank());
    }
}
