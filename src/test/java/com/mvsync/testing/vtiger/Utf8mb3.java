package com.mvsync.testing.vtiger;

/** MySQL's utf8mb3 character set and varchar length, counted in characters (Unicode code points). */
final class Utf8mb3 {
    private Utf8mb3() {
    }

    /**
     * Each character above U+FFFF (4 bytes in UTF-8: emoji, CJK Extension B) becomes "????", one '?' per byte, the
     * way MySQL converts what utf8mb3 cannot hold; 3-byte characters (accents, CJK, em dash) stay.
     */
    static String replaceFourByte(String s) {
        if (s == null || s.codePoints().noneMatch(Character::isSupplementaryCodePoint)) {
            return s;
        }
        StringBuilder out = new StringBuilder(s.length() + 8);
        s.codePoints().forEach(cp -> {
            if (Character.isSupplementaryCodePoint(cp)) {
                out.append("????");
            } else {
                out.appendCodePoint(cp);
            }
        });
        return out.toString();
    }

    /** The first {@code maxChars} code points, never splitting a surrogate pair. */
    static String cut(String s, int maxChars) {
        if (s == null || s.codePointCount(0, s.length()) <= maxChars) {
            return s;
        }
        return s.substring(0, s.offsetByCodePoints(0, maxChars));
    }
}
