package com.mvsync.testing.vtiger;

import static com.mvsync.testing.vtiger.RawVtiger.params;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.mvsync.testing.vtiger.FakeVtigerServer.Fault;
import com.mvsync.testing.vtiger.RawVtiger.Response;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Focused tests of the fake's behaviour and its test-control API. */
class FakeVtigerServerTest {
    private static final String KEY = FakeVtigerServer.ADMIN_ACCESS_KEY;

    private FakeVtigerServer server;
    private RawVtiger client;
    private String session;
    private String account;

    @BeforeEach
    void start() {
        server = FakeVtigerServer.start();
        client = new RawVtiger(server.endpoint());
        session = client.login("admin", KEY);
        account = server.seed("Accounts", Map.of("accountname", "Acme", "assigned_user_id", "19x1"));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void currencyValuesFollowTheWritingUsersDecimalsAndCurrency() {
        server.setCurrencyDecimals("admin", 2);
        server.setUserCurrency("admin", server.addCurrency("EUR", "Euro", "€", new BigDecimal("0.92")));
        RawVtiger.Session raw = client.session("admin", KEY);
        JsonNode product = raw.create("Products", Map.of("productname", "Converted", "unit_price", "19.99",
                "purchase_cost", "19.99", "assigned_user_id", "19x1"));
        // measured on a stock 8.2.0 whose admin works in EUR at 0.92: purchase cost converted there and back
        assertEquals("19.99000000", product.path("unit_price").asText());
        assertEquals("19.98913043", product.path("purchase_cost").asText());
        assertEquals("21x2", raw.retrieve("19x1").path("currency_id").asText());
    }

    @Test
    void endpointIsLoopbackWebservicePhp() {
        assertTrue(server.baseUrl().matches("http://127\\.0\\.0\\.1:\\d+"));
        assertEquals(server.baseUrl() + "/webservice.php", server.endpoint());
    }

    @Test
    void challengeTokenServesSeveralLoginsAndExpiresAfter300Seconds() {
        JsonNode challenge = client.get(params("operation", "getchallenge", "username", "admin")).result();
        String token = challenge.path("token").asText();
        assertTrue(token.matches("[0-9a-f]{13}"), token);
        assertEquals(challenge.path("serverTime").asLong() + 300, challenge.path("expireTime").asLong());
        Map<String, String> login = params("operation", "login", "username", "admin", "accessKey", FakeVtigerServer.md5(token + KEY));
        assertTrue(client.post(login).success());
        assertTrue(client.post(login).success(), "a token stays usable for several logins");

        server.advanceClock(Duration.ofSeconds(301));
        assertEquals("INVALID_AUTH_TOKEN", client.post(login).errorCode());
    }

    @Test
    void aNewChallengeReplacesTheUsersTokenSoTheSlowerLoginLoses() {
        String first = client.challenge("admin");
        String second = client.challenge("admin"); // another process logging in as the same user
        Response loser = client.post(params("operation", "login", "username", "admin", "accessKey", FakeVtigerServer.md5(first + KEY)));
        assertEquals("INVALID_USER_CREDENTIALS", loser.errorCode());
        assertEquals("Invalid username or password", loser.json().path("error").path("message").asText());
        assertTrue(client.post(params("operation", "login", "username", "admin", "accessKey", FakeVtigerServer.md5(second + KEY))).success());
    }

    @Test
    void addedUsersLogInWithTheirOwnKey() {
        String userId = server.addUser("sync", "0123456789abcdef");
        String token = client.challenge("sync");
        Response r = client.post(params("operation", "login", "username", "sync", "accessKey", FakeVtigerServer.md5(token + "0123456789abcdef")));
        assertEquals(userId, r.result().path("userId").asText());
        assertEquals("ACCESS_DENIED", client.get(params("operation", "getchallenge", "username", "nobody")).errorCode());
    }

    @Test
    void sessionsExpireWhenIdleAndOnGarbageCollection() {
        assertTrue(listTypes(session).success());
        server.advanceClock(Duration.ofMinutes(59));
        assertTrue(listTypes(session).success(), "using a session refreshes it");
        server.advanceClock(Duration.ofMinutes(61));
        assertEquals("INVALID_SESSIONID", listTypes(session).errorCode());

        server.setSessionIdleTimeout(Duration.ofMinutes(5));
        String s2 = client.login("admin", KEY);
        server.advanceClock(Duration.ofMinutes(6));
        assertEquals("INVALID_SESSIONID", listTypes(s2).errorCode());

        String s3 = client.login("admin", KEY);
        server.expireAllSessions();
        assertEquals("INVALID_SESSIONID", listTypes(s3).errorCode());
    }

    @Test
    void countsCallsPerOperationAndModuleButNotSeeds() {
        server.resetCounts();
        server.seed("Contacts", Map.of("lastname", "Seeded"));
        String id = createContact("Counted").path("id").asText();
        client.get(params("operation", "retrieve", "sessionName", session, "id", id));
        client.get(params("operation", "query", "sessionName", session, "query", "SELECT id FROM Contacts;"));
        assertEquals(1, server.calls("create"));
        assertEquals(1, server.calls("create", "Contacts"));
        assertEquals(0, server.calls("create", "Leads"));
        assertEquals(1, server.calls("retrieve", "Contacts"));
        assertEquals(1, server.calls("query", "Contacts"));
        assertEquals(3, server.totalCalls());
        assertEquals(Map.of("create", 1, "retrieve", 1, "query", 1), server.callCounts());
        server.resetCounts();
        assertEquals(0, server.totalCalls());
        assertEquals(2, server.records("Contacts").size());
    }

    @Test
    void failNextAnswersBeforeTheWriteIsApplied() {
        server.failNext("create", Fault.HTTP_500_EMPTY, 1);
        Response failed = client.post(createParams("Lost"));
        assertEquals(500, failed.status());
        assertEquals("", failed.body());
        assertTrue(server.records("Contacts").isEmpty());
        assertTrue(client.post(createParams("Kept")).success(), "the fault is used up");

        server.failNext("*", Fault.NON_JSON, 1);
        Response html = listTypes(session);
        assertEquals(200, html.status());
        assertTrue(html.body().startsWith("<!DOCTYPE html>"));

        server.failNext("listtypes", Fault.HTTP_429, 2);
        assertEquals(429, listTypes(session).status());
        assertEquals(429, listTypes(session).status());
        assertTrue(listTypes(session).success());
    }

    @Test
    void invalidSessionFaultDropsTheSession() {
        server.failNext("retrieve", Fault.INVALID_SESSIONID, 1);
        assertEquals("INVALID_SESSIONID", client.get(params("operation", "retrieve", "sessionName", session, "id", account)).errorCode());
        assertEquals("INVALID_SESSIONID", listTypes(session).errorCode(), "the session is really gone");
    }

    @Test
    void loginRaceFaultMakesTheLoginLoseOnce() {
        server.failNext("login", Fault.LOGIN_RACE, 1);
        assertThrows(IllegalStateException.class, () -> client.login("admin", KEY));
        assertTrue(client.login("admin", KEY).matches("[0-9a-f]{20}"));
    }

    @Test
    void timeoutFaultHoldsTheConnectionLongerThanTheClientWaits() {
        server.setTimeoutHold(Duration.ofSeconds(3));
        server.failNext("query", Fault.TIMEOUT, 1);
        RawVtiger impatient = new RawVtiger(server.endpoint(), Duration.ofMillis(300));
        UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> impatient.get(
                params("operation", "query", "sessionName", session, "query", "SELECT id FROM Contacts;")));
        assertTrue(e.getCause() instanceof HttpTimeoutException, e.toString());
    }

