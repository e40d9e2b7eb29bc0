package com.mvsync.cache;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.BiConsumer;
import java.util.function.Supplier;

/** One value kept by the rules of {@link TtlCache} (settings, mapping rows, connection settings). */
public final class CachedValue<V> {

    private static final Object KEY = new Object();

    private final TtlCache<Object, V> cache;

    public CachedValue(Clock clock, Supplier<Duration> ttl) {
        this.cache = new TtlCache<>(clock, ttl);
    }

    /** See {@link TtlCache#get}. */
    public V get(Supplier<? extends V> loader) {
        return cache.get(KEY, k -> loader.get());
    }

    /** See {@link TtlCache#getOrLast}. */
    public V getOrLast(Supplier<? extends V> loader, Class<? extends RuntimeException> failure,
            BiConsumer<? super RuntimeException, Instant> kept) {
        return cache.getOrLast(KEY, k -> loader.get(), failure, kept);
    }

    /** See {@link TtlCache#invalidate}. */
    public void invalidate() {
        cache.invalidate(KEY);
    }
}
