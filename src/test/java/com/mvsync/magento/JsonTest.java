package com.mvsync.magento;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class JsonTest {

    private static JsonNode convert(String text) {
        return Json.numberIfNumeric(TextNode.valueOf(text));
    }

    @Test
    void numericStringsBecomeNumbersOnlyWhenLossless() {
        assertEquals(42, convert("42").intValue());
        assertTrue(convert("42").isInt());
        assertEquals(138.0, convert("138.0000").doubleValue());
        assertEquals(89.0, convert("89.000000").doubleValue());
        assertTrue(convert("0.1").isDouble());
        assertEquals(new BigDecimal("12345678901234567.25"), convert("12345678901234567.25").decimalValue());
        // leading zeros are identifiers, not numbers; too-long integers and words stay text
        assertTrue(convert("000003005").isTextual());
        assertTrue(convert("1234567890123456789012").isTextual());
        assertTrue(convert("US").isTextual());
        assertTrue(convert("1e3").isTextual());
    }

    @Test
    void salesFieldWhitelist() {
        assertTrue(SalesFields.isNumeric("entity_id"));
        assertTrue(SalesFields.isNumeric("base_grand_total"));
        assertTrue(SalesFields.isNumeric("qty_ordered"));
        assertTrue(!SalesFields.isNumeric("increment_id"));
        assertTrue(!SalesFields.isNumeric("sku"));
        assertTrue(!SalesFields.isNumeric("postcode"));
        assertTrue(!SalesFields.isNumeric("cc_last4"));
    }

    @Test
    void sha256Hex() {
        assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
                Payloads.sha256Hex("abc".getBytes(StandardCharsets.US_ASCII)));
    }
}