    @Test
    void randomFaultsAreReproducibleAndClearable() {
        server.setRandomFaults(1.0, 42L, Fault.HTTP_500_EMPTY);
        assertEquals(500, listTypes(session).status());
        server.clearFaults();
        assertTrue(listTypes(session).success());

        List<Integer> first = statuses(7L);
        List<Integer> second = statuses(7L);
        assertEquals(first, second);
        assertTrue(first.contains(500) && first.contains(200), first.toString());
    }

    @Test
    void latencyDelaysEachAnswer() {
        server.setLatency(Duration.ofMillis(250));
        long t0 = System.nanoTime();
        assertTrue(listTypes(session).success());
        assertTrue(System.nanoTime() - t0 >= 250_000_000L);
    }

    @Test
    void salesOrderTotalsAsRecorded() {
        String tee = product("Tee", "19.99");
        String mug = product("Mug", "8.50");
        String element = """
                {"subject":"order","sostatus":"Created","invoicestatus":"AutoCreated","account_id":"%s",
                 "assigned_user_id":"19x1","bill_street":"x","ship_street":"x","productid":"%s","hdnTaxType":"group",
                 "hdnS_H_Amount":"5.00","LineItems":[{"productid":"%s","quantity":"2","listprice":"19.99"},
                 {"productid":"%s","quantity":"1","listprice":"8.50","discount_amount":"1.00"},
                 {"productid":"14x999999","quantity":"1","listprice":"0"}]}""".formatted(account, tee, tee, mug);
        JsonNode created = client.post(params("operation", "create", "sessionName", session, "elementType", "SalesOrder",
                "element", element)).result();
        assertEquals("47.48", created.path("hdnSubTotal").asText());
        assertEquals("52.48", created.path("hdnGrandTotal").asText());
        assertEquals("52.48", created.path("pre_tax_total").asText());
        assertEquals("2.000", created.path("LineItems").get(0).path("quantity").asText());
        assertEquals("19.99000000", created.path("LineItems").get(0).path("listprice").asText());
        assertTrue(created.path("LineItems").get(0).path("id").asText().startsWith("33x"));
        assertTrue(created.path("LineItems").get(2).path("productid").isNull(), "unknown products are stored as null");

        JsonNode retrieved = client.get(params("operation", "retrieve", "sessionName", session,
                "id", created.path("id").asText())).result();
        assertEquals("47.48000000", retrieved.path("hdnSubTotal").asText());
        assertEquals("52.48000000", retrieved.path("hdnGrandTotal").asText());
        assertEquals("", retrieved.path("invoicestatus").asText(), "not persisted for non-recurring orders");
        assertEquals("98.000", server.record(tee).orElseThrow().get("qtyinstock"), "stock is decremented");
    }

