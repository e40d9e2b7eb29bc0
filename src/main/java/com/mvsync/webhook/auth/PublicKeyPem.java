package com.mvsync.webhook.auth;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.regex.Pattern;

/** Parses an RSA public key in PEM "PUBLIC KEY" (X.509 SubjectPublicKeyInfo) form. */
final class PublicKeyPem {

    private static final String BEGIN = "-----BEGIN PUBLIC KEY-----";
    private static final String END = "-----END PUBLIC KEY-----";
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");

    private PublicKeyPem() {
    }

    /**
     * @param what names the setting in error messages (e.g. "adobeCommercePublicKeyPem")
     * @throws IllegalArgumentException if the PEM does not parse; the message never contains key material
     *                                  and the low-level cause is deliberately not chained for the same reason
     */
    static RSAPublicKey parse(String what, String pem) {
        // Keys stored in env vars / SSM often arrive with literal "\n" instead of line breaks.
        String text = pem.replace("\\n", "\n").replace("\\r", "").trim();
        if (text.contains("BEGIN RSA PUBLIC KEY")) {
            throw invalid(what, "PKCS#1 'RSA PUBLIC KEY' is not supported; use the X.509 '" + BEGIN + "' form");
        }
        int begin = text.indexOf(BEGIN);
        int end = text.indexOf(END);
        if (begin < 0 || end < begin) {
            throw invalid(what, "expected a PEM block between '" + BEGIN + "' and '" + END + "'");
        }
        String base64 = WHITESPACE.matcher(text.substring(begin + BEGIN.length(), end)).replaceAll("");
        byte[] der;
        try {
            der = Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw invalid(what, "the PEM body is not valid base64");
        }
        try {
            return (RSAPublicKey) KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(der));
        } catch (GeneralSecurityException | ClassCastException e) {
            throw invalid(what, "the PEM body is not an RSA X.509 SubjectPublicKeyInfo key");
        }
    }

    private static IllegalArgumentException invalid(String what, String why) {
        return new IllegalArgumentException(what + " is not a valid RSA public key PEM: " + why);
    }
}
