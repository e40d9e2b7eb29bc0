package com.mvsync.budget;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.UnaryOperator;

/**
 * What an answer's headers say about Vtiger's own count. Vtiger Cloud documents (help.vtiger.com "Vtiger CRM API
 * Limits") {@code X-FloodControl-MinuteLimit}, {@code -Remaining}, {@code -Reset} for the minute and
 * {@code X-RateLimit-DailyLimit}, {@code -Remaining} (and, by the common convention, {@code -Reset}) for the rolling
 * day, and HTTP 429 past a limit. It documents no {@code Retry-After}; proxies send one (seconds or an HTTP date),
 * so it is honoured first when present. Resets are read as epoch seconds (epoch milliseconds when that large,
 * seconds from now when small: the documented example, 15349121212, fits none well).
 */
record RateLimitHeaders(OptionalInt minuteRemaining, Optional<Instant> minuteReset, OptionalInt dayRemaining,
        Optional<Instant> dayReset, Optional<Instant> retryAfter) {

    static RateLimitHeaders of(UnaryOperator<String> header, Instant now) {
        return new RateLimitHeaders(integer(header.apply("X-FloodControl-Remaining")),
                instant(header.apply("X-FloodControl-Reset"), now),
                integer(header.apply("X-RateLimit-Remaining")), instant(header.apply("X-RateLimit-Reset"), now),
                retryAfter(header.apply("Retry-After"), now));
    }

    /** When a 429 lets calls resume: Retry-After, else the reset of the window Vtiger says is spent, else empty. */
    Optional<Instant> resumeAt() {
        if (retryAfter.isPresent()) {
            return retryAfter;
        }
        if (dayRemaining.isPresent() && dayRemaining.getAsInt() <= 0 && dayReset.isPresent()) {
            return dayReset;
        }
        if (minuteReset.isPresent()) {
            return minuteReset;
        }
        return Optional.empty();
    }

    private static OptionalInt integer(String value) {
        if (value == null || value.isBlank()) {
            return OptionalInt.empty();
        }
        try {
            return OptionalInt.of(Integer.parseInt(value.trim()));
        } catch (NumberFormatException e) {
            return OptionalInt.empty();
        }
    }

    /** A reset time; values in the past or more than two days ahead are not trusted. */
    private static Optional<Instant> instant(String value, Instant now) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        long v;
        try {
            v = Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        Instant at = v >= 100_000_000_000L ? Instant.ofEpochMilli(v)
                : v >= 1_000_000_000L ? Instant.ofEpochSecond(v) : now.plusSeconds(v);
        return plausible(at, now);
    }

    private static Optional<Instant> retryAfter(String value, Instant now) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        String v = value.trim();
        try {
            return plausible(now.plusSeconds(Long.parseLong(v)), now);
        } catch (NumberFormatException e) {
            try {
                return plausible(ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant(), now);
            } catch (DateTimeParseException e2) {
                return Optional.empty();
            }
        }
    }

    private static Optional<Instant> plausible(Instant at, Instant now) {
        return at.isBefore(now) || at.isAfter(now.plus(Duration.ofDays(2))) ? Optional.empty() : Optional.of(at);
    }
}
