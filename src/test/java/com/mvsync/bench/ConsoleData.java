package com.mvsync.bench;

import com.mvsync.magento.EntityType;
import com.mvsync.queue.QueueStore;
import com.mvsync.queue.QueuedEvent;
import com.mvsync.store.LogLine;
import com.mvsync.store.Outcome;
import com.mvsync.store.SyncLogSeeder;
import com.mvsync.store.SyncLogSeeder.Entry;
import com.mvsync.store.Written;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * A store as a busy shop's would be: a few hundred customers, products and orders, each with many sync log entries
 * (labels, Vtiger ids and names, changes), spread over the log's 30 days; an order's label carries its buyer's
 * e-mail, so a search by e-mail finds the customer and their orders. And a queue of separate entities, one in twenty
 * dead. Fixed seed: the same store every run.
 */
final class ConsoleData {

    static final int CUSTOMERS = 300;
    static final int PRODUCTS = 200;
    static final int ORDERS = 300;
    private static final Duration SPREAD = Duration.ofDays(30);
    private static final String[] FIRST = {"Maria", "Jonas", "Lea", "Paul", "Anna", "Felix", "Sofia", "Lukas"};
    private static final String[] LAST = {"Keller", "Braun", "Wolf", "Schmid", "Koch", "Richter", "Klein", "Hahn"};

    private final SyncLogSeeder log;
    private final QueueStore queue;
    private final Random random = new Random(20);
    private final Instant now = Instant.now();
    private int entries;
    private int queued;
    private int dead;
    private int busiest;

    ConsoleData(SyncLogSeeder log, QueueStore queue) {
        this.log = log;
        this.queue = queue;
    }

    /** The e-mail of the customer with the most entries; it is the buyer of orders too (order o's is o % CUSTOMERS). */
    String searchedEmail() {
        return email(busiest);
    }

    /** That customer's history: the longest one (about 60 entries at the default size). */
    String historyKey() {
        return "customer#" + busiest;
    }

    String describe() {
        return String.format(java.util.Locale.ROOT, "%,d log entries of %d customers, %d products and %d orders over "
                + "%d days; %,d queue items (%,d dead)", entries, CUSTOMERS, PRODUCTS, ORDERS, SPREAD.toDays(),
                queued, dead);
    }

    void seed(int logEntries, int queueItems) throws Exception {
        seedLog(logEntries);
        seedQueue(queueItems);
        // The searched customer and their order are queued again, so the Queue's search finds items too.
        for (EntityType type : List.of(EntityType.CUSTOMER, EntityType.ORDER)) {
            queue.enqueue(new QueuedEvent.Arrival(type, type.label() + "#" + busiest, type.label() + "Saved",
                    "bench:again:" + type.label(), "{}", name(busiest) + " <" + email(busiest) + ">"));
        }
    }

    private void seedLog(int total) {
        Map<String, Integer> perEntity = new HashMap<>();
        List<Entry> batch = new ArrayList<>();
        for (int i = 0; i < total; i++) {
            Entry e = entry(i);
            perEntity.merge(e.line().entityKey(), 1, Integer::sum);
            batch.add(e);
            if (batch.size() == 1000) {
                log.entries(batch);
                batch.clear();
            }
        }
        log.entries(batch);
        log.counters();
        entries = total;
        busiest = perEntity.entrySet().stream().filter(e -> e.getKey().startsWith("customer#"))
                .max(Map.Entry.comparingByValue()).map(e -> Integer.parseInt(e.getKey().substring(9))).orElseThrow();
    }

    private Entry entry(int i) {
        Instant at = now.minusMillis((long) (random.nextDouble() * SPREAD.toMillis()));
        Outcome result = i % 50 == 0 ? Outcome.FAILED : i % 17 == 0 ? Outcome.SKIPPED : Outcome.SYNCED;
        String error = result == Outcome.FAILED ? "Vtiger refused the record: mandatory field lastname is empty" : null;
        int kind = i % 3;
        if (kind == 0) {
            int c = random.nextInt(CUSTOMERS);
            Map<String, String> ids = Map.of("Contacts", "12x" + (1000 + c), "Accounts", "11x" + (1000 + c));
            Written written = new Written(Map.of("Contacts", name(c), "Accounts", LAST[c % LAST.length] + " GmbH"),
                    List.of(new Written.Change("Contacts", "phone", "+49 30 " + (i - 1), "+49 30 " + i, false),
                            new Written.Change("Contacts", "mailingstreet", "Hauptstr. 1", "Hauptstr. " + c, false)));
            return new Entry(at, line(EntityType.CUSTOMER, Integer.toString(c), name(c) + " <" + email(c) + ">",
                    result, error, written), ids);
        }
        if (kind == 1) {
            int p = random.nextInt(PRODUCTS);
            String sku = "MUG-" + p;
            Written written = new Written(Map.of("Products", "Mug " + p), List.of(
                    new Written.Change("Products", "unit_price", "12.90", "13." + (i % 100), false)));
            return new Entry(at, line(EntityType.PRODUCT, Integer.toString(p), sku + " · Mug " + p, result, error,
                    written), Map.of("Products", "14x" + (5000 + p)));
        }
        int o = random.nextInt(ORDERS);
        int buyer = o % CUSTOMERS;
        String number = String.format("%09d", 100_000 + o);
        Written written = new Written(Map.of("SalesOrder", number), List.of(
                new Written.Change("SalesOrder", "sostatus", "Created", "Approved", false),
                new Written.Change("SalesOrder", "hdnGrandTotal", null, "42." + (i % 100), false)));
        return new Entry(at, line(EntityType.ORDER, Integer.toString(o), "#" + number + " · " + name(buyer) + " <"
                + email(buyer) + ">", result, error, written), Map.of("SalesOrder", "6x" + (9000 + o)));
    }

    private static LogLine line(EntityType type, String magentoId, String label, Outcome result, String error,
            Written written) {
        return new LogLine(type.label() + "#" + magentoId, type.label(), magentoId, label, result, error,
                result == Outcome.SKIPPED ? List.of("nothing mapped changed") : List.of(),
                result == Outcome.SYNCED ? written : Written.NONE);
    }

    private static String name(int c) {
        return FIRST[c % FIRST.length] + " " + LAST[(c / FIRST.length) % LAST.length];
    }

    private static String email(int c) {
        return FIRST[c % FIRST.length].toLowerCase() + "." + LAST[(c / FIRST.length) % LAST.length].toLowerCase()
                + c + "@example.com";
    }

    /** Separate entities (the queue keeps one item per entity); four threads, moto's HTTP round trips overlapping. */
    private void seedQueue(int total) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int first = t;
                done.add(pool.submit(() -> {
                    for (int i = first; i < total; i += 4) {
                        enqueue(i);
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        queued = total;
        dead = (total + 19) / 20;
    }

    private void enqueue(int i) {
        int c = 100_000 + i;
        String key = "customer#" + c;
        String body = "{\"customer\":{\"id\":" + c + ",\"email\":\"" + email(c) + "\",\"firstname\":\""
                + FIRST[c % FIRST.length] + "\",\"lastname\":\"" + LAST[(c / FIRST.length) % LAST.length] + "\"}}";
        var arrival = new QueuedEvent.Arrival(EntityType.CUSTOMER, key, "customersCreated", "bench:" + c, body,
                name(c) + " <" + email(c) + ">");
        if (i % 20 == 0) {
            queue.deadLetter(arrival, "Vtiger refused the record: Mandatory field lastname is empty");
        } else {
            queue.enqueue(arrival);
        }
    }
}
