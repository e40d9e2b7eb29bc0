package com.mvsync.webhook.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class HmacSignatureTest {

    @Test
    void headerMatchesIndependentlyComputedVector() {
        // printf '%s' '1700000000.{"event":"customer_save_after"}' | openssl dgst -sha256 -hmac whsec_test
        byte[] body = "{\"event\":\"customer_save_after\"}".getBytes(StandardCharsets.UTF_8);
        assertEquals("t=1700000000,v1=4594675c7aca3fc135826e6f1a3cc5f8da5d8ed8346122891bdbda74813713c0",
                HmacSignature.header("whsec_test", 1_700_000_000L, body));
    }

    @Test
    void parseAcceptsSeveralV1AndIgnoresUnknownKeys() {
        String a = HmacSignature.header("a", 5, new byte[0]);
        String v1b = HmacSignature.header("b", 5, new byte[0]).substring("t=5,".length());
        var parsed = HmacSignature.parse(a + ", " + v1b + ",v0=whatever,x").orElseThrow();
        assertEquals("5", parsed.timestampText());
        assertEquals(2, parsed.signatures().size());
    }

    @Test
    void parseRejectsMalformedHeaders() {
        String sig = "v1=" + "ab".repeat(32);
        for (String bad : new String[] {"", "garbage", "t=123", sig, "t=abc," + sig, "t=-5," + sig, "t=," + sig,
                "t=1,t=2," + sig, "t=1,v1=zz", "t=1,v1=abcd", "t=9999999999999," + sig}) {
            assertTrue(HmacSignature.parse(bad).isEmpty(), bad);
        }
    }

    @Test
    void headerRejectsNegativeTimestamp() {
        assertThrows(IllegalArgumentException.class, () -> HmacSignature.header("s", -1, new byte[0]));
    }
}