    @Test
    void headerDiscountAndGroupTax() {
        String p = product("Box", "50");
        String element = """
                {"subject":"o","account_id":"%s","assigned_user_id":"19x1","bill_street":"x","ship_street":"x",
                 "productid":"%s","hdnTaxType":"group","hdnDiscountPercent":"10","tax1":"50",
                 "LineItems":[{"productid":"%s","quantity":"2","listprice":"50","tax1":"4.5"}]}""".formatted(account,
                p, p);
        JsonNode inv = client.post(params("operation", "create", "sessionName", session, "elementType", "Invoice",
                "element", element)).result();
        assertEquals("100", inv.path("hdnSubTotal").asText());
        // (100 − 10 %) + 4.5 % tax: the first line's rate; the header's tax1 counts for nothing (as on 8.2.0)
        assertEquals("94.05", inv.path("hdnGrandTotal").asText());
        assertEquals("INV1", inv.path("invoice_no").asText());
    }

    @Test
    @SuppressWarnings("unchecked")
    void phpFatalDefectsAnswerHttp500WithEmptyBody() {
        String p = product("P", "1");
        String order = server.seed("SalesOrder", Map.of("subject", "s", "sostatus", "Created", "account_id", account,
                "assigned_user_id", "19x1", "bill_street", "x", "ship_street", "x",
                "LineItems", List.of(Map.of("productid", p, "quantity", "1", "listprice", "10"))));
        Response revise = client.post(params("operation", "revise", "sessionName", session, "element",
                "{\"id\":\"" + order + "\",\"LineItems\":[{\"productid\":\"" + p + "\",\"quantity\":3,\"listprice\":10}]}"));
        assertEquals(500, revise.status());
        assertEquals("", revise.body());
        Map<String, Object> after = server.record(order).orElseThrow();
        assertEquals("10.00000000", after.get("hdnGrandTotal"), "totals stay stale");
        assertEquals("3.000", ((List<Map<String, Object>>) after.get("LineItems")).get(0).get("quantity"), "items replaced");

        assertEquals(500, client.post(params("operation", "logout", "sessionName", session)).status());
        assertTrue(listTypes(session).success(), "the session survives the failed logout");
        assertEquals(500, client.get(params("operation", "frobnicate", "sessionName", session)).status());
    }

