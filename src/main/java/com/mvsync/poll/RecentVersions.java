package com.mvsync.poll;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The versions a poll remembers within its overlap ({@link PollCursor#recent()}), kept small enough for the cursor
 * item: DynamoDB refuses an item over 400 KB, and a refused cursor would stop the poll for good. Both polls use it
 * (Magento's values are {@code <updated_at>|<digest>}, Vtiger's a bare {@code modifiedtime}); each starts with its
 * time, so ordering by value is ordering by time.
 */
final class RecentVersions {

    private RecentVersions() {
    }

    /**
     * Keeps the versions at or after {@code floor} (the next run re-reads from there); beyond {@code limit} only the
     * newest, since forgetting one costs no more than queueing it again under the same event key, which the drain
     * answers as already done.
     */
    static void prune(Map<String, String> recent, String floor, int limit) {
        recent.values().removeIf(v -> time(v).compareTo(floor) < 0);
        if (recent.size() > limit) {
            List<Map.Entry<String, String>> entries = new ArrayList<>(recent.entrySet());
            entries.sort(Map.Entry.comparingByValue());
            entries.subList(0, entries.size() - Math.max(0, limit)).forEach(e -> recent.remove(e.getKey()));
        }
    }

    private static String time(String version) {
        int bar = version.indexOf('|');
        return bar < 0 ? version : version.substring(0, bar);
    }
}
