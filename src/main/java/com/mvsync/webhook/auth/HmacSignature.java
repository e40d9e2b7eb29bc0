package com.mvsync.webhook.auth;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Stripe-style HMAC signature header: {@code X-Mvsync-Signature: t=<unix seconds>,v1=<hex>}, where
 * {@code <hex>} is the lowercase hex HMAC-SHA256 of {@code "<t>.<raw body bytes>"}. Several {@code v1=}
 * entries may be present (one per secret during rotation); unknown keys are ignored.
 */
public final class HmacSignature {

    public static final String HEADER = "X-Mvsync-Signature";

    private static final HexFormat HEX = HexFormat.of();
    private static final int SHA256_BYTES = 32;
    private static final int MAX_TIMESTAMP_DIGITS = 12;

    private HmacSignature() {
    }

    /** Builds a valid header value for {@code body} signed with {@code secret} at {@code epochSeconds}. */
    public static String header(String secret, long epochSeconds, byte[] body) {
        Objects.requireNonNull(secret, "secret");
        Objects.requireNonNull(body, "body");
        if (epochSeconds < 0) {
            throw new IllegalArgumentException("epochSeconds must not be negative");
        }
        String t = Long.toString(epochSeconds);
        return "t=" + t + ",v1=" + HEX.formatHex(compute(secret, t, body));
    }

    /** HMAC-SHA256 of {@code "<t>.<body>"}; {@code t} is used exactly as it appeared in the header. */
    static byte[] compute(String secret, String t, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256"); // Mac is stateful, so one per call keeps this thread-safe
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update(t.getBytes(StandardCharsets.US_ASCII));
            mac.update((byte) '.');
            return mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available in this JVM", e);
        }
    }

    /** A parsed header: the timestamp as sent, its value, and the decoded v1 signatures. */
    record Parsed(String timestampText, long epochSeconds, List<byte[]> signatures) {
    }

    /** Parses a header value; empty when malformed (no/duplicate/non-numeric t, no well-formed v1). */
    static Optional<Parsed> parse(String header) {
        String t = null;
        List<byte[]> signatures = new ArrayList<>();
        for (String part : header.split(",")) {
            int eq = part.indexOf('=');
            if (eq < 0) {
                continue;
            }
            String key = part.substring(0, eq).trim();
            String value = part.substring(eq + 1).trim();
            if (key.equals("t")) {
                if (t != null) {
                    return Optional.empty(); // ambiguous timestamp
                }
                t = value;
            } else if (key.equals("v1") && value.length() == SHA256_BYTES * 2) {
                try {
                    signatures.add(HEX.parseHex(value));
                } catch (IllegalArgumentException ignored) {
                    // not hex: skip this entry, others may still be valid
                }
            }
        }
        if (t == null || t.isEmpty() || t.length() > MAX_TIMESTAMP_DIGITS || !t.chars().allMatch(HmacSignature::isDigit)
                || signatures.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Parsed(t, Long.parseLong(t), List.copyOf(signatures)));
    }

    private static boolean isDigit(int c) {
        return c >= '0' && c <= '9';
    }
}
