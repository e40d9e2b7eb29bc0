package com.mvsync.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.mvsync.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class TtlCacheTest {

    private final MutableClock clock = MutableClock.atTestStart();
    private final AtomicInteger reads = new AtomicInteger();
    private final TtlCache<String, String> cache = new TtlCache<>(clock, () -> Duration.ofSeconds(10));

    private String read(String key) {
        return key + "#" + reads.incrementAndGet();
    }

    @Test
    void reusesAValueForTheTtlPerKeyAndReadsAgainAfterIt() {
        assertEquals("a#1", cache.get("a", this::read));
        assertEquals("b#2", cache.get("b", this::read));
        clock.advance(Duration.ofMillis(9_999));
        assertEquals("a#1", cache.get("a", this::read));
        clock.advance(Duration.ofMillis(1));
        assertEquals("a#3", cache.get("a", this::read));
    }

    @Test
    void zeroTtlReadsEveryTimeAndTheTtlIsAskedOnEveryCall() {
        Duration[] ttl = {Duration.ZERO};
        TtlCache<String, String> configured = new TtlCache<>(clock, () -> ttl[0]);
        assertEquals("a#1", configured.get("a", this::read));
        assertEquals("a#2", configured.get("a", this::read));
        ttl[0] = Duration.ofMinutes(1);
        assertEquals("a#2", configured.get("a", this::read));
    }

    @Test
    void invalidateAndClearMakeTheNextCallRead() {
        cache.get("a", this::read);
        cache.invalidate("a");
        assertEquals("a#2", cache.get("a", this::read));
        cache.clear();
        assertEquals("a#3", cache.get("a", this::read));
    }

    @Test
    void aReadThatOverlappedAnInvalidationIsReturnedButNotReused() {
        assertEquals("a#1", cache.get("a", key -> {
            cache.invalidate(key); // a write lands while the read is on its way
            return read(key);
        }));
        assertEquals("a#2", cache.get("a", this::read));
        assertEquals("a#2", cache.get("a", this::read));
    }

    @Test
    void getLetsAFailureThroughAndCachesNothing() {
        assertThrows(IllegalStateException.class, () -> cache.get("a", key -> {
            throw new IllegalStateException("down");
        }));
        assertEquals("a#1", cache.get("a", this::read));
    }

    @Test
    void getOrLastKeepsTheValueReadLastForAnotherTtlWhenTheSourceFails() {
        List<Instant> kept = new ArrayList<>();
        Instant firstRead = clock.instant();
        cache.get("a", this::read);
        cache.invalidate("a");
        clock.advance(Duration.ofSeconds(1));
        assertEquals("a#1", cache.getOrLast("a", key -> {
            throw new IllegalStateException("down");
        }, IllegalStateException.class, (e, readAt) -> kept.add(readAt)));
        assertEquals(List.of(firstRead), kept);
        clock.advance(Duration.ofSeconds(9));
        assertEquals("a#1", cache.get("a", this::read), "kept for a TTL from the failed read");
        clock.advance(Duration.ofSeconds(1));
        assertEquals("a#2", cache.get("a", this::read));
    }

    @Test
    void getOrLastThrowsWithoutAnEarlierValueOrForAnotherFailure() {
        assertThrows(IllegalStateException.class, () -> cache.getOrLast("a", key -> {
            throw new IllegalStateException("down");
        }, IllegalStateException.class, (e, readAt) -> { }));
        cache.get("a", this::read);
        cache.invalidate("a");
        assertThrows(IllegalArgumentException.class, () -> cache.getOrLast("a", key -> {
            throw new IllegalArgumentException("bad");
        }, IllegalStateException.class, (e, readAt) -> { }));
    }

    @Test
    void clearForgetsTheFallbackToo() {
        cache.get("a", this::read);
        cache.clear();
        assertThrows(IllegalStateException.class, () -> cache.getOrLast("a", key -> {
            throw new IllegalStateException("down");
        }, IllegalStateException.class, (e, readAt) -> { }));
    }

    @Test
    void cachedValueIsOneKeyOfTheSameRules() {
        CachedValue<String> value = new CachedValue<>(clock, () -> Duration.ofSeconds(10));
        String first = value.get(() -> read("v"));
        assertSame(first, value.get(() -> read("v")));
        value.invalidate();
        assertEquals("v#2", value.get(() -> read("v")));
    }
}
