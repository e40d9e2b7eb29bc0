package com.mvsync.http;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** Timing-safe comparisons for secrets: webhook signatures and shared secrets, the local admin token. */
public final class ConstantTime {

    private ConstantTime() {
    }

    /** Constant-time comparison of two equal-purpose byte arrays (e.g. two HMAC digests). */
    public static boolean equals(byte[] a, byte[] b) {
        return MessageDigest.isEqual(a, b);
    }

    /**
     * Compares a presented secret with the configured one. Both are hashed first because
     * {@link MessageDigest#isEqual} returns early on a length mismatch, which would leak the secret's length.
     */
    public static boolean secretEquals(String presented, String expected) {
        return MessageDigest.isEqual(sha256(presented), sha256(expected));
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available in this JVM", e);
        }
    }
}
