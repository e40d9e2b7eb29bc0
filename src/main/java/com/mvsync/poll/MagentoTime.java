package com.mvsync.poll;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/**
 * Magento's {@code updated_at}: {@code yyyy-MM-dd HH:mm:ss} in UTC (the REST API answers the database's UTC value, and
 * compares a filter's value with it as text of that form). Fixed width, so such times also compare as strings.
 */
final class MagentoTime {

    private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT);

    private MagentoTime() {
    }

    static String format(Instant at) {
        return FORMAT.format(LocalDateTime.ofInstant(at, ZoneOffset.UTC));
    }

    /** Also accepts the ISO-8601 form some senders write ({@code 2024-05-14T09:12:33Z}); empty for anything else. */
    static java.util.Optional<Instant> parse(String text) {
        if (text == null || text.isBlank()) {
            return java.util.Optional.empty();
        }
        String t = text.strip().replace('T', ' ');
        t = t.endsWith("Z") ? t.substring(0, t.length() - 1) : t;
        if (t.length() > 19) {
            t = t.substring(0, 19); // fractions, which Magento does not write
        }
        try {
            return java.util.Optional.of(LocalDateTime.parse(t, FORMAT).toInstant(ZoneOffset.UTC));
        } catch (DateTimeParseException e) {
            return java.util.Optional.empty();
        }
    }

    /** The time {@code by} before {@code time} (a Magento time), as a Magento time. */
    static String minus(String time, Duration by) {
        return parse(time).map(t -> format(t.minus(by))).orElse(time);
    }

    /** The later of two Magento times (either may be null). */
    static String max(String a, String b) {
        if (a == null) {
            return b;
        }
        if (b == null) {
            return a;
        }
        return normal(a).compareTo(normal(b)) >= 0 ? a : b;
    }

    /** As written by Magento, so times of either form compare as text. */
    static String normal(String time) {
        return parse(time).map(MagentoTime::format).orElse(time);
    }
}
