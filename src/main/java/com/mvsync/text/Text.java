package com.mvsync.text;

/**
 * Text helpers for messages that echo what a caller sent. A leaf package, so every layer that writes such a message
 * (admin, settings, mapping, connection) may use it.
 */
public final class Text {

    /** The longest echo of a caller's value in a message; longer values are cut so a message stays one line. */
    static final int MAX_ECHO = 60;

    private Text() {
    }

    /** {@code text} itself up to 60 characters, else its first 57 and "...". */
    public static String abbreviate(String text) {
        return text.length() <= MAX_ECHO ? text : text.substring(0, MAX_ECHO - 3) + "...";
    }

    /** "a, b and c" (a list in a message). */
    public static String joinAnd(java.util.List<String> items) {
        if (items.size() <= 1) {
            return String.join("", items);
        }
        return String.join(", ", items.subList(0, items.size() - 1)) + " and " + items.get(items.size() - 1);
    }
}
