package com.mvsync.store;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Instants as fixed-width ISO-8601 text (always milliseconds), for sort keys: {@link Instant#toString()} drops zero
 * fractions, and "10:00:00Z" would sort after "10:00:00.500Z".
 */
public final class Timestamps {

    private static final DateTimeFormatter SORTABLE = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    private Timestamps() {
    }

    public static String sortable(Instant instant) {
        return SORTABLE.format(instant);
    }
}
