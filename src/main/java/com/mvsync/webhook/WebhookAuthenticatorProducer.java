package com.mvsync.webhook;

import com.mvsync.webhook.auth.WebhookAuthConfig;
import com.mvsync.webhook.auth.WebhookAuthenticator;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;

/** Builds the authenticator once per container from configuration; PEM keys are parsed here, not per request. */
@ApplicationScoped
public class WebhookAuthenticatorProducer {

    @Produces
    @Singleton
    WebhookAuthenticator authenticator(WebhookConfig config, Clock clock) {
        return new WebhookAuthenticator(new WebhookAuthConfig(
                config.hmacSecrets().orElse(java.util.List.of()),
                config.adobeCommercePublicKey(),
                config.adobeIoPublicKey(),
                config.sharedSecret(),
                config.basicUser(),
                config.basicPassword(),
                config.signatureTolerance()), clock);
    }
}