    @Test
    void queryPagingLimitsAndFilters() {
        for (int i = 0; i < 112; i++) {
            server.seed("Contacts", Map.of("lastname", "Bulk" + i, "email", "c" + i + "@example.com", "assigned_user_id", "19x1"));
        }
        server.seed("Contacts", Map.of("lastname", "O'Brien", "assigned_user_id", "19x1"));
        assertEquals(100, query("SELECT id FROM Contacts;").size());
        assertEquals(100, query("SELECT id FROM Contacts LIMIT 500;").size());
        JsonNode page2 = query("SELECT id FROM Contacts ORDER BY id LIMIT 100, 100;");
        assertEquals(13, page2.size());
        JsonNode last5 = query("SELECT id, lastname FROM Contacts ORDER BY id DESC LIMIT 5;");
        assertEquals("O'Brien", last5.get(0).path("lastname").asText());
        JsonNode count = query("SELECT count(*) FROM Contacts;");
        assertEquals(1, count.size(), count.toString());
        assertEquals(Integer.toString(server.records("Contacts").size()), count.get(0).path("count").asText());
        assertEquals(1, query("SELECT * FROM Contacts WHERE lastname='O\\'Brien';").size());
        assertEquals(2, query("SELECT id FROM Contacts WHERE email IN ('c1@example.com','C2@EXAMPLE.COM');").size());
        // Bulk1, Bulk10..19, Bulk100..111 and Bulk2
        assertEquals(24, query("SELECT id FROM Contacts WHERE lastname LIKE 'Bulk1%' OR lastname = 'Bulk2';").size());
        assertEquals(1, query("SELECT id FROM Contacts WHERE lastname LIKE 'Bulk1%' AND email = 'c10@example.com';").size());

        Response noSemicolon = client.get(params("operation", "query", "sessionName", session, "query", "SELECT id FROM Contacts"));
        assertEquals("QUERY_SYNTAX_ERROR", noSemicolon.errorCode());
        assertEquals("ACCESS_DENIED", client.get(params("operation", "query", "sessionName", session,
                "query", "SELECT nosuchcol FROM Contacts;")).errorCode());
    }

    @Test
    void concurrentCreatesGetDistinctIds() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Future<String>> ids = new ArrayList<>();
            for (int i = 0; i < 60; i++) {
                String name = "Par" + i;
                ids.add(pool.submit(() -> createContact(name).path("id").asText()));
            }
            Set<String> distinct = new HashSet<>();
            for (Future<String> f : ids) {
                distinct.add(f.get());
            }
            assertEquals(60, distinct.size());
            assertEquals(60, server.records("Contacts").size());
            assertEquals(60, server.calls("create", "Contacts"));
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void deleteAndDataAccess() {
        String id = createContact("Gone").path("id").asText();
        assertTrue(server.record(id).isPresent());
        assertTrue(client.post(params("operation", "delete", "sessionName", session, "id", id)).success());
        assertFalse(server.record(id).isPresent());
        assertEquals("ACCESS_DENIED", client.post(params("operation", "delete", "sessionName", session, "id", id)).errorCode());
        assertNull(server.records("Contacts").stream().filter(r -> r.get("id").equals(id)).findAny().orElse(null));
    }

    // ---- storage limits (14_*), currencies, duplicate prevention (18_*), sessions (15_), sync (16_) ----

    @Test
    void aStreetLongerThanItsColumnIsCutTo250OnCreateAndOnRevise() {
        String street = "Strandvägen 7 — ".repeat(16).substring(0, 255);
        JsonNode created = post("create", "elementType", "Contacts", "element",
                "{\"lastname\":\"Limit255\",\"mailingstreet\":\"" + street + "\",\"assigned_user_id\":\"19x1\"}");
        assertEquals(street.substring(0, 250), created.path("mailingstreet").asText(), "the answer shows the stored value");
        String id = created.path("id").asText();
        assertEquals(street.substring(0, 250), server.record(id).orElseThrow().get("mailingstreet"));

        String other = "Östermalmsgatan 12, ".repeat(13).substring(0, 255);
        JsonNode revised = post("revise", "element", "{\"id\":\"" + id + "\",\"mailingstreet\":\"" + other + "\"}");
        assertEquals(other.substring(0, 250), revised.path("mailingstreet").asText());
        assertEquals(250, server.record(id).orElseThrow().get("mailingstreet").toString().length());
    }

