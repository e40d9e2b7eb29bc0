package com.mvsync.webhook;

import com.mvsync.webhook.auth.WebhookAuthConfig;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** How webhook senders authenticate; each scheme is on only when its secret or key is set. */
@ConfigMapping(prefix = "mvsync.webhook")
public interface WebhookConfig {

    /** Secrets for {@code X-Mvsync-Signature}; more than one while a secret is being rotated. */
    Optional<List<String>> hmacSecrets();

    /** PEM public key that verifies {@code x-adobe-commerce-webhook-signature}. */
    Optional<String> adobeCommercePublicKey();

    /** PEM public key that verifies {@code x-adobe-digital-signature-1/2} (Adobe I/O Events). */
    Optional<String> adobeIoPublicKey();

    /** Static secret in {@code X-Webhook-Secret}, for senders that cannot sign (Mageplaza). */
    Optional<String> sharedSecret();

    Optional<String> basicUser();

    Optional<String> basicPassword();

    /** How old a signed timestamp may be before the request is taken for a replay. */
    @WithDefault(WebhookAuthConfig.DEFAULT_SIGNATURE_TOLERANCE_TEXT)
    Duration signatureTolerance();

    /** Larger bodies are refused before parsing; Magento entities are a few kilobytes. */
    @WithDefault("1048576")
    int maxBodyBytes();
}
