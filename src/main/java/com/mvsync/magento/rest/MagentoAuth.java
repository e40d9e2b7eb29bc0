package com.mvsync.magento.rest;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Produces the {@code Authorization} header for one request, per the configured mode. */
interface MagentoAuth {

    String header(String httpMethod, URI uri);

    /**
     * The authenticator the configuration asks for, or a reason (naming keys, never values) why it is incomplete.
     */
    static Result from(MagentoRestConfig config) {
        return from(MagentoConnection.from(config), config.signatureMethod());
    }

    static Result from(MagentoConnection config, OAuth1Signer.SignatureMethod signatureMethod) {
        if (config.authMode() == MagentoRestConfig.AuthMode.BEARER) {
            Optional<String> token = config.present(config.accessToken());
            if (token.isEmpty()) {
                return Result.missing("mvsync.magento.access-token is not set (auth-mode bearer)");
            }
            String header = "Bearer " + token.get().strip();
            return new Result((method, uri) -> header, null);
        }
        List<String> missing = new ArrayList<>();
        String consumerKey = required(config.consumerKey(), "consumer-key", missing);
        String consumerSecret = required(config.consumerSecret(), "consumer-secret", missing);
        String token = required(config.token(), "token", missing);
        String tokenSecret = required(config.tokenSecret(), "token-secret", missing);
        if (!missing.isEmpty()) {
            return Result.missing("mvsync.magento." + String.join(", mvsync.magento.", missing)
                    + " not set (auth-mode oauth1)");
        }
        OAuth1Signer signer = new OAuth1Signer(
                new OAuth1Signer.Credentials(consumerKey, consumerSecret, token, tokenSecret),
                signatureMethod);
        return new Result(signer::authorizationHeader, null);
    }

    private static String required(String value, String key, List<String> missing) {
        Optional<String> present = Optional.ofNullable(value).map(String::strip).filter(v -> !v.isEmpty());
        if (present.isEmpty()) {
            missing.add(key);
        }
        return present.orElse(null);
    }

    record Result(MagentoAuth auth, String problem) {
        static Result missing(String problem) {
            return new Result(null, problem);
        }
    }
}
