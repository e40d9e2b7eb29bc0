package com.mvsync.testing.vtiger.conformance;

import static com.mvsync.testing.vtiger.RawVtiger.params;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mvsync.testing.vtiger.RawVtiger;
import com.mvsync.testing.vtiger.RawVtiger.Response;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * One suite of raw webservice calls, every operation and error the product relies on, asserted as the real Vtiger CRM
 * 8.2.0 answers them (checked against a stock install, vtiger-server.sh). {@link DoubleConformanceTest} runs it against
 * the double, {@link RealConformanceTest} against a real server; where they part, the double is wrong.
 *
 * <p>Answers are compared by shape (keys present), error code and message, and the value stored (read back with
 * retrieve or query). Every record the suite creates carries this run's tag in its name and is deleted at the end, so
 * a real server is left as found and runs never meet each other's records.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class VtigerConformance {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String DENIED = "Permission to perform the operation is denied";
    private static final Set<String> FIELD_KEYS = Set.of("name", "label", "mandatory", "type", "isunique", "nullable",
            "editable", "default");

    /** Sessions for calls made at once: Vtiger serves the calls of one session one after another. */
    private static final int PARALLEL = 4;

    private RawVtiger raw;
    private String session;
    private final List<String> sessions = new ArrayList<>();
    private String userId;
    private String leadPrefix;
    /** Unique per run: names of this run's records start with it. */
    protected final String tag = "Conf" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    private final List<String> created = Collections.synchronizedList(new ArrayList<>());

    /** The webservice endpoint ({@code .../webservice.php}). */
    protected abstract String endpoint();

    protected abstract String user();

    protected abstract String accessKey();

    /** Called after the clean-up (the double closes its server here). */
    protected void afterSuite() {
    }

    @BeforeAll
    void login() {
        raw = new RawVtiger(endpoint());
        JsonNode login = ok(loginAnswer(raw.challenge(user())));
        session = login.path("sessionName").asText();
        userId = login.path("userId").asText();
        leadPrefix = ok(get("describe", "elementType", "Leads")).path("idPrefix").asText();
        for (int i = 0; i < PARALLEL; i++) { // one after another: a login's challenge replaces the previous one
            sessions.add(raw.login(user(), accessKey()));
        }
    }

    @AfterAll
    void deleteWhatTheSuiteCreated() {
        try {
            List<String> ids = new ArrayList<>(created);
            Collections.reverse(ids); // orders and invoices before the accounts and products they name
            List<String> leads = ids.stream().filter(id -> id.startsWith(leadPrefix + "x")).toList();
            ids.removeAll(leads);
            inParallel(leads.stream().map(id -> (Function<String, String>) s -> deleteIn(s, id)).toList());
            ids.forEach(id -> deleteIn(session, id));
            for (String module : List.of("Leads", "Accounts", "Contacts", "Products", "SalesOrder", "Invoice")) {
                String name = module.equals("Accounts") ? "accountname" : module.equals("Products") ? "productname"
                        : List.of("SalesOrder", "Invoice").contains(module) ? "subject" : "lastname";
                assertEquals(0, rows(query("SELECT id FROM " + module + " WHERE " + name + " LIKE '" + tag + "%';")).size(),
                        module + " records of this run are left behind");
            }
        } finally {
            afterSuite();
        }
    }

    // ---- getchallenge, login, sessions ---------------------------------------------------------------

    @Test
    void loginWithTheMd5OfTokenAndKeyAnswersASession() {
        Response challenge = raw.get(params("operation", "getchallenge", "username", user()));
        assertTrue(challenge.success(), challenge.body());
        assertEquals(Set.of("token", "serverTime", "expireTime"), keys(challenge.result()));
        assertEquals(300, challenge.result().path("expireTime").asLong() - challenge.result().path("serverTime").asLong());
        String token = challenge.result().path("token").asText();

        Response login = loginAnswer(token);
        assertTrue(login.success(), login.body());
        assertEquals(Set.of("username", "first_name", "last_name", "email", "time_zone", "hour_format", "date_format",
                "is_admin", "call_duration", "other_event_duration", "sessionName", "userId", "version", "vtigerVersion"),
                keys(login.result()));
        assertEquals(user(), login.result().path("username").asText());
        assertTrue(login.result().path("userId").asText().matches("19x\\d+"), login.body());
        assertEquals("8.2.0", login.result().path("vtigerVersion").asText());
        assertEquals("0.22", login.result().path("version").asText());
        assertTrue(loginAnswer(token).success(), "a token serves several logins within its 300 s");
        assertTrue(get("listtypes").success(), "an earlier session stays valid after later logins of the user");
    }

    @Test
    void loginRefusals() {
        String token = raw.challenge(user());
        assertError(raw.post(params("operation", "login", "username", user(), "accessKey",
                RawVtiger.accessKey(token, accessKey() + "x"))), "INVALID_USER_CREDENTIALS", "Invalid username or password");
        assertError(raw.post(params("operation", "login", "username", user(), "accessKey", accessKey())),
                "INVALID_USER_CREDENTIALS", "Invalid username or password");
        // login must be a POST: a GET carries no parameters Vtiger reads, so its token is "invalid"
        assertError(raw.get(params("operation", "login", "username", user(), "accessKey",
                RawVtiger.accessKey(raw.challenge(user()), accessKey()))), "INVALID_AUTH_TOKEN",
                "Specified token is invalid or expired");
        assertError(raw.get(params("operation", "getchallenge", "username", tag + "nobody")), "ACCESS_DENIED",
                "username does not exists");
        assertError(raw.post(params("operation", "login", "username", tag + "nobody", "accessKey", "0123")),
                "INVALID_AUTH_TOKEN", "Specified token is invalid or expired");
    }

    @Test
    void aSecondChallengeOfTheSameUserReplacesTheFirstSoTheSlowerLoginLoses() {
        String first = raw.challenge(user());
        String second = raw.challenge(user());
        assertNotEquals(first, second);
        assertError(loginAnswer(first), "INVALID_USER_CREDENTIALS", "Invalid username or password");
        assertTrue(loginAnswer(second).success());
    }

    @Test
    void unknownAndMissingSessions() {
        assertError(raw.get(params("operation", "listtypes", "sessionName", "0123456789abcdef0123")), "INVALID_SESSIONID",
                "Session Identifier provided is Invalid");
        assertError(raw.get(params("operation", "listtypes")), "AUTHENTICATION_REQUIRED", "Authencation required");
    }

    @Test
    void rateLimitHeadersAreNotSent() {
        Response r = get("listtypes");
        assertTrue(r.success());
        assertTrue(r.headers().keySet().stream().noneMatch(h -> h.startsWith("x-floodcontrol") || h.startsWith("x-ratelimit")
                || h.equals("retry-after")), () -> "headers: " + r.headers().keySet());
        assertTrue(r.header("content-type").startsWith("application/json"), r.header("content-type"));
    }

    // ---- listtypes, describe ---------------------------------------------------------------------------

    @Test
    void listtypesNamesTheModulesWithTheirInformation() {
        JsonNode result = ok(get("listtypes"));
        assertEquals(Set.of("types", "information"), keys(result));
        Set<String> types = texts(result.path("types"));
        assertTrue(types.containsAll(List.of("Leads", "Accounts", "Contacts", "Products", "SalesOrder", "Invoice",
                "Currency")), types.toString());
        assertEquals(Set.of("isEntity", "label", "singular"), keys(result.path("information").path("Contacts")));
        assertTrue(result.path("information").path("Contacts").path("isEntity").asBoolean());
        assertFalse(result.path("information").path("Currency").path("isEntity").asBoolean());
    }

    @Test
    void describeGivesFieldsMandatoryUniqueAndIdPrefix() {
        Map<String, List<String>> mandatory = Map.of(
                "Leads", List.of("assigned_user_id", "lastname"),
                "Accounts", List.of("accountname", "assigned_user_id"),
                "Contacts", List.of("assigned_user_id", "lastname"),
                "Products", List.of("assigned_user_id", "productname"),
                "SalesOrder", List.of("account_id", "assigned_user_id", "bill_street", "invoicestatus", "productid",
                        "ship_street", "sostatus", "subject"),
                "Invoice", List.of("account_id", "assigned_user_id", "bill_street", "productid", "ship_street", "subject"));
        for (Map.Entry<String, List<String>> e : mandatory.entrySet()) {
            JsonNode d = ok(get("describe", "elementType", e.getKey()));
            assertEquals(Set.of("label", "name", "createable", "updateable", "deleteable", "retrieveable", "fields",
                    "idPrefix", "isEntity", "allowDuplicates", "labelFields"), keys(d), e.getKey());
            assertTrue(d.path("idPrefix").asText().matches("\\d+"), d.path("idPrefix").toString());
            assertFalse(d.path("allowDuplicates").asBoolean(true), e.getKey());
            Set<String> mandatoryFields = new TreeSet<>();
            Set<String> unique = new TreeSet<>();
            for (JsonNode f : d.path("fields")) {
                if (!f.path("name").asText().equals("id") && !f.path("name").asText().startsWith("shipping_&_handling")
                        && !List.of("tax1", "tax2", "tax3", "currency1").contains(f.path("name").asText())) {
                    assertEquals(FIELD_KEYS, keys(f), e.getKey() + "." + f.path("name").asText());
                }
                assertTrue(f.path("type").has("name"), f.toString());
                if (f.path("mandatory").asBoolean()) {
                    mandatoryFields.add(f.path("name").asText());
                }
                if (f.path("isunique").asBoolean()) {
                    unique.add(f.path("name").asText());
                }
            }
            assertEquals(new TreeSet<>(e.getValue()), mandatoryFields, e.getKey());
            assertEquals(e.getKey().equals("Accounts") ? Set.of("accountname") : Set.of(), unique, e.getKey());
        }
        JsonNode leadsource = field(ok(get("describe", "elementType", "Leads")), "leadsource");
        assertEquals("picklist", leadsource.path("type").path("name").asText());
        JsonNode values = leadsource.path("type").path("picklistValues");
        assertTrue(values.size() > 1);
        values.forEach(v -> assertEquals(Set.of("label", "value"), keys(v)));
        assertTrue(texts(values, "value").contains("Cold Call"), values.toString());
        assertEquals("21", ok(get("describe", "elementType", "Currency")).path("idPrefix").asText());
        assertError(get("describe", "elementType", "Foobar"), "ACCESS_DENIED", DENIED + " for name : Foobar");
    }

    // ---- query -------------------------------------------------------------------------------------------

    @Test
    void queryNeedsItsSemicolonAndAnswersErrorsByKind() {
        assertError(get("query", "query", "SELECT id FROM Contacts"), "QUERY_SYNTAX_ERROR",
                "Syntax Error on line 1: token 'Contacts' Unexpected End of Input(0), expected one of: SEMICOLON");
        assertError(get("query", "query", "SELECT * Contacts;"), "ACCESS_DENIED", DENIED + " for query");
        assertError(get("query", "query", "SELECT nosuchcol FROM Contacts;"), "ACCESS_DENIED",
                "Permission to access '.nosuchcol.' attribute denied.");
        assertError(get("query", "query", "SELECT * FROM Foobar;"), "ACCESS_DENIED", DENIED + " for name : Foobar");
    }

    @Test
    void queryCapsAt100RowsAndPagesWithLimitOffset() {
        String name = tag + "Page";
        List<String> ids = inParallel(IntStream.range(0, 105).mapToObj(i -> (Function<String, String>)
                s -> createIn(s, "Leads", Map.of("lastname", name + i, "assigned_user_id", userId))).toList());
        String where = " FROM Leads WHERE lastname LIKE '" + name + "%'";
        assertEquals(100, rows(query("SELECT id" + where + ";")).size(), "no LIMIT: 100 rows");
        assertEquals(100, rows(query("SELECT id" + where + " LIMIT 500;")).size(), "LIMIT 500: still 100");
        List<String> first = ids(query("SELECT id" + where + " ORDER BY id LIMIT 0, 100;"));
        List<String> second = ids(query("SELECT id" + where + " ORDER BY id LIMIT 100, 100;"));
        assertEquals(100, first.size());
        assertEquals(5, second.size());
        List<String> all = new ArrayList<>(first);
        all.addAll(second);
        assertEquals(new HashSet<>(ids), new HashSet<>(all), "the two pages hold every record once");
        assertEquals(105, new HashSet<>(all).size());
        JsonNode count = rows(query("SELECT count(*)" + where + ";"));
        assertEquals(1, count.size(), count.toString());
        assertEquals(Set.of("count"), keys(count.get(0)));
        assertEquals("105", count.get(0).path("count").asText(), "count(*) answers one row, the count as a string");
    }

    @Test
    void querySelectsColumnsComparesCaseInsensitivelyAndTakesIn() {
        String a = create("Contacts", Map.of("lastname", tag + "Alpha", "firstname", "Ann", "email",
                "ann@" + tag.toLowerCase() + ".example", "assigned_user_id", userId)).path("id").asText();
        String b = create("Contacts", Map.of("lastname", tag + "Beta", "firstname", "Bob",
                "assigned_user_id", userId)).path("id").asText();
        JsonNode one = rows(query("SELECT firstname, lastname FROM Contacts WHERE lastname = '"
                + (tag + "ALPHA").toLowerCase() + "';"));
        assertEquals(1, one.size(), "'=' compares as MariaDB's utf8mb3_general_ci: case-insensitively");
        // the id comes along although not selected, after the selected columns
        assertEquals(List.of("firstname", "lastname", "id"), fieldNames(one.get(0)));
        assertEquals(a, one.get(0).path("id").asText());
        assertEquals(tag + "Alpha", one.get(0).path("lastname").asText());
        assertEquals(List.of("id", "email"), fieldNames(rows(query("SELECT id, email FROM Contacts WHERE email = 'ANN@"
                + tag.toUpperCase() + ".EXAMPLE';")).get(0)));
        assertEquals(Set.of(a, b), new HashSet<>(ids(query("SELECT id FROM Contacts WHERE lastname IN ('" + tag + "Alpha', '"
                + tag + "beta', '" + tag + "Gamma');"))));
        assertEquals(0, rows(query("SELECT id FROM Contacts WHERE lastname = '" + tag + "Nobody';")).size());
        JsonNode star = rows(query("SELECT * FROM Contacts WHERE id = '" + b + "';")).get(0);
        Set<String> retrieved = keys(retrieve(b));
        retrieved.remove("label");
        assertEquals(retrieved, keys(star), "SELECT * answers the retrieve columns but the label");
    }

    // ---- create, retrieve, revise, update, delete -------------------------------------------------------

    @Test
    void createRetrieveReviseUpdateDelete() {
        JsonNode c = create("Contacts", Map.of("lastname", tag + "Crud", "firstname", "Carla", "mailingcity", "Lyon",
                "assigned_user_id", userId));
        String id = c.path("id").asText();
        assertTrue(id.matches("12x\\d+"), id);
        assertEquals(keys(c), keys(retrieve(id)), "create answers the stored record, as retrieve does");
        assertEquals("Carla " + tag + "Crud", c.path("label").asText());
        assertTrue(c.path("contact_no").asText().matches("CON\\d+"), c.path("contact_no").asText());
        assertEquals(userId, c.path("modifiedby").asText());
        assertEquals("WEBSERVICE", c.path("source").asText());

        JsonNode revised = ok(post("revise", "element", json(Map.of("id", id, "mailingcity", "Paris"))));
        assertEquals("Paris", revised.path("mailingcity").asText());
        assertEquals("Carla", revised.path("firstname").asText(), "revise keeps the fields it is not given");
        assertEquals("Paris", retrieve(id).path("mailingcity").asText());

        for (JsonNode answer : List.of(c, retrieve(id))) {
            assertTrue(answer.path("account_id").isTextual() && answer.path("contact_id").isTextual(),
                    "references without a value answer \"\", not null: " + answer);
            assertEquals("", answer.path("account_id").asText());
        }
        Map<String, Object> full = new LinkedHashMap<>();
        retrieve(id).fields().forEachRemaining(e -> full.put(e.getKey(), e.getValue()));
        full.put("firstname", "Carol");
        JsonNode updated = ok(post("update", "element", json(full)));
        assertEquals("Carol", updated.path("firstname").asText());
        assertEquals("Paris", retrieve(id).path("mailingcity").asText());
        assertEquals("Carol", retrieve(id).path("firstname").asText());

        JsonNode deleted = ok(post("delete", "id", id));
        assertEquals(Set.of("status"), keys(deleted));
        assertEquals("successful", deleted.path("status").asText());
        assertError(get("retrieve", "id", id), "ACCESS_DENIED", DENIED);
    }

    @Test
    void aDeletedRecordIsAccessDeniedEverywhere() {
        String id = create("Leads", Map.of("lastname", tag + "Gone", "assigned_user_id", userId)).path("id").asText();
        assertEquals("successful", ok(post("delete", "id", id)).path("status").asText());
        assertError(get("retrieve", "id", id), "ACCESS_DENIED", DENIED);
        assertError(post("delete", "id", id), "ACCESS_DENIED", DENIED);
        assertError(post("revise", "element", json(Map.of("id", id, "firstname", "x"))), "ACCESS_DENIED", DENIED);
        assertEquals(0, rows(query("SELECT id FROM Leads WHERE lastname = '" + tag + "Gone';")).size(),
                "a query does not see it");
    }

    @Test
    void badIdsAndModules() {
        assertError(get("retrieve", "id", "12x999999999"), "ACCESS_DENIED", DENIED);
        assertError(get("retrieve", "id", "123"), "ACCESS_DENIED", DENIED + " for id");
        assertError(get("retrieve", "id", "999x1"), "ACCESS_DENIED", DENIED + " for id");
        assertError(post("retrieve", "id", "12x1"), "ACCESS_DENIED", DENIED + " for id"); // reads are GETs
        String lead = create("Leads", Map.of("lastname", tag + "Prefix", "assigned_user_id", userId)).path("id").asText();
        assertError(get("retrieve", "id", "11x" + lead.substring(lead.indexOf('x') + 1)), "INVALID_ID_ATTRIBUTE",
                "Id specified is incorrect");
        assertError(post("create", "elementType", "Foobar", "element", json(Map.of("lastname", "x"))), "ACCESS_DENIED",
                DENIED);
        // An element that is no JSON object is taken as an empty one: create misses its first mandatory field,
        // revise and update miss the id; a JSON string is a PHP fatal.
        for (String element : List.of("{not json", "{lastname: x", "", "[1,2]")) {
            assertError(post("create", "elementType", "Contacts", "element", element), "MANDATORY_FIELDS_MISSING",
                    "lastname does not have a value");
            assertError(post("revise", "element", element), "ACCESS_DENIED", DENIED + " for id");
            assertError(post("update", "element", element), "ACCESS_DENIED", DENIED + " for id");
        }
        Response string = post("create", "elementType", "Contacts", "element", "\"text\"");
        assertEquals(500, string.status());
        assertEquals("", string.body());
    }

    // ---- validation ------------------------------------------------------------------------------------

    @Test
    void mandatoryFieldsOnCreateAndRevise() {
        assertError(tryCreate("Contacts", Map.of("firstname", tag + "NoLast", "assigned_user_id", userId)),
                "MANDATORY_FIELDS_MISSING", "lastname does not have a value");
        assertError(tryCreate("Leads", Map.of("lastname", tag + "NoOwner")), "MANDATORY_FIELDS_MISSING",
                "assigned_user_id does not have a value");
        String id = create("Contacts", Map.of("lastname", tag + "Blank", "assigned_user_id", userId)).path("id").asText();
        assertError(post("revise", "element", json(Map.of("id", id, "lastname", ""))), "MANDATORY_FIELDS_MISSING",
                "lastname does not have a value");
        assertEquals(tag + "Blank", retrieve(id).path("lastname").asText(), "the refused revise changed nothing");
    }

    @Test
    void referencesAreCheckedByModuleOnlyAndOneToNoLiveRecordIsStoredEmpty() {
        // Create.php checks the module an id's prefix names against the field's refersTo, not the record: a
        // Leads id for account_id is refused, but an Accounts id of no live account is taken and stored as "".
        String lead = create("Leads", Map.of("lastname", tag + "RefLead", "assigned_user_id", userId)).path("id").asText();
        assertError(tryCreate("Contacts", Map.of("lastname", tag + "Ref", "assigned_user_id", userId,
                "account_id", lead)), "REFERENCE_INVALID", "Invalid reference specified for account_id");
        assertError(tryCreate("Contacts", Map.of("lastname", tag + "Ref", "assigned_user_id", userId,
                "account_id", userId)), "REFERENCE_INVALID", "Invalid reference specified for account_id");
        for (String noId : List.of("garbage", "999x1")) {
            assertError(tryCreate("Contacts", Map.of("lastname", tag + "Ref", "assigned_user_id", userId,
                    "account_id", noId)), "ACCESS_DENIED", DENIED + " for id");
        }
        String account = create("Accounts", Map.of("accountname", tag + "RefAcc", "assigned_user_id", userId))
                .path("id").asText();
        JsonNode linked = create("Contacts", Map.of("lastname", tag + "RefLinked", "assigned_user_id", userId,
                "account_id", account));
        assertEquals(account, linked.path("account_id").asText());
        ok(post("delete", "id", account));
        assertEquals("", retrieve(linked.path("id").asText()).path("account_id").asText(),
                "a link to a record deleted since reads back empty");
        for (String noAccount : List.of(account, "11x999999999", "11x" + lead.substring(lead.indexOf('x') + 1))) {
            JsonNode contact = create("Contacts", Map.of("lastname", tag + "RefNone", "assigned_user_id", userId,
                    "account_id", noAccount));
            assertEquals("", contact.path("account_id").asText(), noAccount);
            assertEquals("", retrieve(contact.path("id").asText()).path("account_id").asText(), noAccount);
            assertEquals("", rows(query("SELECT account_id FROM Contacts WHERE id = '" + contact.path("id").asText()
                    + "';")).get(0).path("account_id").asText(), noAccount);
        }
        String contact = create("Contacts", Map.of("lastname", tag + "RefRevised", "assigned_user_id", userId))
                .path("id").asText();
        assertEquals("", ok(post("revise", "element", json(Map.of("id", contact, "account_id", "11x999999999"))))
                .path("account_id").asText(), "revise takes it the same way");
    }

    @Test
    void anOwnerWhoIsNoUserIsSavedButAnsweredWithAnHtmlPage() {
        // The owner field is not a reference (type "owner"): its crmid is taken as a user id whatever the prefix, and
        // a user id that does not exist makes PHP stop with this page AFTER the record was saved. A client that
        // retries on a non-JSON answer creates the record twice.
        Response r = post("create", "elementType", "Contacts", "element", json(Map.of("lastname", tag + "NoOwner",
                "assigned_user_id", "19x999999")));
        assertEquals(200, r.status());
        assertTrue(r.header("content-type").startsWith("text/html"), r.header("content-type"));
        assertEquals("Sorry! Attempt to access restricted file.", r.body());
        List<String> saved = ids(query("SELECT id FROM Contacts WHERE lastname = '" + tag + "NoOwner';"));
        created.addAll(saved);
        assertEquals(1, saved.size(), "the record was saved");
        assertEquals("999999", retrieve(saved.get(0)).path("assigned_user_id").asText(),
                "no user to name the id after: the bare number");
        JsonNode other = create("Contacts", Map.of("lastname", tag + "OwnerPrefix", "assigned_user_id",
                "12x" + userId.substring(userId.indexOf('x') + 1)));
        assertEquals(userId, other.path("assigned_user_id").asText(), "only the crmid of an owner id counts");
    }

    @Test
    void duplicatePreventionRefusesASecondOrganizationOfTheSameName() {
        String name = tag + "Dup Ltd";
        String first = create("Accounts", Map.of("accountname", name, "assigned_user_id", userId)).path("id").asText();
        Response again = tryCreate("Accounts", Map.of("accountname", name.toUpperCase(), "assigned_user_id", userId));
        assertFalse(again.success());
        assertTrue(again.json().path("error").path("code").isNumber(), "the code is the JSON number 0: " + again.body());
        assertEquals(0, again.json().path("error").path("code").asInt(-1));
        assertEquals("Duplicate(s) detected!", again.json().path("error").path("message").asText());
        String other = create("Accounts", Map.of("accountname", tag + "Other Ltd", "assigned_user_id", userId))
                .path("id").asText();
        Response renamed = post("revise", "element", json(Map.of("id", other, "accountname", name)));
        assertEquals(0, renamed.json().path("error").path("code").asInt(-1), "revise is checked too: " + renamed.body());
        assertEquals(tag + "Other Ltd", retrieve(other).path("accountname").asText());
        assertTrue(post("revise", "element", json(Map.of("id", first, "accountname", name))).success(),
                "a record does not collide with itself");
        assertTrue(tryCreate("Contacts", Map.of("lastname", name, "assigned_user_id", userId)).success());
        assertTrue(tryCreate("Contacts", Map.of("lastname", name, "assigned_user_id", userId)).success(),
                "Contacts allow duplicates");
        ok(post("delete", "id", first));
        assertTrue(tryCreate("Accounts", Map.of("accountname", name, "assigned_user_id", userId)).success(),
                "a deleted holder does not block the name");
    }

    // ---- stored values -----------------------------------------------------------------------------------

    @Test
    void aValueLongerThanItsColumnIsCutSilently() {
        String city = tag + "C".repeat(60); // mailingcity is varchar(40)
        JsonNode c = create("Contacts", Map.of("lastname", tag + "Long", "mailingcity", city, "assigned_user_id", userId));
        assertEquals(city.substring(0, 40), c.path("mailingcity").asText());
        assertEquals(city.substring(0, 40), retrieve(c.path("id").asText()).path("mailingcity").asText());
        assertEquals(0, rows(query("SELECT id FROM Contacts WHERE mailingcity = '" + city + "';")).size(),
                "a lookup by the full value finds nothing");
        assertEquals(1, rows(query("SELECT id FROM Contacts WHERE mailingcity = '" + city.substring(0, 40) + "';")).size());
    }

    @Test
    void fourByteCharactersAreStoredAsQuestionMarks() {
        JsonNode c = create("Contacts", Map.of("lastname", tag + "Emoji", "firstname", "Zo\u00eb \uD83D\uDE00 \u5c71",
                "assigned_user_id", userId));
        assertEquals("Zo\u00eb ???? \u5c71", c.path("firstname").asText(), "3-byte characters stay");
        assertEquals("Zo\u00eb ???? \u5c71", retrieve(c.path("id").asText()).path("firstname").asText());
    }

    @Test
    void picklistsTakeAnyText() {
        JsonNode lead = create("Leads", Map.of("lastname", tag + "Pick", "leadsource", "Magento " + tag,
                "assigned_user_id", userId));
        assertEquals("Magento " + tag, retrieve(lead.path("id").asText()).path("leadsource").asText());
    }

    @Test
    void productUnitPriceIsRoundedToTheUsersCurrencyDecimals() {
        // The clean 8.2.0 install's admin has no_of_currency_decimals NULL, i.e. 0: the price is rounded half up to
        // whole units on create and on revise (VtigerProductOperation formats it for the user, Products saves that).
        JsonNode p = create("Products", Map.of("productname", tag + "Price", "unit_price", "12.50",
                "assigned_user_id", userId));
        assertEquals("13.00000000", p.path("unit_price").asText());
        String id = p.path("id").asText();
        assertEquals("13.00000000", retrieve(id).path("unit_price").asText());
        assertEquals("10.00000000", ok(post("revise", "element", json(Map.of("id", id, "unit_price", "9.876"))))
                .path("unit_price").asText());
        assertEquals("10.00000000", rows(query("SELECT unit_price FROM Products WHERE id = '" + id + "';")).get(0)
                .path("unit_price").asText());
    }

    // ---- inventory: SalesOrder, Invoice, currencies -----------------------------------------------------

    @Test
    void salesOrderWithLineItemsStoresItsTotalsAndTakesHeaderOnlyRevises() {
        String account = create("Accounts", Map.of("accountname", tag + "SO Buyer", "assigned_user_id", userId))
                .path("id").asText();
        String product = create("Products", Map.of("productname", tag + "SO Item", "unit_price", "10",
                "assigned_user_id", userId)).path("id").asText();
        Map<String, Object> order = order(account, product, "SalesOrder");
        order.put("sostatus", "Created");
        order.put("invoicestatus", "AutoCreated");
        JsonNode so = create("SalesOrder", order);
        String id = so.path("id").asText();
        assertTrue(id.matches("6x\\d+"), id);
        assertEquals(2, so.path("LineItems").size());
        JsonNode stored = retrieve(id);
        assertEquals("24.33300000", stored.path("hdnSubTotal").asText());
        assertEquals("24.33300000", stored.path("hdnGrandTotal").asText());
        assertEquals("group", stored.path("hdnTaxType").asText());
        assertEquals("", stored.path("invoicestatus").asText(), "not kept on an order without recurring invoicing");
        assertEquals(List.of("10.50000000", "3.33300000"), texts(stored.path("LineItems"), "listprice"));
        assertEquals(List.of("2.000", "1.000"), texts(stored.path("LineItems"), "quantity"));
        assertEquals(product, stored.path("LineItems").get(0).path("productid").asText());

        JsonNode revised = ok(post("revise", "element", json(Map.of("id", id, "sostatus", "Approved"))));
        assertEquals("Approved", revised.path("sostatus").asText());
        JsonNode after = retrieve(id);
        assertEquals("Approved", after.path("sostatus").asText());
        assertEquals("24.33300000", after.path("hdnGrandTotal").asText(), "a header-only revise keeps the totals");
        assertEquals(2, after.path("LineItems").size());
        JsonNode row = rows(query("SELECT id, sostatus, hdnGrandTotal FROM SalesOrder WHERE id = '" + id + "';")).get(0);
        assertEquals(List.of("id", "sostatus", "hdnGrandTotal"), fieldNames(row));
        assertEquals("24.33300000", row.path("hdnGrandTotal").asText());

        Map<String, Object> invoice = order(account, product, "Invoice");
        invoice.put("salesorder_id", id);
        invoice.put("invoicestatus", "Created");
        JsonNode inv = create("Invoice", invoice);
        assertTrue(inv.path("id").asText().matches("7x\\d+"), inv.path("id").asText());
        assertEquals("24.33300000", retrieve(inv.path("id").asText()).path("hdnGrandTotal").asText());
        assertEquals(id, retrieve(inv.path("id").asText()).path("salesorder_id").asText());
    }

    @Test
    void groupTaxTakesTheFirstLinesRatesForTheWholeSubtotalAndShippingTaxItsOwn() {
        String account = create("Accounts", Map.of("accountname", tag + "Tax Buyer", "assigned_user_id", userId))
                .path("id").asText();
        String product = create("Products", Map.of("productname", tag + "Tax Item", "unit_price", "100",
                "assigned_user_id", userId)).path("id").asText();
        Map<String, Object> order = order(account, product, "SalesOrder");
        order.put("sostatus", "Created");
        order.put("invoicestatus", "AutoCreated");
        order.put("tax1", "50"); // a header's tax1 counts for nothing
        order.put("hdnS_H_Amount", "10");
        order.put("shtax1_sh_percent", "19");
        order.put("LineItems", List.of(
                Map.of("productid", product, "quantity", "1", "listprice", "100", "tax1", "19"),
                Map.of("productid", product, "quantity", "2", "listprice", "50", "tax2", "7")));

        String id = create("SalesOrder", order).path("id").asText();

        JsonNode stored = retrieve(id);
        assertEquals("200.00000000", stored.path("hdnSubTotal").asText());
        assertEquals("210.00000000", stored.path("pre_tax_total").asText());
        // 200 + 19 % of 200 (line 2's 7 % is ignored) + 10 + 19 % of 10
        assertEquals("249.90000000", stored.path("hdnGrandTotal").asText());
        assertEquals(List.of("19.000", "0.000"), texts(stored.path("LineItems"), "tax1"));
        assertEquals(List.of("0.000", "7.000"), texts(stored.path("LineItems"), "tax2"));
    }

    @Test
    void inventoryCreateRefusals() {
        String account = create("Accounts", Map.of("accountname", tag + "Refusals", "assigned_user_id", userId))
                .path("id").asText();
        String product = create("Products", Map.of("productname", tag + "Refused Item", "unit_price", "1",
                "assigned_user_id", userId)).path("id").asText();
        Map<String, Object> noLines = order(account, product, "SalesOrder");
        noLines.put("sostatus", "Created");
        noLines.put("invoicestatus", "AutoCreated");
        noLines.remove("LineItems");
        assertError(tryCreate("SalesOrder", noLines), "MANDATORY_FIELDS_MISSING", "Mandatory Fields Missing..");
        Map<String, Object> noProduct = order(account, product, "SalesOrder");
        noProduct.put("sostatus", "Created");
        noProduct.put("invoicestatus", "AutoCreated");
        noProduct.remove("productid");
        assertError(tryCreate("SalesOrder", noProduct), "MANDATORY_FIELDS_MISSING", "productid does not have a value");
    }

    @Test
    void currenciesAndAnOrderInACurrencyThatDoesNotExist() {
        JsonNode currencies = rows(query("SELECT * FROM Currency;"));
        JsonNode usd = StreamSupport.stream(currencies.spliterator(), false)
                .filter(c -> c.path("currency_code").asText().equals("USD")).findFirst().orElseThrow();
        assertEquals(Set.of("id", "currency_name", "currency_code", "currency_symbol", "conversion_rate",
                "currency_status", "defaultid", "deleted"), keys(usd));
        assertEquals("21x1", usd.path("id").asText());
        assertEquals("-11", usd.path("defaultid").asText(), "the base currency");
        assertEquals("1.00000", usd.path("conversion_rate").asText());

        String account = create("Accounts", Map.of("accountname", tag + "Cur", "assigned_user_id", userId))
                .path("id").asText();
        String product = create("Products", Map.of("productname", tag + "Cur Item", "unit_price", "1",
                "assigned_user_id", userId)).path("id").asText();
        Map<String, Object> order = order(account, product, "SalesOrder");
        order.put("sostatus", "Created");
        order.put("invoicestatus", "AutoCreated");
        order.put("currency_id", "21x99");
        JsonNode so = create("SalesOrder", order); // not refused
        assertEquals("", so.path("currency_id").asText());
        String id = so.path("id").asText();
        assertEquals("", retrieve(id).path("currency_id").asText());
        assertEquals("", rows(query("SELECT currency_id FROM SalesOrder WHERE id = '" + id + "';")).get(0)
                .path("currency_id").asText());
        order.remove("currency_id");
        order.put("subject", tag + " no currency");
        assertEquals("", retrieve(create("SalesOrder", order).path("id").asText()).path("currency_id").asText());
    }

    // ---- helpers ---------------------------------------------------------------------------------------

    private Map<String, Object> order(String account, String product, String module) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("subject", tag + " " + module);
        o.put("account_id", account);
        o.put("bill_street", "1 Bill St");
        o.put("ship_street", "2 Ship St");
        o.put("assigned_user_id", userId);
        o.put("productid", product);
        o.put("hdnTaxType", "group");
        o.put("LineItems", List.of(Map.of("productid", product, "quantity", "2", "listprice", "10.50"),
                Map.of("productid", product, "quantity", "1", "listprice", "3.333")));
        return o;
    }

    /** Runs the calls on the {@link #PARALLEL} sessions at once; each call gets a session; answers in call order. */
    private List<String> inParallel(List<Function<String, String>> calls) {
        ExecutorService pool = Executors.newFixedThreadPool(PARALLEL);
        try {
            List<Future<String>> futures = new ArrayList<>();
            for (int i = 0; i < calls.size(); i++) {
                String s = sessions.get(i % PARALLEL);
                Function<String, String> call = calls.get(i);
                futures.add(pool.submit(() -> call.apply(s)));
            }
            List<String> out = new ArrayList<>();
            for (Future<String> f : futures) {
                out.add(f.get());
            }
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    /** A create on the given session that must succeed; returns the id (deleted at the end). */
    private String createIn(String sessionName, String module, Map<String, ?> element) {
        Response r = raw.post(params("operation", "create", "sessionName", sessionName, "elementType", module,
                "element", json(element)));
        String id = ok(r).path("id").asText();
        created.add(id);
        return id;
    }

    private String deleteIn(String sessionName, String id) {
        Response r = raw.post(params("operation", "delete", "sessionName", sessionName, "id", id));
        assertTrue(r.success() || "ACCESS_DENIED".equals(r.errorCode()), () -> "clean-up of " + id + ": " + r.body());
        return id;
    }

    private Response loginAnswer(String token) {
        return raw.post(params("operation", "login", "username", user(), "accessKey",
                RawVtiger.accessKey(token, accessKey())));
    }

    private Response get(String operation, String... kv) {
        return call("GET", operation, kv);
    }

    private Response post(String operation, String... kv) {
        return call("POST", operation, kv);
    }

    private Response call(String method, String operation, String... kv) {
        Map<String, String> p = params(kv);
        p.put("operation", operation);
        p.put("sessionName", session);
        return raw.send(method, p);
    }

    private Response query(String vtql) {
        return get("query", "query", vtql);
    }

    private JsonNode retrieve(String id) {
        return ok(get("retrieve", "id", id));
    }

    /** A create that must succeed; its record is deleted at the end. */
    private JsonNode create(String module, Map<String, ?> element) {
        return ok(tryCreate(module, element));
    }

    /** A create that may be refused; a record it makes is deleted at the end. */
    private Response tryCreate(String module, Map<String, ?> element) {
        Response r = post("create", "elementType", module, "element", json(element));
        if (r.success()) {
            created.add(r.result().path("id").asText());
        }
        return r;
    }

    private static JsonNode ok(Response r) {
        assertTrue(r.success(), () -> "HTTP " + r.status() + ": " + r.body());
        return r.result();
    }

    private static JsonNode rows(Response r) {
        JsonNode rows = ok(r);
        assertTrue(rows.isArray(), rows.toString());
        return rows;
    }

    private static List<String> ids(Response r) {
        return texts(rows(r), "id").stream().toList();
    }

    private static void assertError(Response r, String code, String message) {
        assertEquals(200, r.status(), r.body());
        assertFalse(r.success(), r.body());
        assertEquals(code, r.errorCode(), r.body());
        assertEquals(message, r.json().path("error").path("message").asText(), r.body());
        assertNull(r.json().get("result"), r.body());
    }

    private static Set<String> keys(JsonNode node) {
        Set<String> out = new TreeSet<>();
        node.fieldNames().forEachRemaining(out::add);
        return out;
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> out = new ArrayList<>();
        node.fieldNames().forEachRemaining(out::add);
        return out;
    }

    private static Set<String> texts(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).collect(Collectors.toSet());
    }

    private static List<String> texts(JsonNode array, String field) {
        return StreamSupport.stream(array.spliterator(), false).map(n -> n.path(field).asText()).toList();
    }

    private static JsonNode field(JsonNode describe, String name) {
        return StreamSupport.stream(describe.path("fields").spliterator(), false)
                .filter(f -> f.path("name").asText().equals(name)).findFirst().orElseThrow();
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