    @Test
    void aLongSkuIsCutTo40AndFoundByItsCutFormOnly() {
        String sku = "LONG-SKU-0123456789012345678901234567890123456789-END";
        JsonNode created = post("create", "elementType", "Products", "element",
                "{\"productname\":\"Long SKU product\",\"productcode\":\"" + sku + "\",\"assigned_user_id\":\"19x1\"}");
        String cut = sku.substring(0, 40);
        assertEquals(cut, created.path("productcode").asText());
        assertEquals(0, query("SELECT id FROM Products WHERE productcode = '" + sku + "';").size());
        JsonNode found = query("SELECT id, productcode FROM Products WHERE productcode = '" + cut + "';");
        assertEquals(1, found.size());
        assertEquals(created.path("id").asText(), found.get(0).path("id").asText());
    }

    @Test
    void aLongProductNameIsCutTo100ButTheLabelKeepsItAll() {
        String name = "N".repeat(120);
        JsonNode created = post("create", "elementType", "Products", "element",
                "{\"productname\":\"" + name + "\",\"productcode\":\"NAME-120\",\"assigned_user_id\":\"19x1\"}");
        assertEquals("N".repeat(100), created.path("productname").asText());
        assertEquals(name, created.path("label").asText(), "crmentity.label is a varchar(255) computed from the input");
    }

    @Test
    void fourByteCharactersAreStoredAsFourQuestionMarks() {
        JsonNode created = post("create", "elementType", "Contacts", "element",
                "{\"lastname\":\"山田\",\"firstname\":\"Gift 🎁 𠮷 — ok\",\"assigned_user_id\":\"19x1\"}");
        assertEquals("Gift ???? ???? — ok", created.path("firstname").asText());
        assertEquals("山田", created.path("lastname").asText(), "3-byte characters are kept");
        assertEquals("Gift ???? ???? &mdash; ok 山田", created.path("label").asText(), "labels are HTML-encoded");
        assertEquals(1, query("SELECT id FROM Contacts WHERE firstname = 'Gift ???? ???? — ok';").size());
    }

    @Test
    void cuttingCountsCodePointsAndNeverSplitsASurrogatePair() {
        assertEquals("ab😀", Utf8mb3.cut("ab😀cd", 3));
        assertEquals("ab", Utf8mb3.cut("ab", 3));
        // MySQL converts first, then fits the column: the "????" count as four characters
        JsonNode created = post("create", "elementType", "Leads", "element",
                "{\"lastname\":\"L\",\"city\":\"" + "x".repeat(27) + "😀\",\"assigned_user_id\":\"19x1\"}");
        assertEquals("x".repeat(27) + "???", created.path("city").asText());
    }

    @Test
    void anOrderWithoutCurrencyHasCurrencyIdEmptyAndAnUnknownOneIsAccepted() {
        String p = product("P", "10");
        JsonNode none = post("create", "elementType", "SalesOrder", "element", order(p, null));
        assertEquals("", none.path("currency_id").asText());
        assertTrue(none.path("currency_id").isTextual());
        assertEquals("", server.record(none.path("id").asText()).orElseThrow().get("currency_id"));

        Response unknown = client.post(params("operation", "create", "sessionName", session, "elementType", "SalesOrder",
                "element", order(p, "21x99")));
        assertTrue(unknown.success(), "not refused: " + unknown.body());
        assertEquals("", unknown.result().path("currency_id").asText(), "names no currency, so the answer shows \"\"");
    }

