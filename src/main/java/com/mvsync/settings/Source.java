package com.mvsync.settings;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Where the changes of one Magento entity type come from: a sender's webhooks, polling Magento's REST API, or both. */
public enum Source {
    /** A sender installed in Magento posts webhooks (default; nothing is polled). */
    WEBHOOKS,
    /**
     * The scheduled poll reads what changed from Magento's REST search (a store with only an integration token);
     * a webhook that still arrives for the type is acknowledged and left to the poll.
     */
    POLL,
    /** Webhooks as usual, and the poll as a safety net for what a sender missed. */
    BOTH;

    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Whether the poll reads this type. */
    public boolean polls() {
        return this != WEBHOOKS;
    }

    /** Whether a webhook for this type is synced (else it is left to the poll). */
    public boolean takesWebhooks() {
        return this != POLL;
    }

    public static Optional<Source> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String t = text.strip().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(v -> v.wire().equals(t)).findFirst();
    }

    static List<String> wireNames() {
        return Arrays.stream(values()).map(Source::wire).toList();
    }
}
