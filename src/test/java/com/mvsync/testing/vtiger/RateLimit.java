package com.mvsync.testing.vtiger;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Vtiger Cloud's per-minute flood control, as help.vtiger.com "Vtiger CRM API Limits" documents it: a number of
 * calls per minute by edition, every answer carrying {@code X-FloodControl-MinuteLimit}, {@code -Remaining} and
 * {@code -Reset} (epoch seconds of the window's end), and HTTP 429 past the limit. Not documented, and so assumed
 * here: windows are fixed (aligned to the epoch), a refused call does not count against the limit, and the 429
 * carries {@code Retry-After} (seconds to the window's end; proxies in front of Vtiger send one) and an HTML body.
 * The daily limit ({@code X-RateLimit-*}) is not modelled. The window may be shortened for quick tests.
 */
final class RateLimit {

    /** What the limiter decided for one call, and the headers its answer carries. */
    record Decision(boolean allowed, Map<String, String> headers) {
    }

    private final int limit;
    private final Duration window;
    private long windowIndex = Long.MIN_VALUE;
    private int used;
    private final AtomicInteger refused = new AtomicInteger();
    /** Epoch milliseconds of every call let through (for the benchmark's sliding-window rate). */
    private final List<Long> allowedAt = new ArrayList<>();

    RateLimit(int limit, Duration window) {
        this.limit = limit;
        this.window = window;
    }

    synchronized Decision admit(Instant now) {
        long index = now.toEpochMilli() / window.toMillis();
        if (index != windowIndex) {
            windowIndex = index;
            used = 0;
        }
        long endMillis = (index + 1) * window.toMillis();
        String reset = Long.toString(Math.floorDiv(endMillis + 999, 1000));
        if (used >= limit) {
            refused.incrementAndGet();
            long retry = Math.max(1, (endMillis - now.toEpochMilli() + 999) / 1000);
            return new Decision(false, Map.of("X-FloodControl-MinuteLimit", Integer.toString(limit),
                    "X-FloodControl-Remaining", "0", "X-FloodControl-Reset", reset,
                    "Retry-After", Long.toString(retry)));
        }
        used++;
        allowedAt.add(now.toEpochMilli());
        return new Decision(true, Map.of("X-FloodControl-MinuteLimit", Integer.toString(limit),
                "X-FloodControl-Remaining", Integer.toString(limit - used), "X-FloodControl-Reset", reset));
    }

    int refused() {
        return refused.get();
    }

    synchronized List<Long> allowedAt() {
        return List.copyOf(allowedAt);
    }
}
