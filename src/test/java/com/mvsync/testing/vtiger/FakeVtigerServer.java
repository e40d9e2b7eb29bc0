package com.mvsync.testing.vtiger;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A protocol-faithful fake of the Vtiger CRM 8.2.0 webservice ({@code /webservice.php}) for tests, built from the
 * recordings in {@code src/test/resources/vtiger/recorded/} (see INDEX.md there). It reproduces the recorded
 * answers including the PHP-8 defects (HTTP 500 with empty body) and adds a control API: users, call counts,
 * data access, an advanceable clock, latency and fault injection.
 *
 * <p>Faults are decided before an operation runs, so a faulted write is never applied (TIMEOUT holds the
 * connection, then drops it without an answer). Every request reaching the server is counted, faulted or not.
 *
 * <p>Like webservice.php, which holds the PHP session named by sessionName for the whole request, calls with one
 * sessionName are served one after another (latency included), calls with different sessions in parallel.
 *
 * <p>Values are stored the way 8.2.0's MariaDB columns hold them (4-byte characters as "????", varchars cut to
 * field_limits_8.2.0.tsv), silently; answers and lookups see the stored form. Currencies are the install's
 * ({@link #addCurrency}); Duplicate Prevention refuses a second Organization of the same name
 * ({@link #setDuplicatePrevention}).
 *
 * <p>Deliberate limits: only modules with a recorded describe exist (Leads, Accounts, Contacts, Products,
 * SalesOrder, Invoice can be created; Currency, LineItem, Tax can be described); other listtypes modules answer
 * ACCESS_DENIED. VTQL comparisons are case-insensitive like MySQL's default collation. Tax is group tax only
 * (hdnTaxType "individual" is the recorded PHP fatal). Time comes from the wall clock plus {@link #advanceClock}.
 *
 * <p>{@code conformance.VtigerConformance} runs one suite of raw calls against this double and a stock 8.2.0; where a
 * stock server answered otherwise than the recordings (count(*), undecodable elements, references to no live record,
 * blank references, the owner, totals' precision) the double follows the stock server. Kept from the recordings
 * although the stock install at hand answers success: hdnTaxType "individual" on create and revise carrying
 * LineItems (HTTP 500 here); the product sends neither. (The stock server's success is no tax either: a Sales Order
 * of two lines of 100 at tax1 19 and 7 in individual mode keeps both rates on its lines and answers hdnSubTotal and
 * hdnGrandTotal 200, measured 2026-12-07; hence group mode and one blended rate, see OrderSync.)
 */
public final class FakeVtigerServer implements AutoCloseable {
    /** Access key of the default user "admin" (userId 19x1). */
    public static final String ADMIN_ACCESS_KEY = "FakeVtigerAdmKey";
    public static final String ADMIN_USER = "admin";
    static final Duration CHALLENGE_TTL = Duration.ofSeconds(300);

    /** Injectable failures. */
    public enum Fault {
        /** HTTP 500 with an empty body, like a PHP fatal error. */
        HTTP_500_EMPTY,
        /** Holds the connection open (default 30 s, see {@link #setTimeoutHold}) and then drops it without answer. */
        TIMEOUT,
        /** Invalidates the request's session and answers INVALID_SESSIONID. */
        INVALID_SESSIONID,
        /** Login only: another process fetched a new challenge first, so this login answers INVALID_USER_CREDENTIALS. */
        LOGIN_RACE,
        /** HTTP 429 with a small HTML body and Retry-After: 1 (a proxy's rate limit). */
        HTTP_429,
        /** HTTP 200 with an HTML page instead of JSON (maintenance page, captive proxy…). */
        NON_JSON
    }

    private record User(String name, String accessKey, String userId) {
    }

    private record Challenge(String token, Instant expiresAt) {
    }

    private static final class Session {
        final User user;
        volatile Instant lastAccess;

        Session(User user, Instant now) {
            this.user = user;
            this.lastAccess = now;
        }
    }

    /** {@code module} null: any module. */
    private record PlannedFault(String operation, String module, Fault fault, AtomicInteger remaining) {
    }

    private record Answer(int status, String contentType, byte[] body) {
        static Answer json(Object payload) {
            try {
                return new Answer(200, "application/json", JSON_OUT.writeValueAsBytes(payload));
            } catch (JsonProcessingException e) {
                throw new UncheckedIOException(e);
            }
        }

        static Answer phpFatal() {
            return new Answer(500, "text/html; charset=UTF-8", new byte[0]);
        }
    }

    private static final ObjectMapper JSON_OUT = new ObjectMapper().enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN);
    private static final Pattern ELEMENT_ID = Pattern.compile("\"id\"\\s*:\\s*\"([^\"]*)\"");
    private static final Pattern QUERY_MODULE = Pattern.compile("(?i)\\bFROM\\s+([A-Za-z_]\\w*)");
    private final java.util.Set<String> deniedModules = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private static final List<String> READS = List.of("listtypes", "describe", "retrieve", "query", "sync");
    private static final List<String> WRITES = List.of("create", "update", "revise", "delete");

    private final HttpServer server;
    private final ExecutorService executor;
    private final ModuleCatalog catalog = new ModuleCatalog();
    private final DuplicateGuard duplicates = new DuplicateGuard();
    private final FakeRecordStore store;
    private final Map<String, User> users = new ConcurrentHashMap<>();
    private final Map<String, Challenge> challenges = new ConcurrentHashMap<>();
    private final Map<String, Session> sessions = new ConcurrentHashMap<>();
    private final Map<String, Lock> sessionLocks = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> moduleCounts = new ConcurrentHashMap<>();
    private final List<PlannedFault> plannedFaults = new ArrayList<>();
    private final List<Map.Entry<String, Map<String, Object>>> writeElements = new java.util.concurrent.CopyOnWriteArrayList<>();
    /** The last {@link #SERVED_KEPT} calls served (bounded: the suite shares one server across many classes). */
    private final java.util.ArrayDeque<Served> served = new java.util.ArrayDeque<>();
    private static final int SERVED_KEPT = 10_000;
    private static final String BASE_CURRENCY_ID = "21x1";
    private final AtomicInteger nextUserId = new AtomicInteger(5);
    /**
     * "Number of currency decimals" per user id; 2 unless a test sets it (the recordings' user had 2; a stock admin
     * who never saw the preferences page has 0: {@link #setCurrencyDecimals}).
     */
    private final Map<String, Integer> currencyDecimals = new ConcurrentHashMap<>();
    /** My Preferences > Currency per user id; the base currency 21x1 unless a test sets another. */
    private final Map<String, String> userCurrencies = new ConcurrentHashMap<>();
    private volatile Duration clockOffset = Duration.ZERO;
    /** Set while the clock is held ({@link #holdClock}). */
    private volatile Instant heldAt;
    private volatile Duration sessionIdleTimeout = Duration.ofHours(1);
    private volatile Duration latency = Duration.ZERO;
    private volatile Duration timeoutHold = Duration.ofSeconds(30);
    private double randomFaultRate;
    /** Vtiger Cloud's per-minute flood control, when set ({@link #setRateLimit}). */
    private volatile RateLimit rateLimit;
    private Random randomFaults;
    private Fault[] randomFaultKinds = new Fault[0];

    private FakeVtigerServer() throws IOException {
        users.put(ADMIN_USER, new User(ADMIN_USER, ADMIN_ACCESS_KEY, "19x1"));
        store = new FakeRecordStore(catalog, this::now,
                userId -> users.values().stream().anyMatch(u -> u.userId().equals(userId)), duplicates,
                this::userFormat);
        server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 50);
        executor = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "fake-vtiger");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/webservice.php", this::handle);
        server.start();
    }

    /** Starts a server on a free port of 127.0.0.1. */
    public static FakeVtigerServer start() {
        try {
            return new FakeVtigerServer();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public String endpoint() {
        return baseUrl() + "/webservice.php";
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow(); // interrupts TIMEOUT holds and latency sleeps
    }

    // ---- users, sessions, clock ------------------------------------------------------------

    /** Adds (or replaces) a user; returns its user id "19x<n>". */
    public String addUser(String name, String accessKey) {
        String userId = "19x" + nextUserId.getAndIncrement();
        users.put(name, new User(name, accessKey, userId));
        return userId;
    }

    /**
     * The user's My Preferences > "Number of currency decimals": Vtiger rounds the currency values this user writes
     * to it (see {@link CurrencyRounding}); retrieve of the user answers it as {@code no_of_currency_decimals}.
     */
    public void setCurrencyDecimals(String userName, int decimals) {
        User user = users.get(userName);
        if (user == null) {
            throw new IllegalArgumentException("no user " + userName);
        }
        currencyDecimals.put(user.userId(), decimals);
    }

    private CurrencyRounding.UserFormat userFormat(String userId) {
        return new CurrencyRounding.UserFormat(currencyDecimals.getOrDefault(userId, 2),
                store.currencies().rateOf(userCurrencies.getOrDefault(userId, BASE_CURRENCY_ID)));
    }

    /**
     * The user's My Preferences > Currency (a currency id, e.g. from {@link #addCurrency}): Vtiger converts the
     * purchase costs and annual revenues this user writes into it and back (see {@link CurrencyRounding}).
     */
    public void setUserCurrency(String userName, String currencyId) {
        User user = users.get(userName);
        if (user == null) {
            throw new IllegalArgumentException("no user " + userName);
        }
        userCurrencies.put(user.userId(), currencyId);
    }

    /** Moves the fake's clock forward (challenge expiry: 300 s; session idle timeout: see {@link #setSessionIdleTimeout}). */
    public void advanceClock(Duration d) {
        clockOffset = clockOffset.plus(d);
    }

    public Instant now() {
        Instant held = heldAt;
        return held != null ? held : Instant.now().plus(clockOffset);
    }

    /**
     * Stops the fake's clock where it is until {@link #resumeClock}: records made meanwhile share one
     * {@code modifiedtime} (a burst of edits within one second, exactly, for tests that count pages).
     */
    public void holdClock() {
        heldAt = now();
    }

    /** Lets the clock run again from the wall clock (plus {@link #advanceClock}); it never runs backwards. */
    public void resumeClock() {
        Instant held = heldAt;
        heldAt = null;
        if (held != null && now().isBefore(held)) {
            clockOffset = clockOffset.plus(Duration.between(now(), held));
        }
    }

    public void setSessionIdleTimeout(Duration idle) {
        sessionIdleTimeout = idle;
    }

    /** Drops every session, like PHP's session GC removing the session files. */
    public void expireAllSessions() {
        sessions.clear();
    }

    public void expireSession(String sessionName) {
        sessions.remove(sessionName);
    }

    // ---- call counting -----------------------------------------------------------------------

    public int calls(String operation) {
        AtomicInteger c = counts.get(operation);
        return c == null ? 0 : c.get();
    }

    /** Calls of an operation on one module (elementType, the id's module, or the query's FROM module). */
    public int calls(String operation, String module) {
        AtomicInteger c = moduleCounts.get(operation + "/" + module);
        return c == null ? 0 : c.get();
    }

    public Map<String, Integer> callCounts() {
        Map<String, Integer> out = new TreeMap<>();
        counts.forEach((k, v) -> out.put(k, v.get()));
        return out;
    }

    public int totalCalls() {
        return counts.values().stream().mapToInt(AtomicInteger::get).sum();
    }

    /** Also forgets the elements recorded for {@link #elements}. */
    public void resetCounts() {
        counts.clear();
        moduleCounts.clear();
        writeElements.clear();
        synchronized (served) {
            served.clear();
        }
    }

    /**
     * One call as served: its operation, module and session, when serving began (the session's lock taken: PHP's
     * session lock) and when the answer was ready, and the record id a create or revise answered (null otherwise).
     */
    public record Served(String operation, String module, String session, long startedNanos, long answeredNanos,
            String answeredId, Map<String, String> request) {
    }

    /** The calls answered since the last {@link #resetCounts} (the last 10,000), in the order they were answered. */
    public List<Served> served() {
        synchronized (served) {
            return List.copyOf(served);
        }
    }

    private void serve(Served call) {
        synchronized (served) {
            if (served.size() >= SERVED_KEPT) {
                served.removeFirst();
            }
            served.addLast(call);
        }
    }

    /**
     * The elements of the create / update / revise calls that reached the record store (not faulted), in call order,
     * as the client sent them: what exactly a sync wrote, including values equal to those already stored.
     */
    public List<Map<String, Object>> elements(String operation) {
        return writeElements.stream().filter(e -> e.getKey().equals(operation)).map(Map.Entry::getValue).toList();
    }

    // ---- data access ---------------------------------------------------------------------------

    /** Live (non-deleted) records of a module, rendered like retrieve, in creation order. */
    public List<Map<String, Object>> records(String module) {
        return store.records(module);
    }

    public Optional<Map<String, Object>> record(String id) {
        return store.record(id);
    }

    /**
     * Creates a record directly, as if it were already in Vtiger's database (no call counted, no mandatory,
     * reference or duplicate validation; values are stored the way the columns hold them); SalesOrder/Invoice may
     * carry "LineItems". Returns the new id.
     */
    public String seed(String module, Map<String, Object> fields) {
        return store.create(module, new LinkedHashMap<>(fields), "19x1", false).get("id").toString();
    }

    // ---- CRM settings ----------------------------------------------------------------------------

    /**
     * Adds a currency, as an admin does in Settings > Currencies (a fresh install has USD, 21x1, only), with the name
     * and symbol Vtiger lists for the code and conversion rate 1. Returns its id (21x2, 21x3, …); a code already
     * there keeps its row and id. Orders may then reference the id, and {@code SELECT … FROM Currency;} lists it.
     */
    public String addCurrency(String code) {
        return store.currencies().add(code);
    }

    /** Adds a currency with the given name, symbol and conversion rate, or edits the one with that code; returns its id. */
    public String addCurrency(String code, String name, String symbol, BigDecimal conversionRate) {
        return store.currencies().add(code, name, symbol, conversionRate);
    }

    /**
     * Duplicate Prevention of a module (Settings > Duplicate Prevention). On by default, as in stock 8.2.0, where it
     * refuses a second Accounts record of the same accountname with "Duplicate(s) detected!"; off lets an admin's
     * Vtiger accept duplicates (describe then says allowDuplicates true).
     */
    public void setDuplicatePrevention(String module, boolean on) {
        duplicates.setEnabled(module, on);
    }

    // ---- latency and faults ------------------------------------------------------------------

    /** Fixed delay before each answer. */
    public void setLatency(Duration d) {
        latency = d;
    }

    /** How long a {@link Fault#TIMEOUT} holds the connection before dropping it. */
    public void setTimeoutHold(Duration d) {
        timeoutHold = d;
    }

    /** The next {@code times} calls of {@code operation} ("*" = any) fail with {@code fault}. */
    public void failNext(String operation, Fault fault, int times) {
        synchronized (plannedFaults) {
            plannedFaults.add(new PlannedFault(operation, null, fault, new AtomicInteger(times)));
        }
    }

    /** The next {@code times} calls of {@code operation} on {@code module} (e.g. create of Leads) fail with {@code fault}. */
    public void failNext(String operation, String module, Fault fault, int times) {
        synchronized (plannedFaults) {
            plannedFaults.add(new PlannedFault(operation, module, fault, new AtomicInteger(times)));
        }
    }

    /** Each call fails with probability {@code rate} with one of {@code kinds}, reproducibly for a given seed. */
    public void setRandomFaults(double rate, long seed, Fault... kinds) {
        synchronized (plannedFaults) {
            randomFaultRate = rate;
            randomFaults = new Random(seed);
            randomFaultKinds = kinds.clone();
        }
    }

    /**
     * Limits calls like Vtiger Cloud's flood control (see {@link RateLimit}): at most {@code calls} per
     * {@code window} (a minute in Vtiger; shorter for quick tests), 429 past that; null or 0 switches it off. The
     * counts of 429s and the times of the calls let through start afresh.
     */
    public void setRateLimit(int calls, Duration window) {
        rateLimit = calls <= 0 || window == null ? null : new RateLimit(calls, window);
    }

    /** Calls answered 429 by the rate limit since it was set. */
    public int rateLimited() {
        RateLimit r = rateLimit;
        return r == null ? 0 : r.refused();
    }

    /** Epoch milliseconds (the fake's clock) of each call the rate limit let through, in order. */
    public List<Long> rateLimitedCallTimes() {
        RateLimit r = rateLimit;
        return r == null ? List.of() : r.allowedAt();
    }

    /** The most calls let through within any {@code span} (sliding), from {@link #rateLimitedCallTimes}. */
    public int maxCallsWithin(Duration span) {
        List<Long> times = new ArrayList<>(rateLimitedCallTimes());
        java.util.Collections.sort(times);
        int best = 0;
        int start = 0;
        for (int end = 0; end < times.size(); end++) {
            while (times.get(end) - times.get(start) >= span.toMillis()) {
                start++;
            }
            best = Math.max(best, end - start + 1);
        }
        return best;
    }

    /**
     * The users' profile denies {@code module} (Settings > Profiles, module unticked), as recorded on the real 8.2.0
     * with a Sales Profile user (19_module_denied_*.json): describe, create and query of it answer ACCESS_DENIED
     * "Permission to perform the operation is denied" (no "for name" suffix) and listtypes leaves it out. Other
     * modules work as before. Undone by {@link #allowAllModules}.
     */
    public void denyModule(String module) {
        deniedModules.add(module);
    }

    public void allowAllModules() {
        deniedModules.clear();
    }

    private void checkModuleAllowed(String operation, Map<String, String> p) {
        if (deniedModules.isEmpty()) {
            return;
        }
        String module = switch (operation) {
            case "describe", "create" -> p.get("elementType");
            case "query" -> {
                java.util.regex.Matcher from = java.util.regex.Pattern.compile("(?i)\\bFROM\\s+(\\w+)")
                        .matcher(nullToEmpty(p.get("query")));
                yield from.find() ? from.group(1) : null;
            }
            default -> null;
        };
        if (module != null && deniedModules.contains(module)) {
            throw VtigerError.accessDenied();
        }
    }

    public void clearFaults() {
        synchronized (plannedFaults) {
            plannedFaults.clear();
            randomFaultRate = 0;
            randomFaultKinds = new Fault[0];
        }
    }

    private Fault pickFault(String operation, String module) {
        synchronized (plannedFaults) {
            for (PlannedFault pf : plannedFaults) {
                if ((pf.operation().equals("*") || pf.operation().equals(operation)) && applies(pf.fault(), operation)
                        && (pf.module() == null || pf.module().equals(module))) {
                    if (pf.remaining().decrementAndGet() <= 0) {
                        plannedFaults.remove(pf);
                    }
                    return pf.fault();
                }
            }
            if (randomFaultRate > 0 && randomFaultKinds.length > 0 && randomFaults.nextDouble() < randomFaultRate) {
                Fault f = randomFaultKinds[randomFaults.nextInt(randomFaultKinds.length)];
                return applies(f, operation) ? f : null;
            }
            return null;
        }
    }

    private static boolean applies(Fault f, String operation) {
        return f != Fault.LOGIN_RACE || operation.equals("login");
    }

    // ---- HTTP ------------------------------------------------------------------------------------

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod().toUpperCase();
            Map<String, String> query = parseForm(exchange.getRequestURI().getRawQuery());
            Map<String, String> body = method.equals("POST") ? parseForm(readBody(exchange)) : Map.of();
            Map<String, String> all = new LinkedHashMap<>(query);
            all.putAll(body); // like PHP's $_REQUEST: operation and sessionName may come from either
            String operation = all.getOrDefault("operation", "");
            count(operation, all);
            RateLimit limit = rateLimit;
            if (limit != null) {
                RateLimit.Decision decision = limit.admit(now());
                decision.headers().forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
                if (!decision.allowed()) {
                    send(exchange, faultAnswer(Fault.HTTP_429, all));
                    return;
                }
            }
            Fault fault;
            Answer answer = null;
            Lock lock = sessionLock(all.get("sessionName"));
            try {
                lock.lockInterruptibly();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return; // server closing
            }
            try {
                long started = System.nanoTime();
                if (!sleep(latency)) {
                    return;
                }
                fault = pickFault(operation, moduleOf(operation, all));
                if (fault != Fault.TIMEOUT) {
                    answer = answer(method, operation, fault, all, query, body);
                    serve(new Served(operation, moduleOf(operation, all), all.get("sessionName"), started,
                            System.nanoTime(), answeredId(operation, answer), Map.copyOf(all)));
                }
            } finally {
                lock.unlock();
            }
            if (fault == Fault.TIMEOUT) {
                // Outside the session lock: it models a connection lost on the way (a proxy timing out), not a PHP
                // request still running, which would also stall every later call of the session.
                sleep(timeoutHold);
                return; // closing without a response drops the connection
            }
            send(exchange, answer);
        }
    }

    private Answer answer(String method, String operation, Fault fault, Map<String, String> all,
                          Map<String, String> query, Map<String, String> body) {
        if (fault != null && fault != Fault.LOGIN_RACE) {
            return faultAnswer(fault, all);
        }
        if (fault == Fault.LOGIN_RACE) {
            newChallenge(all.getOrDefault("username", ""));
        }
        // A wrong HTTP method leaves the operation without its parameters (Vtiger reads $_GET or $_POST).
        Map<String, String> params = method.equals(expectedMethod(operation)) ? (method.equals("GET") ? query : body)
                : Map.of();
        return dispatch(method, operation, all, params);
    }

    /**
     * webservice.php opens the PHP session named by sessionName for the whole request, and PHP's session lock makes
     * calls with one sessionName wait for each other, while calls with different sessions run in parallel
     * (15_parallel_calls_one_session_vs_several.json). The latency of {@link #setLatency} is spent inside the lock,
     * like PHP's own time. Requests without a sessionName (getchallenge, login) lock nothing.
     */
    private Lock sessionLock(String sessionName) {
        if (sessionName == null || sessionName.isEmpty()) {
            return new ReentrantLock(); // a lock of its own: nothing to wait for
        }
        return sessionLocks.computeIfAbsent(sessionName, k -> new ReentrantLock(true));
    }

    private Answer dispatch(String method, String operation, Map<String, String> all, Map<String, String> params) {
        try {
            return Answer.json(success(operate(method, operation, all, params)));
        } catch (VtigerError e) {
            return dispatchError(e.code, e.getMessage());
        } catch (PhpFatal e) {
            return Answer.phpFatal();
        } catch (RestrictedFilePage e) {
            return new Answer(200, "text/html; charset=UTF-8", RestrictedFilePage.BODY.getBytes(StandardCharsets.UTF_8));
        } catch (RuntimeException e) {
            return Answer.phpFatal(); // any bug of the fake looks like a PHP fatal rather than hanging the client
        }
    }

    private Object operate(String method, String operation, Map<String, String> all, Map<String, String> p) {
        switch (operation) {
            case "getchallenge":
                return getChallenge(p.get("username"));
            case "login":
                if (!method.equals("POST")) {
                    throw new VtigerError("INVALID_AUTH_TOKEN", "Specified token is invalid or expired");
                }
                return login(p.get("username"), p.get("accessKey"));
            case "logout":
                throw new PhpFatal("logout is broken in 8.2.0 (the session stays valid)");
            default:
                break;
        }
        if (!READS.contains(operation) && !WRITES.contains(operation)) {
            throw new PhpFatal("unknown operation " + operation);
        }
        User user = session(all.get("sessionName"));
        if (operation.equals("create") || operation.equals("update") || operation.equals("revise")) {
            try {
                writeElements.add(Map.entry(operation, java.util.Collections.unmodifiableMap(
                        new LinkedHashMap<>(element(p)))));
            } catch (PhpFatal e) {
                // a JSON-string element is answered below
            }
        }
        checkModuleAllowed(operation, p);
        return switch (operation) {
            case "listtypes" -> listTypes();
            case "describe" -> catalog.module(p.get("elementType")).map(this::describe)
                    .orElseThrow(() -> VtigerError.accessDenied("for name : " + nullToEmpty(p.get("elementType"))));
            case "retrieve" -> String.valueOf(p.get("id")).startsWith("19x") ? retrieveUser(p.get("id"))
                    : store.retrieve(p.get("id"));
            case "query" -> VtqlQuery.parse(p.get("query")).execute(catalog, store::queryRows);
            case "create" -> {
                if (catalog.module(p.get("elementType")).isEmpty()) {
                    throw VtigerError.accessDenied();
                }
                yield store.create(p.get("elementType"), element(p), user.userId(), true);
            }
            case "update" -> store.update(element(p), user.userId());
            case "revise" -> store.revise(element(p), user.userId());
            case "delete" -> store.delete(p.get("id"));
            // PHP 8 passes the request's named parameters to vtws_sync(): "Unknown named parameter $modifiedTime",
            // whatever the parameters (16_err_sync_http500_php8_named_parameter.json).
            case "sync" -> throw new PhpFatal("sync is broken in 8.2.0 under PHP 8");
            default -> throw new PhpFatal(operation);
        };
    }

    /**
     * A user record as 8.2.0 answers it (20_retrieve_Users_stock_admin_no_currency_decimals.json: no password or
     * access key), with this fake's name, id and currency decimals.
     */
    private Map<String, Object> retrieveUser(String id) {
        User user = users.values().stream().filter(u -> u.userId().equals(id)).findFirst()
                .orElseThrow(VtigerError::accessDenied);
        Map<String, Object> record = new LinkedHashMap<>(
                RecordedSamples.result("20_retrieve_Users_stock_admin_no_currency_decimals.json"));
        record.put("user_name", user.name());
        record.put("no_of_currency_decimals", String.valueOf(currencyDecimals.getOrDefault(user.userId(), 2)));
        record.put("currency_id", userCurrencies.getOrDefault(user.userId(), BASE_CURRENCY_ID));
        record.put("id", user.userId());
        return record;
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> listTypes() {
        Map<String, Object> types = catalog.listTypes();
        if (!deniedModules.isEmpty() && types.get("types") instanceof List<?> names) {
            types.put("types", names.stream().filter(n -> !deniedModules.contains(n)).toList());
            if (types.get("information") instanceof Map<?, ?> info) {
                Map<String, Object> kept = new LinkedHashMap<>((Map<String, Object>) info);
                deniedModules.forEach(kept::remove);
                types.put("information", kept);
            }
        }
        return types;
    }

    private Map<String, Object> describe(ModuleCatalog.ModuleMeta m) {
        Map<String, Object> d = catalog.describe(m.name());
        if (d.containsKey("allowDuplicates")) {
            d.put("allowDuplicates", !duplicates.enabled(m));
        }
        return d;
    }

    private static String expectedMethod(String operation) {
        return operation.equals("login") || WRITES.contains(operation) ? "POST" : "GET";
    }

    private Map<String, Object> getChallenge(String username) {
        if (username == null || !users.containsKey(username)) {
            throw new VtigerError("ACCESS_DENIED", "username does not exists");
        }
        Challenge c = newChallenge(username);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("token", c.token());
        out.put("serverTime", c.expiresAt().minus(CHALLENGE_TTL).getEpochSecond());
        out.put("expireTime", c.expiresAt().getEpochSecond());
        return out;
    }

    /** One token per user: a new challenge replaces the previous one (the recorded login race). */
    private Challenge newChallenge(String username) {
        Challenge c = new Challenge(randomHex(13), now().plus(CHALLENGE_TTL));
        if (users.containsKey(username)) {
            challenges.put(username, c);
        }
        return c;
    }

    private Map<String, Object> login(String username, String accessKey) {
        Challenge c = username == null ? null : challenges.get(username);
        if (c == null || !now().isBefore(c.expiresAt())) {
            throw new VtigerError("INVALID_AUTH_TOKEN", "Specified token is invalid or expired");
        }
        User u = users.get(username);
        if (u == null || !md5(c.token() + u.accessKey()).equals(accessKey)) {
            throw new VtigerError("INVALID_USER_CREDENTIALS", "Invalid username or password");
        }
        String sessionName = randomHex(20);
        sessions.put(sessionName, new Session(u, now()));
        boolean admin = u.name().equals(ADMIN_USER);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("username", u.name());
        out.put("first_name", admin ? "Admin" : u.name());
        out.put("last_name", admin ? "Administrator" : u.name());
        out.put("email", u.name() + "@example.com");
        out.put("time_zone", "UTC");
        out.put("hour_format", "12");
        out.put("date_format", "yyyy-mm-dd");
        out.put("is_admin", admin ? "on" : "off");
        out.put("call_duration", "5");
        out.put("other_event_duration", "5");
        out.put("sessionName", sessionName);
        out.put("userId", u.userId());
        out.put("version", "0.22");
        out.put("vtigerVersion", "8.2.0");
        return out;
    }

    private User session(String sessionName) {
        if (sessionName == null || sessionName.isEmpty()) {
            throw new VtigerError("AUTHENTICATION_REQUIRED", "Authencation required"); // sic, as recorded
        }
        Session s = sessions.get(sessionName);
        Instant now = now();
        if (s != null && now.isAfter(s.lastAccess.plus(sessionIdleTimeout))) {
            sessions.remove(sessionName);
            s = null;
        }
        if (s == null) {
            throw new VtigerError("INVALID_SESSIONID", "Session Identifier provided is Invalid");
        }
        s.lastAccess = now;
        return s.user;
    }

    /**
     * The element as webservice.php decodes it: an object is the element; anything else that decodes (an array, a
     * number) or does not decode at all is taken as an empty element, so create misses its first mandatory field and
     * revise/update their id; a JSON string makes PHP index a string: a fatal error.
     */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> element(Map<String, String> p) {
        Object parsed;
        try {
            parsed = RecordedSamples.JSON.readValue(nullToEmpty(p.get("element")), Object.class);
        } catch (IOException | RuntimeException e) {
            parsed = null;
        }
        if (parsed instanceof String) {
            throw new PhpFatal("element is a JSON string");
        }
        return parsed instanceof Map<?, ?> map ? (Map<String, Object>) map : new LinkedHashMap<>();
    }

    private Answer faultAnswer(Fault fault, Map<String, String> all) {
        return switch (fault) {
            case HTTP_500_EMPTY -> Answer.phpFatal();
            case INVALID_SESSIONID -> {
                String name = all.get("sessionName");
                if (name != null) {
                    sessions.remove(name);
                }
                yield dispatchError("INVALID_SESSIONID", "Session Identifier provided is Invalid");
            }
            case HTTP_429 -> new Answer(429, "text/html; charset=UTF-8",
                    "<html><head><title>429 Too Many Requests</title></head><body><h1>Too Many Requests</h1></body></html>"
                            .getBytes(StandardCharsets.UTF_8));
            case NON_JSON -> new Answer(200, "text/html; charset=UTF-8",
                    "<!DOCTYPE html><html><head><title>Vtiger CRM</title></head><body>Service temporarily unavailable</body></html>"
                            .getBytes(StandardCharsets.UTF_8));
            default -> throw new IllegalStateException(fault.name());
        };
    }

    private static Answer dispatchError(Object code, String message) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("message", message);
        error.put("code", code);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("success", false);
        out.put("error", error);
        return Answer.json(out);
    }

    private static Map<String, Object> success(Object result) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("success", true);
        out.put("result", result);
        return out;
    }

    private static String answeredId(String operation, Answer answer) {
        if (!WRITES.contains(operation) || answer.status() != 200) {
            return null;
        }
        try {
            JsonNode id = RecordedSamples.JSON.readTree(answer.body()).path("result").path("id");
            return id.isTextual() ? id.asText() : null;
        } catch (IOException e) {
            return null;
        }
    }

    private void count(String operation, Map<String, String> all) {
        counts.computeIfAbsent(operation, k -> new AtomicInteger()).incrementAndGet();
        String module = moduleOf(operation, all);
        if (module != null) {
            moduleCounts.computeIfAbsent(operation + "/" + module, k -> new AtomicInteger()).incrementAndGet();
        }
    }

    private String moduleOf(String operation, Map<String, String> all) {
        return switch (operation) {
            case "create", "describe" -> all.get("elementType");
            case "retrieve", "delete" -> store.moduleOfId(all.get("id"));
            case "update", "revise" -> {
                Matcher m = ELEMENT_ID.matcher(nullToEmpty(all.get("element")));
                yield m.find() ? store.moduleOfId(m.group(1)) : null;
            }
            case "query" -> {
                Matcher m = QUERY_MODULE.matcher(nullToEmpty(all.get("query")));
                yield m.find() ? m.group(1) : null;
            }
            default -> null;
        };
    }

    private static void send(HttpExchange exchange, Answer a) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", a.contentType());
        if (a.status() == 429 && !exchange.getResponseHeaders().containsKey("Retry-After")) {
            exchange.getResponseHeaders().set("Retry-After", "1");
        }
        exchange.sendResponseHeaders(a.status(), a.body().length == 0 ? -1 : a.body().length);
        if (a.body().length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(a.body());
            }
        }
    }

    /** @return false when interrupted (server closing) */
    private static boolean sleep(Duration d) {
        if (d.isZero() || d.isNegative()) {
            return true;
        }
        try {
            Thread.sleep(d.toMillis());
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static String readBody(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static Map<String, String> parseForm(String raw) {
        Map<String, String> out = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return out;
        }
        for (String pair : raw.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            out.put(k, v);
        }
        return out;
    }

    static String md5(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String randomHex(int length) {
        StringBuilder sb = new StringBuilder();
        ThreadLocalRandom r = ThreadLocalRandom.current();
        while (sb.length() < length) {
            sb.append(Character.forDigit(r.nextInt(16), 16));
        }
        return sb.toString();
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
