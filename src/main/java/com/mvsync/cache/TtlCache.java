package com.mvsync.cache;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Values read from a slow source (DynamoDB, SSM, Vtiger) and reused for a TTL: the mapping, the settings, the
 * connection settings and Vtiger's describe all cache through this class. The rules every user relies on:
 * <ul>
 * <li>a value is reused while {@code now < readAt + ttl}; the TTL is asked on every call (it is configuration), and
 * zero reads every time;</li>
 * <li>{@link #invalidate} (after a write through the caller) makes the next call read again, and a read that overlapped
 * an invalidation is not trusted for the TTL: it may predate the write;</li>
 * <li>one read at a time per key: callers that miss together wait for one read rather than all reading;</li>
 * <li>{@link #getOrLast} keeps the value read last when a read fails (an outage of the source need not fail every
 * call); {@link #get} lets the failure through.</li>
 * </ul>
 * Not quarkus-cache: its {@code @CacheResult} has no "a read that raced with a write is not cached" nor "keep the last
 * value when the source fails", its TTL is fixed at build configuration rather than asked per call, and the Vtiger
 * client made for a connection check is no CDI bean its interceptors could reach.
 */
public final class TtlCache<K, V> {

    private final Clock clock;
    private final Supplier<Duration> ttl;
    private final Map<K, Entry<V>> entries = new ConcurrentHashMap<>();
    private final Map<K, Object> loadLocks = new ConcurrentHashMap<>();
    /** Bumped by every invalidation, so a read that overlapped one is not trusted. */
    private final AtomicLong invalidations = new AtomicLong();

    /** A value and when it was read; {@code trusted} false once invalidated (then kept only for {@link #getOrLast}). */
    private record Entry<V>(V value, Instant readAt, boolean trusted) {
    }

    public TtlCache(Clock clock, Supplier<Duration> ttl) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.ttl = Objects.requireNonNull(ttl, "ttl");
    }

    /** The cached value of {@code key}, or what {@code loader} reads now; a failure of the loader is thrown. */
    public V get(K key, Function<? super K, ? extends V> loader) {
        return getOrLast(key, loader, null, null);
    }

    /**
     * Like {@link #get}, but when {@code loader} fails with a {@code failure} and a value was read before, that value
     * is kept (for another TTL) and {@code kept} is told the failure and when the kept value was read. Without an
     * earlier value the failure is thrown.
     */
    public V getOrLast(K key, Function<? super K, ? extends V> loader, Class<? extends RuntimeException> failure,
            BiConsumer<? super RuntimeException, Instant> kept) {
        Entry<V> hit = fresh(key);
        if (hit != null) {
            return hit.value();
        }
        synchronized (loadLocks.computeIfAbsent(key, k -> new Object())) {
            Instant now = clock.instant();
            Entry<V> last = entries.get(key);
            if (last != null && isFresh(last, now)) {
                return last.value();
            }
            long before = invalidations.get();
            V value;
            try {
                value = loader.apply(key);
            } catch (RuntimeException e) {
                if (failure == null || !failure.isInstance(e) || last == null) {
                    throw e;
                }
                kept.accept(e, last.readAt());
                entries.put(key, new Entry<>(last.value(), now, true));
                return last.value();
            }
            entries.put(key, new Entry<>(value, now, invalidations.get() == before));
            return value;
        }
    }

    /** The next call reads again; the value stays only as the fallback of {@link #getOrLast}. */
    public void invalidate(K key) {
        invalidations.incrementAndGet();
        entries.computeIfPresent(key, (k, e) -> new Entry<>(e.value(), e.readAt(), false));
    }

    /** Forgets every value, fallbacks included (e.g. when the source itself changed). */
    public void clear() {
        invalidations.incrementAndGet();
        entries.clear();
    }

    private Entry<V> fresh(K key) {
        Entry<V> e = entries.get(key);
        return e != null && isFresh(e, clock.instant()) ? e : null;
    }

    private boolean isFresh(Entry<V> e, Instant now) {
        return e.trusted() && now.isBefore(e.readAt().plus(ttl.get()));
    }
}