    @Test
    void addedCurrenciesAreListedAndKeptOnOrders() {
        JsonNode before = query("SELECT * FROM Currency;");
        assertEquals(1, before.size(), "a fresh install has USD only");
        assertEquals("USD", before.get(0).path("currency_code").asText());
        assertEquals("21x1", before.get(0).path("id").asText());

        String eur = server.addCurrency("EUR");
        assertEquals("21x2", eur);
        assertEquals(eur, server.addCurrency("EUR"), "a code already there keeps its id");
        assertEquals("21x3", server.addCurrency("GBP", "UK, Pounds", "£", new java.math.BigDecimal("0.79")));
        JsonNode rows = query("SELECT id, currency_code, currency_name, conversion_rate, currency_status FROM Currency;");
        assertEquals(3, rows.size());
        assertEquals("Euro", rows.get(1).path("currency_name").asText());
        assertEquals("1.00000", rows.get(1).path("conversion_rate").asText());
        assertEquals("0.79000", rows.get(2).path("conversion_rate").asText());
        assertEquals("Active", rows.get(2).path("currency_status").asText());
        assertEquals(eur, query("SELECT id FROM Currency WHERE currency_code = 'EUR';").get(0).path("id").asText());

        String p = product("P", "10");
        JsonNode inEur = post("create", "elementType", "SalesOrder", "element", order(p, eur));
        assertEquals(eur, inEur.path("currency_id").asText());
        assertEquals(eur, server.record(inEur.path("id").asText()).orElseThrow().get("currency_id"));
    }

    @Test
    void aSecondOrganizationOfTheSameNameIsRefusedInAnyCase() {
        post("create", "elementType", "Accounts", "element", "{\"accountname\":\"Maria Garcia\",\"assigned_user_id\":\"19x1\"}");
        for (String name : List.of("Maria Garcia", "maria garcia")) {
            Response dup = client.post(params("operation", "create", "sessionName", session, "elementType", "Accounts",
                    "element", "{\"accountname\":\"" + name + "\",\"assigned_user_id\":\"19x1\"}"));
            assertEquals(200, dup.status());
            assertFalse(dup.success());
            JsonNode code = dup.json().path("error").path("code");
            assertTrue(code.isInt() && code.asInt() == 0, "code is the number 0: " + dup.body());
            assertEquals("Duplicate(s) detected!", dup.json().path("error").path("message").asText());
        }
        assertEquals(2, server.records("Accounts").size(), "Acme and the first Maria Garcia");

        createContactNamed("Maria", "Garcia");
        createContactNamed("Maria", "Garcia"); // Contacts allow duplicates
        assertEquals(2, server.records("Contacts").size());
    }

    @Test
    void reviseOrUpdateToANameAnotherOrganizationHoldsIsRefused() {
        String other = post("create", "elementType", "Accounts", "element",
                "{\"accountname\":\"Other Org\",\"assigned_user_id\":\"19x1\"}").path("id").asText();
        Response revise = client.post(params("operation", "revise", "sessionName", session,
                "element", "{\"id\":\"" + other + "\",\"accountname\":\"ACME\"}"));
        assertEquals(0, revise.json().path("error").path("code").asInt(-1), revise.body());
        assertTrue(revise.json().path("error").path("code").isNumber());
        assertEquals("Other Org", server.record(other).orElseThrow().get("accountname"), "nothing written");
        Response update = client.post(params("operation", "update", "sessionName", session,
                "element", "{\"id\":\"" + other + "\",\"accountname\":\"Acme\",\"assigned_user_id\":\"19x1\"}"));
        assertEquals("Duplicate(s) detected!", update.json().path("error").path("message").asText());

        assertTrue(client.post(params("operation", "revise", "sessionName", session, "element",
                "{\"id\":\"" + account + "\",\"accountname\":\"ACME\"}")).success(), "the record itself does not count");
        assertTrue(client.post(params("operation", "revise", "sessionName", session, "element",
                "{\"id\":\"" + other + "\",\"accountname\":\"Other Org\",\"phone\":\"1\"}")).success(), "unchanged name");
    }

