package com.mvsync.bench;

import static com.mvsync.bench.BenchReport.f2;
import static com.mvsync.bench.BenchReport.met;
import static com.mvsync.bench.BenchReport.ms;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mvsync.functions.CustomerFunctions;
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
    CustomerFunctions customers;

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
            Map<String, Map<String, Object>> perModule = new LinkedHashMap<>();
            for (String module : List.of("Leads", "Accounts", "Contacts")) {
                JsonNode record = bare.call("GET", Map.of("operation", "retrieve", "id", ids.get(module)));
                Map<String, Object> element = new LinkedHashMap<>();
                for (String f : FIELDS.get(module)) {
                    String v = record.path(f).asText("");
                    if (!v.isEmpty()) {
                        element.put(f, v.replace("@example.com", ".bare@example.com"));
                    }
                }
                if (module.equals("Accounts")) {
                    element.put("accountname", element.get("accountname") + " (bare)");
                }
                perModule.put(module, element);
            }
            elements.add(perModule);
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

        // The same calls once more, parallel as the sync makes them, each of a step's calls with a session of its own.
        List<BareVtiger> three = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            three.add(new BareVtiger(endpoint).login(env("VTIGER_USER"), env("VTIGER_ACCESS_KEY")));
        }
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(3);
        long parallelNanos = 0;
        try {
            for (Map<String, Map<String, Object>> perModule : elements) {
                Map<String, Object> leadElement = renamed(perModule.get("Leads"));
                Map<String, Object> accountElement = renamed(perModule.get("Accounts"));
                accountElement.put("accountname", accountElement.get("accountname") + " (parallel)");
                Map<String, Object> contactElement = renamed(perModule.get("Contacts"));
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

        if (!"1".equals(System.getenv("VTIGER_BENCH_KEEP"))) {
            for (String id : made) {
                try {
                    bare.call("POST", Map.of("operation", "delete", "id", id));
                } catch (RuntimeException e) {
                    System.out.println("could not delete " + id + ": " + e.getMessage());
                }
            }
        }

        double ratio = (double) syncNanos / bareNanos;
        double overParallel = (double) syncNanos / parallelNanos;
        BenchReport report = new BenchReport("50-real-vtiger", "Against a real Vtiger (" + endpoint + ")");
        report.table(List.of("", "customers", "Vtiger calls", "total time", "per customer"), List.of(
                List.of("synced by customersCreated (in-process, DynamoDB on moto)", Integer.toString(CUSTOMERS),
                        Long.toString(vtigerCalls), ms(syncNanos), ms(syncNanos / CUSTOMERS)),
                List.of("of which waiting on Vtiger", "", "", ms(vtigerNanos), ms(vtigerNanos / CUSTOMERS)),
                List.of("the same calls bare in sequence (java.net.http, one session)", Integer.toString(CUSTOMERS),
                        Long.toString(bareCalls), ms(bareNanos), ms(bareNanos / CUSTOMERS)),
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

    /** A bare element under yet other emails than the sequential side's, so the parallel side's lookups find nothing. */
    static Map<String, Object> renamed(Map<String, Object> element) {
        Map<String, Object> out = new LinkedHashMap<>();
        element.forEach((k, v) -> out.put(k, v instanceof String t ? t.replace(".bare@example.com",
                ".parallel@example.com") : v));
        return out;
    }

    HttpApiResponse sync(long id) throws Exception {
        String email = "mvsync-bench-" + id + "@example.com";
        String body = Samples.customer("rest/customer_get_42.json", id, email);
        HttpApiEvent event = JSON.readValue(HttpApiRequests.signedPost("/webhooks/customers/created", body),
                HttpApiEvent.class);
        HttpApiResponse response = customers.customersCreated(event);
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
