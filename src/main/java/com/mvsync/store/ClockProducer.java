package com.mvsync.store;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;

/**
 * The one clock every bean that keeps time is given (leases, TTLs, caches, signature windows), so that a test can
 * hand them all the same controllable one.
 */
public class ClockProducer {

    @Produces
    @Singleton
    Clock clock() {
        return Clock.systemUTC();
    }
}
