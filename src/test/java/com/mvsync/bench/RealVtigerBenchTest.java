package com.mvsync.bench;

import static com.mvsync.bench.BenchReport.f2;
import static com.mvsync.bench.BenchReport.met;
import static com.mvsync.bench.BenchReport.ms;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mvsync.functions.WebhookFunctions;
import com.mvsync.timing.DependencyTimer;
import com.mvsync.timing.DependencyTimer.Dependency;
import com.mvsync.testing.lambda.HttpApiRequests;
import com.mvsync.testing.lambda.Samples;
import com.mvsync.testing.moto.MotoDynamoDbResource;
import com.mvsync.http.HttpApiEvent;
import com.mvsync.http.HttpApiResponse;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.net.http.HttpClient;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/**
 * Against a real Vtiger (only when VTIGER_URL, VTIGER_USER and VTIGER_ACCESS_KEY are set; otherwise the summary says
 * "skipped (no VTIGER_URL)", written by {@link WebhookBenchTest}): N new customers synced by the customersCreated
 * function in-process (DynamoDB on moto), then the same Vtiger calls made bare with {@link HttpClient}: per customer
 * the three lookups and the three creates with the elements the sync wrote (read back from its records, only the
 * fields it sent), in sequence with one session, and once more as the sync makes them: the three lookups at once, then
 * Lead and Organization at once, then the Contact, with three sessions ({@link BareVtiger}). Ratios = sync time / bare
 * time in sequence (what the parallel path gains; ideal 0.5) and / bare time in parallel (what the sync costs on top
 * of the same calls made as it makes them); the logins of each side are outside the timing. Both sides' records are
 * deleted afterwards unless VTIGER_BENCH_KEEP=1. Uses its own application (no Vtiger double, no Magento double).
 */
@Tag("bench")
@QuarkusTest
@TestProfile(RealVtigerBenchTest.RealVtiger.class)
@EnabledIfEnvironmentVariable(named = "VTIGER_URL", matches = ".+")
class RealVtigerBenchTest {

