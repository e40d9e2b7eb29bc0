package com.mvsync.magento;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Small helpers on raw webhook bodies. */
public final class Payloads {

    private Payloads() {
    }

    /** SHA-256 of the raw body as lower-case hex; a stable dedup key for senders without an event id (Mageplaza). */
    public static String sha256Hex(byte[] body) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest(body == null ? new byte[0] : body));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is mandatory in every JRE", e);
        }
    }
}
