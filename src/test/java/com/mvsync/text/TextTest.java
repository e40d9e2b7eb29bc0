package com.mvsync.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class TextTest {

    @Test
    void keepsSixtyCharactersAndCutsLongerOnesToSixtyWithDots() {
        String sixty = "x".repeat(60);
        assertEquals(sixty, Text.abbreviate(sixty));
        assertEquals("y".repeat(57) + "...", Text.abbreviate("y".repeat(61)));
        assertEquals("", Text.abbreviate(""));
    }
}
