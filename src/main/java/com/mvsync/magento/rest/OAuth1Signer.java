package com.mvsync.magento.rest;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * OAuth 1.0a (RFC 5849) request signing, as Magento expects it from an integration: consumer key/secret plus access
 * token/secret, HMAC-SHA256 (Magento 2.4.4+) or HMAC-SHA1. Thread-safe; nonce and clock are injectable for tests.
 */
public final class OAuth1Signer {

    public enum SignatureMethod {
        HMAC_SHA1("HMAC-SHA1", "HmacSHA1"), HMAC_SHA256("HMAC-SHA256", "HmacSHA256");

        private final String oauthName;
        private final String jcaName;

        SignatureMethod(String oauthName, String jcaName) {
            this.oauthName = oauthName;
            this.jcaName = jcaName;
        }

        /** The value of {@code oauth_signature_method}. */
        public String oauthName() {
            return oauthName;
        }
    }

    /** The four integration credentials; {@link #toString()} never shows a secret. */
    public record Credentials(String consumerKey, String consumerSecret, String token, String tokenSecret) {
        public Credentials {
            Objects.requireNonNull(consumerKey, "consumerKey");
            Objects.requireNonNull(consumerSecret, "consumerSecret");
        }

        @Override
        public String toString() {
            return "Credentials[consumerKey=" + consumerKey + ", token=" + (token == null ? "none" : "set") + "]";
        }
    }

    /** One name/value pair, unencoded. */
    public record Param(String name, String value) {
    }

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Credentials credentials;
    private final SignatureMethod method;
    private final Supplier<String> nonces;
    private final LongSupplier epochSeconds;

    public OAuth1Signer(Credentials credentials, SignatureMethod method) {
        this(credentials, method, OAuth1Signer::randomNonce, () -> Clock.systemUTC().millis() / 1000);
    }

    public OAuth1Signer(Credentials credentials, SignatureMethod method, Supplier<String> nonces,
            LongSupplier epochSeconds) {
        this.credentials = Objects.requireNonNull(credentials, "credentials");
        this.method = Objects.requireNonNull(method, "method");
        this.nonces = nonces;
        this.epochSeconds = epochSeconds;
    }

    /** The {@code Authorization} header for a request without a form body (all Magento reads). */
    public String authorizationHeader(String httpMethod, URI uri) {
        return authorizationHeader(httpMethod, uri, List.of());
    }

    /**
     * The {@code Authorization} header. {@code formParams} are the decoded parameters of an
     * {@code application/x-www-form-urlencoded} body, which RFC 5849 signs too; JSON bodies are not signed.
     */
    public String authorizationHeader(String httpMethod, URI uri, List<Param> formParams) {
        List<Param> oauth = new ArrayList<>();
        oauth.add(new Param("oauth_consumer_key", credentials.consumerKey()));
        oauth.add(new Param("oauth_nonce", nonces.get()));
        oauth.add(new Param("oauth_signature_method", method.oauthName()));
        oauth.add(new Param("oauth_timestamp", Long.toString(epochSeconds.getAsLong())));
        if (credentials.token() != null) {
            oauth.add(new Param("oauth_token", credentials.token()));
        }
        oauth.add(new Param("oauth_version", "1.0"));

        List<Param> all = new ArrayList<>(queryParams(uri.getRawQuery()));
        all.addAll(formParams);
        all.addAll(oauth);
        String signature = sign(method, signatureBaseString(httpMethod, uri, all), credentials.consumerSecret(),
                credentials.tokenSecret());

        StringBuilder header = new StringBuilder("OAuth realm=\"\"");
        oauth.add(new Param("oauth_signature", signature));
        for (Param p : oauth) {
            header.append(", ").append(percentEncode(p.name())).append("=\"").append(percentEncode(p.value()))
                    .append('"');
        }
        return header.toString();
    }

    // ---- RFC 5849 building blocks, public so a verifier (or a test) can reuse them ---------------------------

    /** RFC 5849 3.4.1: method, base string URI and normalised parameters, each encoded, joined by '&'. */
    public static String signatureBaseString(String httpMethod, URI uri, List<Param> params) {
        return httpMethod.toUpperCase(Locale.ROOT) + "&" + percentEncode(baseStringUri(uri)) + "&"
                + percentEncode(normaliseParameters(params));
    }

    /** RFC 5849 3.4.1.2: lower-case scheme and host, default port dropped, no query or fragment. */
    public static String baseStringUri(URI uri) {
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        String host = uri.getHost().toLowerCase(Locale.ROOT);
        int port = uri.getPort();
        boolean defaultPort = port == -1 || (scheme.equals("http") && port == 80)
                || (scheme.equals("https") && port == 443);
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        return scheme + "://" + host + (defaultPort ? "" : ":" + port) + path;
    }

    /**
     * RFC 5849 3.4.1.3.2: encode every name and value, sort by encoded name then encoded value (byte order), join as
     * {@code name=value} with '&'. {@code oauth_signature} and {@code realm} are never part of it.
     */
    public static String normaliseParameters(List<Param> params) {
        Comparator<String[]> order = Comparator.<String[], String>comparing(p -> p[0]).thenComparing(p -> p[1]);
        return params.stream()
                .filter(p -> !p.name().equals("oauth_signature") && !p.name().equals("realm"))
                .map(p -> new String[] { percentEncode(p.name()), percentEncode(p.value()) })
                .sorted(order)
                .map(p -> p[0] + "=" + p[1])
                .reduce((a, b) -> a + "&" + b).orElse("");
    }

    /** The query component decoded as form data (RFC 5849 3.4.1.3.1): '+' is a space, "a" alone is "a=". */
    public static List<Param> queryParams(String rawQuery) {
        List<Param> out = new ArrayList<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return out;
        }
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = eq < 0 ? pair : pair.substring(0, eq);
            String value = eq < 0 ? "" : pair.substring(eq + 1);
            out.add(new Param(URLDecoder.decode(name, StandardCharsets.UTF_8),
                    URLDecoder.decode(value, StandardCharsets.UTF_8)));
        }
        return out;
    }

    /** RFC 5849 3.6 / RFC 3986: UTF-8 bytes, everything but ALPHA, DIGIT, '-', '.', '_', '~' as upper-case %XX. */
    public static String percentEncode(String value) {
        if (value == null) {
            return "";
        }
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        StringBuilder out = new StringBuilder(bytes.length + 8);
        for (byte b : bytes) {
            int c = b & 0xff;
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.'
                    || c == '_' || c == '~') {
                out.append((char) c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return out.toString();
    }

    /** RFC 5849 3.4.2: key = encode(consumer secret) & encode(token secret); base64 of the HMAC. */
    public static String sign(SignatureMethod method, String baseString, String consumerSecret, String tokenSecret) {
        String key = percentEncode(consumerSecret) + "&" + percentEncode(tokenSecret == null ? "" : tokenSecret);
        try {
            Mac mac = Mac.getInstance(method.jcaName);
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), method.jcaName));
            return Base64.getEncoder().encodeToString(mac.doFinal(baseString.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(method.jcaName + " is not available", e);
        }
    }

    private static String randomNonce() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