    @Test
    void deletedRecordsDoNotCountAndPreventionCanBeTurnedOff() {
        assertTrue(client.post(params("operation", "delete", "sessionName", session, "id", account)).success());
        post("create", "elementType", "Accounts", "element", "{\"accountname\":\"Acme\",\"assigned_user_id\":\"19x1\"}");

        JsonNode describe = client.get(params("operation", "describe", "sessionName", session, "elementType", "Accounts")).result();
        assertFalse(describe.path("allowDuplicates").asBoolean(true));
        server.setDuplicatePrevention("Accounts", false);
        post("create", "elementType", "Accounts", "element", "{\"accountname\":\"Acme\",\"assigned_user_id\":\"19x1\"}");
        assertEquals(2, server.records("Accounts").size());
        describe = client.get(params("operation", "describe", "sessionName", session, "elementType", "Accounts")).result();
        assertTrue(describe.path("allowDuplicates").asBoolean(false));
        server.setDuplicatePrevention("Accounts", true);
        assertEquals("Duplicate(s) detected!", client.post(params("operation", "create", "sessionName", session,
                "elementType", "Accounts", "element", "{\"accountname\":\"acme\",\"assigned_user_id\":\"19x1\"}"))
                .json().path("error").path("message").asText());
    }

    @Test
    void callsWithOneSessionAreServedOneAfterAnotherAndSeveralSessionsInParallel() throws Exception {
        server.setLatency(Duration.ofMillis(200));
        String second = client.login("admin", KEY);
        String third = client.login("admin", KEY);
        long oneSession = wallMillisOfListTypes(session, session, session);
        long threeSessions = wallMillisOfListTypes(session, second, third);
        assertTrue(oneSession >= 590, "one session: " + oneSession + " ms");
        assertTrue(threeSessions < 450, "three sessions: " + threeSessions + " ms");
    }

    @Test
    void syncIsAPhpFatalAndModifiedtimeQueriesFindChanges() {
        Response sync = client.get(params("operation", "sync", "sessionName", session, "modifiedTime", "0",
                "elementType", "Contacts"));
        assertEquals(500, sync.status());
        assertEquals("", sync.body());
        assertEquals("INVALID_SESSIONID", client.get(params("operation", "sync", "sessionName", "nope",
                "modifiedTime", "0")).errorCode());

        String old = createContact("Old").path("id").asText();
        String untouched = createContact("Untouched").path("id").asText();
        String since = java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
                .withZone(java.time.ZoneOffset.UTC).format(server.now());
        server.advanceClock(Duration.ofSeconds(5));
        post("revise", "element", "{\"id\":\"" + old + "\",\"title\":\"edited\"}");
        String fresh = createContact("Fresh").path("id").asText();
        JsonNode changed = query("SELECT id, modifiedtime FROM Contacts WHERE modifiedtime > '" + since
                + "' ORDER BY modifiedtime LIMIT 0, 100;");
        assertEquals(2, changed.size());
        Set<String> ids = Set.of(changed.get(0).path("id").asText(), changed.get(1).path("id").asText());
        assertEquals(Set.of(old, fresh), ids);
        assertFalse(ids.contains(untouched));
    }

    @Test
    void modifiedtimeQueriesPageByTimeThenIdAndShowWhoChangedTheRecord() {
        String since = java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
                .withZone(java.time.ZoneOffset.UTC).format(server.now());
        server.advanceClock(Duration.ofSeconds(1));
        List<String> made = new ArrayList<>();
        for (int i = 0; i < 105; i++) {
            made.add(createContact("Paged" + i).path("id").asText()); // over a few seconds, several per second
        }
        // At most 100 rows a page; ORDER BY a column list (Vtiger's grammar) breaks the ties of one second by id.
        JsonNode first = query("SELECT id, modifiedtime FROM Contacts WHERE modifiedtime > '" + since
                + "' ORDER BY modifiedtime, id LIMIT 0, 100;");
        assertEquals(100, first.size());
        JsonNode second = query("SELECT id, modifiedtime FROM Contacts WHERE modifiedtime > '" + since
                + "' ORDER BY modifiedtime, id LIMIT 100, 100;");
        assertEquals(5, second.size());
        List<String> read = new ArrayList<>();
        first.forEach(r -> read.add(r.path("id").asText()));
        second.forEach(r -> read.add(r.path("id").asText()));
        assertEquals(made, read);
        // >= includes the second itself, > does not: compared to the second, as the server's clock wrote it.
        String second0 = first.get(0).path("modifiedtime").asText();
        String last = second.get(4).path("modifiedtime").asText();
        assertEquals(100, query("SELECT id FROM Contacts WHERE modifiedtime >= '" + second0
                + "' ORDER BY modifiedtime, id;").size());
        assertEquals(0, query("SELECT id FROM Contacts WHERE modifiedtime > '" + last + "';").size());
        // DESC applies to the last column of the list only, as Vtiger appends it after the list.
        JsonNode desc = query("SELECT id, modifiedtime FROM Contacts WHERE modifiedtime >= '" + last
                + "' ORDER BY modifiedtime, id DESC LIMIT 1;");
        assertEquals(made.get(104), desc.get(0).path("id").asText());

        // Another user's edit: a new modifiedtime and modifiedby that user.
        String colleague = server.addUser("colleague", "fedcba9876543210");
        String token = client.challenge("colleague");
        String theirs = client.post(params("operation", "login", "username", "colleague", "accessKey",
                FakeVtigerServer.md5(token + "fedcba9876543210"))).result().path("sessionName").asText();
        server.advanceClock(Duration.ofSeconds(3));
        Response revised = client.post(params("operation", "revise", "sessionName", theirs, "element",
                "{\"id\":\"" + made.get(7) + "\",\"phone\":\"+49 30 1234\"}"));
        assertTrue(revised.success(), revised.body());
        JsonNode changed = query("SELECT id, phone, modifiedby, modifiedtime FROM Contacts WHERE modifiedtime > '"
                + last + "' ORDER BY modifiedtime, id LIMIT 0, 100;");
        assertEquals(1, changed.size());
        assertEquals(made.get(7), changed.get(0).path("id").asText());
        assertEquals(colleague, changed.get(0).path("modifiedby").asText());
        assertEquals("+49 30 1234", changed.get(0).path("phone").asText());
    }