    public static class RealVtiger extends BenchProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> all = new LinkedHashMap<>(super.getConfigOverrides());
            all.put("mvsync.vtiger.url", env("VTIGER_URL"));
            all.put("mvsync.vtiger.username", env("VTIGER_USER"));
            all.put("mvsync.vtiger.access-key", env("VTIGER_ACCESS_KEY"));
            return all;
        }

        @Override
        public boolean disableGlobalTestResources() {
            return true; // no Vtiger double pointing the client elsewhere
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(MotoDynamoDbResource.class));
        }
    }

    static String env(String name) {
        String v = System.getenv(name);
        return v == null ? "" : v;
    }

    static final int CUSTOMERS = Integer.getInteger("bench.real.customers", 20);
    /** Customers queued and drained by {@link #drainAgainstARealVtiger}; 0 leaves that test out. */
    static final int DRAINED = Integer.getInteger("bench.real.drain", 500);
    /** The drain's concurrency (the product's default), and the bare side's. */
    static final int DRAIN_CONCURRENCY = Integer.getInteger("bench.real.drain.concurrency", 4);
    static final ObjectMapper JSON = new ObjectMapper();
    /** The fields the sync sends per module (the default mapping's), copied from its records for the bare creates. */
    static final Map<String, List<String>> FIELDS = Map.of(
            "Leads", List.of("firstname", "lastname", "email", "company", "phone", "lane", "city", "code", "state",
                    "country", "leadsource", "assigned_user_id"),
            "Accounts", List.of("accountname", "email1", "phone", "bill_street", "bill_city", "bill_state",
                    "bill_code", "bill_country", "ship_street", "ship_city", "ship_state", "ship_code",
                    "ship_country", "assigned_user_id"),
            "Contacts", List.of("firstname", "lastname", "email", "phone", "birthday", "mailingstreet",
                    "mailingcity", "mailingstate", "mailingzip", "mailingcountry", "leadsource", "assigned_user_id"));

    @Inject
    WebhookFunctions webhooks;
    @Inject
    com.mvsync.settings.SettingsStore settings;
    @Inject
    com.mvsync.drain.Drainer drainer;
    @Inject
    com.mvsync.queue.QueueStore queue;
    @Inject
    com.mvsync.store.SyncLog log;
    @Inject
    com.mvsync.vtiger.VtigerClient client;

    final String endpoint = endpoint(env("VTIGER_URL"));

    static String endpoint(String url) {
        String u = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        return u.endsWith("/webservice.php") ? u : u + "/webservice.php";
    }

    @Test
    void customersAgainstARealVtiger() throws Exception {
        long run = System.currentTimeMillis() % 100_000_000L;
        List<String> made = new ArrayList<>();
        // Warm-up (untimed): login, describes, caches.
        made.addAll(ids(sync(run * 1000 + 999)).values());

        long syncNanos = 0;
        long vtigerCalls = 0;
        long vtigerNanos = 0;
        List<Map<String, String>> synced = new ArrayList<>();
        for (int i = 0; i < CUSTOMERS; i++) {
            long started = System.nanoTime();
            HttpApiResponse response = sync(run * 1000 + i);
            syncNanos += System.nanoTime() - started;
            DependencyTimer.Totals totals = DependencyTimer.totals();
            vtigerCalls += totals.calls(Dependency.VTIGER);
            vtigerNanos += totals.wallNanos(Dependency.VTIGER);
            Map<String, String> ids = ids(response);
            made.addAll(ids.values());
            synced.add(ids);
        }

        // The bare side: same operations, same elements (under other emails and names, so its lookups find nothing).
        BareVtiger bare = new BareVtiger(endpoint).login(env("VTIGER_USER"), env("VTIGER_ACCESS_KEY"));
        List<Map<String, Map<String, Object>>> elements = new ArrayList<>();
        for (Map<String, String> ids : synced) {
            elements.add(bareElements(bare, ids, ".bare@example.com", " (bare)"));
        }
        long bareNanos = 0;
        long bareCalls = 0;
        for (Map<String, Map<String, Object>> perModule : elements) {
            long started = System.nanoTime();
            String email = String.valueOf(perModule.get("Contacts").get("email"));
            bare.call("GET", Map.of("operation", "query", "query",
                    "SELECT id FROM Leads WHERE email = '" + email + "' LIMIT 1;"));
            bare.call("GET", Map.of("operation", "query", "query", "SELECT id FROM Accounts WHERE accountname = '"
                    + String.valueOf(perModule.get("Accounts").get("accountname")).replace("'", "\\'") + "' LIMIT 1;"));
            bare.call("GET", Map.of("operation", "query", "query",
                    "SELECT id FROM Contacts WHERE email = '" + email + "' LIMIT 1;"));
            String lead = bare.create("Leads", perModule.get("Leads"));
            String account = bare.create("Accounts", perModule.get("Accounts"));
            Map<String, Object> contact = new LinkedHashMap<>(perModule.get("Contacts"));
            contact.put("account_id", account);
            String contactId = bare.create("Contacts", contact);
            bareNanos += System.nanoTime() - started;
            bareCalls += 6;
            made.addAll(List.of(lead, account, contactId));
        }

        // The same calls in sequence through the product's own client (REST client, session pool, call gate): what
        // the client costs over java.net.http, apart from what the sync does around its calls.
        long clientNanos = 0;
        for (Map<String, Map<String, Object>> perModule : elements) {
            Map<String, Object> leadElement = renamed(perModule.get("Leads"), ".client@example.com");
            Map<String, Object> accountElement = renamed(perModule.get("Accounts"), ".client@example.com");
            accountElement.put("accountname", accountElement.get("accountname") + " (client)");
            Map<String, Object> contactElement = renamed(perModule.get("Contacts"), ".client@example.com");
            String email = String.valueOf(contactElement.get("email"));
            String accountName = String.valueOf(accountElement.get("accountname"));
            long started = System.nanoTime();
            client.queryOne("SELECT id FROM Leads WHERE email = " + com.mvsync.vtiger.VtigerClient.quote(email)
                    + " LIMIT 1;");
            client.queryOne("SELECT id FROM Accounts WHERE accountname = "
                    + com.mvsync.vtiger.VtigerClient.quote(accountName) + " LIMIT 1;");
            client.queryOne("SELECT id FROM Contacts WHERE email = " + com.mvsync.vtiger.VtigerClient.quote(email)
                    + " LIMIT 1;");
            String lead = client.create("Leads", leadElement).path("id").asText();
            String account = client.create("Accounts", accountElement).path("id").asText();
            contactElement.put("account_id", account);
            String contactId = client.create("Contacts", contactElement).path("id").asText();
            clientNanos += System.nanoTime() - started;
            made.addAll(List.of(lead, account, contactId));
        }

        // The same calls once more, parallel as the sync makes them, each of a step's calls with a session of its own.
        List<BareVtiger> three = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            three.add(new BareVtiger(endpoint).login(env("VTIGER_USER"), env("VTIGER_ACCESS_KEY")));
        }
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(3);
        long parallelNanos = 0;
        try {
            for (Map<String, Map<String, Object>> perModule : elements) {
                Map<String, Object> leadElement = renamed(perModule.get("Leads"), ".parallel@example.com");
                Map<String, Object> accountElement = renamed(perModule.get("Accounts"), ".parallel@example.com");
                accountElement.put("accountname", accountElement.get("accountname") + " (parallel)");
                Map<String, Object> contactElement = renamed(perModule.get("Contacts"), ".parallel@example.com");
                String email = String.valueOf(contactElement.get("email"));
                String accountName = String.valueOf(accountElement.get("accountname")).replace("'", "\\'");
                long started = System.nanoTime();
                var leadQuery = pool.submit(() -> three.get(0).query(
                        "SELECT id FROM Leads WHERE email = '" + email + "' LIMIT 1;"));
                var accountQuery = pool.submit(() -> three.get(1).query(
                        "SELECT id FROM Accounts WHERE accountname = '" + accountName + "' LIMIT 1;"));
                three.get(2).query("SELECT id FROM Contacts WHERE email = '" + email + "' LIMIT 1;");
                leadQuery.get();
                accountQuery.get();
                var lead = pool.submit(() -> three.get(0).create("Leads", leadElement));
                String account = three.get(1).create("Accounts", accountElement);
                String leadId = lead.get();
                contactElement.put("account_id", account);
                String contactId = three.get(2).create("Contacts", contactElement);
                parallelNanos += System.nanoTime() - started;
                made.addAll(List.of(leadId, account, contactId));
            }
        } finally {
            pool.shutdownNow();
        }

        deleteAll(made);

        double ratio = (double) syncNanos / bareNanos;
        double overParallel = (double) syncNanos / parallelNanos;
        BenchReport report = new BenchReport("50-real-vtiger", "Against a real Vtiger (" + endpoint + ")");
        report.table(List.of("", "customers", "Vtiger calls", "total time", "per customer"), List.of(
                List.of("synced by customersCreated (in-process, DynamoDB on moto)", Integer.toString(CUSTOMERS),
                        Long.toString(vtigerCalls), ms(syncNanos), ms(syncNanos / CUSTOMERS)),
                List.of("of which waiting on Vtiger", "", "", ms(vtigerNanos), ms(vtigerNanos / CUSTOMERS)),
                List.of("the same calls bare in sequence (java.net.http, one session)", Integer.toString(CUSTOMERS),
                        Long.toString(bareCalls), ms(bareNanos), ms(bareNanos / CUSTOMERS)),
                List.of("the same calls in sequence through the product's VtigerClient (its REST client and pool)",
                        Integer.toString(CUSTOMERS), Long.toString(bareCalls), ms(clientNanos),
                        ms(clientNanos / CUSTOMERS)),
                List.of("the same calls bare, parallel as the sync makes them (three sessions)",
                        Integer.toString(CUSTOMERS), Long.toString(bareCalls), ms(parallelNanos),
                        ms(parallelNanos / CUSTOMERS)),
                List.of("ratio sync / bare in sequence (ideal 0.5: three dependent steps of six calls)", "", "",
                        f2(ratio), ""),
                List.of("ratio sync / bare in parallel", "", "", f2(overParallel), "")));
        report.note("Logins of both sides are outside the timing (one per container). The bare side sends the "
                + "fields the sync wrote (read back from its records) to the same modules, under changed emails and "
                + "organization names so its lookups find nothing either. Records of both sides are deleted "
                + "afterwards unless VTIGER_BENCH_KEEP=1.");
        report.summary("Real Vtiger: " + CUSTOMERS + " customers, time / bare Vtiger calls in sequence", f2(ratio)
                + " (" + ms(syncNanos / CUSTOMERS) + " vs " + ms(bareNanos / CUSTOMERS) + " per customer)", "≤ 0.6",
                met(ratio <= 0.6));
        report.summary("Real Vtiger: " + CUSTOMERS + " customers, time / the same calls bare in parallel",
                f2(overParallel) + " (" + ms(syncNanos / CUSTOMERS) + " vs " + ms(parallelNanos / CUSTOMERS)
                        + " per customer)", "≤ 1.15", met(overParallel <= 1.15));
        report.write();
    }

    /**
     * A backfill's load: N new customers (each its own company) queued in cron mode and drained at the product's
     * concurrency, against the same three creates per customer made bare by as many threads with a session each. The
     * throughput ratio is what the drain keeps of what the server can take; calls per customer count everything the
     * drain sends (bulk lookups, logins). Records of both sides are deleted afterwards unless VTIGER_BENCH_KEEP=1.
     */
    @Test
    void drainAgainstARealVtiger() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(DRAINED > 0, "bench.real.drain=0");
        long run = System.currentTimeMillis() % 100_000_000L;
        Set<com.mvsync.magento.EntityType> customer = Set.of(com.mvsync.magento.EntityType.CUSTOMER);
        customerMode("cron");
        List<String> made = java.util.Collections.synchronizedList(new ArrayList<>());
        List<Long> ids = new ArrayList<>();
        try {
            for (int i = 0; i < DRAINED; i++) {
                long id = run * 1000 + 500 + i;
                ids.add(id);
                HttpApiResponse queued = webhooks.webhook(event(id, "mvsync-drain-"));
                if (queued.statusCode() != 202) {
                    throw new AssertionError("not queued: " + queued.statusCode() + " " + queued.body());
                }
            }
            long callsBefore = DependencyTimer.processCalls(Dependency.VTIGER);
            long started = System.nanoTime();
            int synced = 0;
            for (int drains = 0; drains < 50; drains++) {
                com.mvsync.drain.DrainReport report = drainer.drain(new com.mvsync.drain.DrainRequest(
                        java.time.Duration.ofMinutes(10), DRAIN_CONCURRENCY, customer,
                        java.time.Instant.now().plusSeconds(1)));
                synced += report.succeeded();
                if (report.claimed() == 0 || queue.countDue(java.time.Instant.now().plusSeconds(1), customer) == 0) {
                    break;
                }
            }
            long drainNanos = System.nanoTime() - started;
            long drainCalls = DependencyTimer.processCalls(Dependency.VTIGER) - callsBefore;
            if (synced != DRAINED) {
                throw new AssertionError("the drain synced " + synced + " of " + DRAINED);
            }

            // The bare side's elements: what the drain wrote, read back (outside the timing).
            BareVtiger reader = new BareVtiger(endpoint).login(env("VTIGER_USER"), env("VTIGER_ACCESS_KEY"));
            List<Map<String, Map<String, Object>>> elements = new ArrayList<>();
            for (com.mvsync.store.LogEntry entry : syncedEntries(ids)) {
                made.addAll(entry.vtigerIds().values());
                elements.add(bareElements(reader, entry.vtigerIds(), ".drainbare@example.com", " (bare)"));
            }
            List<BareVtiger> sessions = new ArrayList<>();
            for (int i = 0; i < DRAIN_CONCURRENCY; i++) {
                sessions.add(new BareVtiger(endpoint).login(env("VTIGER_USER"), env("VTIGER_ACCESS_KEY")));
            }
            java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger();
            java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(
                    DRAIN_CONCURRENCY);
            long bareStarted = System.nanoTime();
            try {
                List<java.util.concurrent.Future<?>> workers = new ArrayList<>();
                for (BareVtiger session : sessions) {
                    workers.add(pool.submit(() -> {
                        for (int i = next.getAndIncrement(); i < elements.size(); i = next.getAndIncrement()) {
                            Map<String, Map<String, Object>> perModule = elements.get(i);
                            made.add(session.create("Leads", perModule.get("Leads")));
                            String account = session.create("Accounts", perModule.get("Accounts"));
                            made.add(account);
                            Map<String, Object> contact = new LinkedHashMap<>(perModule.get("Contacts"));
                            contact.put("account_id", account);
                            made.add(session.create("Contacts", contact));
                        }
                        return null;
                    }));
                }
                for (var w : workers) {
                    w.get();
                }
            } finally {
                pool.shutdownNow();
            }
            long bareNanos = System.nanoTime() - bareStarted;

            double drainRate = DRAINED / (drainNanos / 1e9);
            double bareRate = elements.size() / (bareNanos / 1e9);
            double ratio = drainRate / bareRate;
            BenchReport report = new BenchReport("51-real-vtiger-drain", "A drain against a real Vtiger ("
                    + endpoint + ")");
            report.table(List.of("", "customers", "Vtiger calls", "per customer", "time", "customers/s"), List.of(
                    List.of("queued (cron mode), drained at concurrency " + DRAIN_CONCURRENCY, Integer.toString(
                            DRAINED), Long.toString(drainCalls), f2((double) drainCalls / DRAINED), ms(drainNanos),
                            f2(drainRate)),
                    List.of("the same three creates per customer bare, " + DRAIN_CONCURRENCY
                            + " threads with a session each", Integer.toString(elements.size()),
                            Integer.toString(elements.size() * 3), "3.00", ms(bareNanos), f2(bareRate)),
                    List.of("throughput ratio drain / bare", "", "", "", "", f2(ratio))));
            report.note("Each customer its own company: three new records. The drain's count is every request it "
                    + "sent (bulk lookups of up to 100 per module, creates, logins); the bare side makes only the "
                    + "creates, with the fields the drain wrote (read back), under other emails and names.");
            report.summary("Real Vtiger: drain of " + DRAINED + " queued customers, throughput / the same creates bare"
                    + " at concurrency " + DRAIN_CONCURRENCY, f2(ratio) + " (" + f2(drainRate) + " vs "
                    + f2(bareRate) + " customers/s; " + f2((double) drainCalls / DRAINED) + " calls per customer)",
                    "—", "—");
            report.write();
        } finally {
            customerMode("immediate");
            deleteAll(made);
        }
    }

    /** The log entries of the given customers' syncs, one each (the newest). */
    List<com.mvsync.store.LogEntry> syncedEntries(List<Long> ids) {
        Set<String> wanted = new java.util.HashSet<>();
        ids.forEach(id -> wanted.add(Long.toString(id)));
        Map<String, com.mvsync.store.LogEntry> byId = new LinkedHashMap<>();
        for (com.mvsync.store.LogEntry e : log.recent(ids.size() * 2 + 100)) {
            if (wanted.contains(e.magentoId()) && e.vtigerIds().size() == 3) {
                byId.putIfAbsent(e.magentoId(), e);
            }
        }
        return new ArrayList<>(byId.values());
    }

    /** The fields the sync wrote to each of the customer's records, read back, renamed so no lookup finds them. */
    static Map<String, Map<String, Object>> bareElements(BareVtiger reader, Map<String, String> ids, String domain,
            String suffix) {
        Map<String, Map<String, Object>> perModule = new LinkedHashMap<>();
        for (String module : List.of("Leads", "Accounts", "Contacts")) {
            JsonNode record = reader.call("GET", Map.of("operation", "retrieve", "id", ids.get(module)));
            Map<String, Object> element = new LinkedHashMap<>();
            for (String f : FIELDS.get(module)) {
                String v = record.path(f).asText("");
                if (!v.isEmpty()) {
                    element.put(f, v.replace("@example.com", domain));
                }
            }
            if (module.equals("Accounts")) {
                element.put("accountname", element.get("accountname") + suffix);
            }
            perModule.put(module, element);
        }
        return perModule;
    }

    void customerMode(String mode) {
        Map<String, Object> types = new LinkedHashMap<>();
        for (String type : List.of("LEADS", "ORGANIZATIONS", "CONTACTS")) {
            types.put(type, Map.of("mode", mode));
        }
        settings.update(com.mvsync.settings.SettingsUpdate.parse(JSON.valueToTree(Map.of("types", types))));
    }

    /** Deletes the records with four sessions at once (thousands after a drain run). */
    void deleteAll(List<String> ids) throws Exception {
        if ("1".equals(System.getenv("VTIGER_BENCH_KEEP")) || ids.isEmpty()) {
            return;
        }
        List<String> all = new ArrayList<>(ids);
        java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            List<java.util.concurrent.Future<?>> workers = new ArrayList<>();
            for (int w = 0; w < 4; w++) {
                BareVtiger session = new BareVtiger(endpoint).login(env("VTIGER_USER"), env("VTIGER_ACCESS_KEY"));
                workers.add(pool.submit(() -> {
                    for (int i = next.getAndIncrement(); i < all.size(); i = next.getAndIncrement()) {
                        try {
                            session.call("POST", Map.of("operation", "delete", "id", all.get(i)));
                        } catch (RuntimeException e) {
                            System.out.println("could not delete " + all.get(i) + ": " + e.getMessage());
                        }
                    }
                    return null;
                }));
            }
            for (var w : workers) {
                w.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** A bare element under yet other emails than the sequential side's, so another side's lookups find nothing. */
    static Map<String, Object> renamed(Map<String, Object> element, String domain) {
        Map<String, Object> out = new LinkedHashMap<>();
        element.forEach((k, v) -> out.put(k, v instanceof String t ? t.replace(".bare@example.com", domain) : v));
        return out;
    }

    static HttpApiEvent event(long id, String prefix) throws Exception {
        String body = Samples.customer("rest/customer_get_42.json", id, prefix + id + "@example.com");
        return JSON.readValue(HttpApiRequests.signedPost("/webhooks/customers/created", body), HttpApiEvent.class);
    }

    HttpApiResponse sync(long id) throws Exception {
        HttpApiResponse response = webhooks.webhook(event(id, "mvsync-bench-"));
        if (response.statusCode() != 200) {
            throw new AssertionError("customersCreated answered " + response.statusCode() + ": " + response.body());
        }
        return response;
    }

    static Map<String, String> ids(HttpApiResponse response) throws Exception {
        Map<String, String> ids = new LinkedHashMap<>();
        JSON.readTree(response.body()).path("vtiger").fields()
                .forEachRemaining(e -> ids.put(e.getKey(), e.getValue().asText()));
        return ids;
    }
}
