package com.mvsync.testing.magento;

import com.mvsync.magento.rest.MagentoRestConfig;
import com.mvsync.magento.rest.MagentoRestConfig.AuthMode;
import com.mvsync.magento.rest.OAuth1Signer.SignatureMethod;
import java.time.Duration;
import java.util.Optional;

/** {@link MagentoRestConfig} for plain (non-Quarkus) tests, with either auth style. */
public record MagentoConfigs(Optional<String> baseUrl, Optional<String> storeCode, Optional<String> accessToken,
        AuthMode authMode, Optional<String> consumerKey, Optional<String> consumerSecret, Optional<String> token,
        Optional<String> tokenSecret, SignatureMethod signatureMethod, Duration connectTimeout,
        Duration readTimeout, int pageSize) implements MagentoRestConfig {

    @Override
    public Optional<String> adminUrl() {
        return Optional.empty(); // the console's link only
    }

    @Override
    public Duration attributeTtl() {
        return Duration.ofMinutes(15);
    }

    public static MagentoConfigs bearer(String baseUrl, String accessToken) {
        return new MagentoConfigs(Optional.of(baseUrl), Optional.empty(), Optional.of(accessToken), AuthMode.BEARER,
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), SignatureMethod.HMAC_SHA256,
                Duration.ofSeconds(2), Duration.ofSeconds(5), 100);
    }

    public static MagentoConfigs oauth(String baseUrl, String consumerKey, String consumerSecret, String token,
            String tokenSecret) {
        return new MagentoConfigs(Optional.of(baseUrl), Optional.of("default"), Optional.empty(), AuthMode.OAUTH1,
                Optional.of(consumerKey), Optional.of(consumerSecret), Optional.of(token), Optional.of(tokenSecret),
                SignatureMethod.HMAC_SHA256, Duration.ofSeconds(2), Duration.ofSeconds(5), 100);
    }
}
