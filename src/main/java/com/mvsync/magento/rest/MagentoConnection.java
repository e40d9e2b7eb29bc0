package com.mvsync.magento.rest;

import java.util.Optional;

/**
 * Where and how to reach the Magento REST API: shop URL, store code, auth mode and the credentials of that mode.
 * Values may be missing ({@code null}); {@link MagentoRestClient} says what is. {@link #toString()} shows no
 * credential, so a connection can be logged.
 */
public record MagentoConnection(String baseUrl, String storeCode, MagentoRestConfig.AuthMode authMode,
        String accessToken, String consumerKey, String consumerSecret, String token, String tokenSecret) {

    public MagentoConnection {
        authMode = authMode == null ? MagentoRestConfig.AuthMode.BEARER : authMode;
    }

    /** The connection the configuration ({@code mvsync.magento.*}) describes. */
    public static MagentoConnection from(MagentoRestConfig config) {
        return new MagentoConnection(config.baseUrl().orElse(null), config.storeCode().orElse(null),
                config.authMode(), config.accessToken().orElse(null), config.consumerKey().orElse(null),
                config.consumerSecret().orElse(null), config.token().orElse(null), config.tokenSecret().orElse(null));
    }

    Optional<String> present(String value) {
        return Optional.ofNullable(value).map(String::strip).filter(v -> !v.isEmpty());
    }

    @Override
    public String toString() {
        return "MagentoConnection[" + baseUrl + ", store " + storeCode + ", " + authMode + "]";
    }
}