    private List<Integer> statuses(long seed) {
        server.setRandomFaults(0.5, seed, Fault.HTTP_500_EMPTY);
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            out.add(listTypes(session).status());
        }
        server.clearFaults();
        return out;
    }

    private Response listTypes(String sessionName) {
        return client.get(params("operation", "listtypes", "sessionName", sessionName));
    }

    private Map<String, String> createParams(String lastname) {
        return params("operation", "create", "sessionName", session, "elementType", "Contacts",
                "element", "{\"lastname\":\"" + lastname + "\",\"assigned_user_id\":\"19x1\"}");
    }

    private JsonNode createContact(String lastname) {
        Response r = client.post(createParams(lastname));
        assertTrue(r.success(), r.body());
        return r.result();
    }

    private String product(String name, String price) {
        return server.seed("Products", Map.of("productname", name, "unit_price", price, "qtyinstock", "100",
                "assigned_user_id", "19x1"));
    }

    private JsonNode post(String operation, String... kv) {
        Map<String, String> p = params(kv);
        p.put("operation", operation);
        p.put("sessionName", session);
        Response r = client.post(p);
        assertTrue(r.success(), r.body());
        return r.result();
    }

    private void createContactNamed(String first, String last) {
        post("create", "elementType", "Contacts", "element",
                "{\"firstname\":\"" + first + "\",\"lastname\":\"" + last + "\",\"assigned_user_id\":\"19x1\"}");
    }

    private String order(String productId, String currencyId) {
        return """
                {"subject":"o","sostatus":"Created","invoicestatus":"AutoCreated","account_id":"%s","assigned_user_id":"19x1",
                 "bill_street":"x","ship_street":"x","productid":"%s","hdnTaxType":"group",%s
                 "LineItems":[{"productid":"%s","quantity":"1","listprice":"10"}]}""".formatted(account, productId,
                currencyId == null ? "" : "\"currency_id\":\"" + currencyId + "\",", productId);
    }

    private long wallMillisOfListTypes(String... sessions) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(sessions.length);
        try {
            long t0 = System.nanoTime();
            List<Future<Response>> answers = new ArrayList<>();
            for (String s : sessions) {
                answers.add(pool.submit(() -> listTypes(s)));
            }
            for (Future<Response> a : answers) {
                assertTrue(a.get().success());
            }
            return (System.nanoTime() - t0) / 1_000_000;
        } finally {
            pool.shutdownNow();
        }
    }

    private JsonNode query(String vtql) {
        Response r = client.get(params("operation", "query", "sessionName", session, "query", vtql));
        assertTrue(r.success(), r.body());
        return r.result();
    }
}
