package com.mvsync.vtiger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.mvsync.cache.TtlCache;
import com.mvsync.http.TransportFailure;
import com.mvsync.timing.DependencyTimer;
import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;

/**
 * Vtiger webservice client shared by every function. A small pool of sessions per warm container
 * ({@code mvsync.vtiger.sessions}, see {@link SessionPool}): the first is logged in on first use, another only when a
 * call finds every session busy; sessions are kept across invocations, and a session Vtiger reports lost is logged in
 * again and the call repeated once. Thread-safe: each session serves one call at a time, and logins are made one at a
 * time (the user has one challenge token).
 */
@ApplicationScoped
public class VtigerClient implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(VtigerClient.class);

    private final VtigerConfig config;
    private final ObjectMapper mapper;
    private final ReentrantLock loginLock = new ReentrantLock();
    /** describe per module, for {@code mvsync.vtiger.describe-ttl}; cleared when the client moves to another Vtiger. */
    private final TtlCache<String, ModuleDescription> describeCache;
    /** The logged-in user's currency preferences, per user id, trusted as long as a describe. */
    private final TtlCache<String, CurrencyPreferences> preferencesCache;
    /** Null for a client fixed to what {@link #connect} is given; else asked before every call. */
    private final VtigerConnectionSource source;
    /** Asked before each request and told each answer: the shared call budget and 429 pause (package budget). */
    private final CallGate gate;
    private final Clock clock;
    /** The module of a VTQL statement. */
    private static final Pattern FROM = Pattern.compile("\\bFROM\\s+(\\w+)", Pattern.CASE_INSENSITIVE);

    /** Sessions per connection: the configured pool size, or 1 for a client of its own ({@link #forConnection}). */
    private final int sessions;

    private volatile Endpoint endpoint;

    /** The logged-in session; {@code userId} is the default owner of created records. */
    public record Session(String name, String userId, String vtigerVersion) {
        @Override
        public String toString() {
            return "Session[user " + userId + ", Vtiger " + vtigerVersion + "]";
        }
    }

    /** A connection, its HTTP client and its sessions: a call uses all three of one endpoint. */
    private record Endpoint(VtigerConnection connection, VtigerApi api, SessionPool sessions) {
    }

    /**
     * The shared client: before each call it asks {@code source} for the effective connection (stored settings over
     * configuration, cached by the source) and moves to it when it changed, so a change needs no redeploy. A null
     * source fixes the client to what {@link #connect} is given.
     */
    public VtigerClient(VtigerConfig config, ObjectMapper mapper, Clock clock, VtigerConnectionSource source) {
        this(config, mapper, clock, source, CallGate.OPEN);
    }

    /** As above, every request passing {@code gate} (the call budget every container shares). */
    @Inject
    public VtigerClient(VtigerConfig config, ObjectMapper mapper, Clock clock, VtigerConnectionSource source,
            CallGate gate) {
        this(config, mapper, clock, source, gate, config.sessions());
    }

    private VtigerClient(VtigerConfig config, ObjectMapper mapper, Clock clock, VtigerConnectionSource source,
            CallGate gate, int sessions) {
        this.config = config;
        this.sessions = Math.max(1, sessions);
        this.mapper = mapper;
        this.source = source;
        this.gate = gate;
        this.clock = clock;
        this.describeCache = new TtlCache<>(clock, config::describeTtl);
        this.preferencesCache = new TtlCache<>(clock, config::describeTtl);
    }

    /**
     * A client of its own for one connection, e.g. to test settings without touching the shared sessions. It keeps
     * one session: it makes its calls one after another.
     */
    public static VtigerClient forConnection(VtigerConfig config, ObjectMapper mapper, Clock clock,
            VtigerConnection connection) {
        VtigerClient client = new VtigerClient(config, mapper, clock, null, CallGate.OPEN, 1);
        client.connect(connection);
        return client;
    }

    /** A client of its own with a pool of {@code sessions} (tests of the pool). */
    static VtigerClient pooled(VtigerConfig config, ObjectMapper mapper, Clock clock, VtigerConnection connection,
            int sessions) {
        VtigerClient client = new VtigerClient(config, mapper, clock, null, CallGate.OPEN, sessions);
        client.connect(connection);
        return client;
    }

    /** Points the client at a (new) Vtiger; the next call logs in there. */
    public void connect(VtigerConnection connection) {
        Endpoint current = endpoint;
        if (current != null && current.connection().equals(connection)) {
            return;
        }
        VtigerApi api = QuarkusRestClientBuilder.newBuilder()
                .baseUri(connection.baseUri())
                .connectTimeout(config.connectTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .readTimeout(config.readTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .build(VtigerApi.class);
        loginLock.lock();
        try {
            endpoint = new Endpoint(connection, api, new SessionPool(sessions));
            describeCache.clear();
            preferencesCache.clear();
        } finally {
            loginLock.unlock();
        }
    }

    public boolean isConfigured() {
        follow();
        return endpoint != null;
    }

    /** The connection in use, if any (its toString shows no access key). */
    public Optional<VtigerConnection> connection() {
        follow();
        Endpoint ep = endpoint;
        return ep == null ? Optional.empty() : Optional.of(ep.connection());
    }

    /** Moves to the source's connection when it differs from the current one (cheap: the source caches). */
    private void follow() {
        if (source == null) {
            return;
        }
        Optional<VtigerConnection> wanted;
        try {
            wanted = source.vtigerConnection();
        } catch (RuntimeException e) {
            throw new VtigerException(VtigerException.SETTINGS_UNAVAILABLE,
                    "the connection settings could not be read: " + e.getMessage(), "settings", 0);
        }
        if (wanted.isPresent()) {
            connect(wanted.get());
        } else if (endpoint != null) {
            loginLock.lock();
            try {
                endpoint = null;
                describeCache.clear();
                preferencesCache.clear();
            } finally {
                loginLock.unlock();
            }
        }
    }

    // ---- operations -------------------------------------------------------------------------------------------

    public ObjectNode create(String module, Map<String, ?> element) {
        try {
            return (ObjectNode) withSession("create", (ep, s) -> post(ep, form("create", s).elementType(module)
                    .element(element)));
        } catch (VtigerException e) {
            throw moduleDenied(e, module);
        }
    }

    /** Partial update: only the fields in the element change. The element must contain {@code id}. */
    public ObjectNode revise(Map<String, ?> element) {
        if (!element.containsKey("id")) {
            throw new IllegalArgumentException("revise needs the record id in the element");
        }
        return (ObjectNode) withSession("revise", (ep, s) -> post(ep, form("revise", s).element(element)));
    }

    /**
     * One record as Vtiger holds it now (for a change that builds on its current value, as a refund note added to a
     * Sales Order's description). Vtiger 8.2.0 answers ACCESS_DENIED for an id that does not exist or was deleted.
     */
    public ObjectNode retrieve(String id) {
        return (ObjectNode) withSession("retrieve", (ep, s) -> get(ep, "retrieve", s, null, null, id, null));
    }

    /**
     * Deletes a record (Vtiger moves it to its recycle bin). Vtiger 8.2.0 answers a second delete of the same id, or
     * a revise or retrieve of it, with ACCESS_DENIED (recorded in 10_delete_again.json, 10_retrieve_after_delete.json).
     */
    public void delete(String id) {
        withSession("delete", (ep, s) -> post(ep, form("delete", s).id(id)));
    }

    /** One VTQL query as written (Vtiger caps the answer at 100 rows). The statement must end with ';'. */
    public List<JsonNode> query(String vtql) {
        JsonNode rows;
        try {
            rows = withSession("query", (ep, s) -> get(ep, "query", s, null, null, null, vtql));
        } catch (VtigerException e) {
            Matcher from = FROM.matcher(vtql);
            throw from.find() ? moduleDenied(e, from.group(1)) : e;
        }
        List<JsonNode> out = new ArrayList<>(rows.size());
        rows.forEach(out::add);
        return out;
    }

    /** The first row of a query, if any. */
    public Optional<JsonNode> queryOne(String vtql) {
        List<JsonNode> rows = query(vtql);
        return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
    }

    /** describe, cached per module for {@code mvsync.vtiger.describe-ttl}. */
    public ModuleDescription describe(String module) {
        follow();
        return describeCache.get(module, m -> ModuleDescription.from(describeUncached(m)));
    }

    /**
     * A describe refused with ACCESS_DENIED is the module's denial (the sync only describes modules stock 8.2.0
     * has; recorded in 19_module_denied_describe_Leads.json): the connection's failure.
     */
    private JsonNode describeUncached(String module) {
        try {
            return withSession("describe", (ep, s) -> get(ep, "describe", s, null, module, null, null));
        } catch (VtigerException e) {
            if (VtigerException.ACCESS_DENIED.equals(e.code()) && !(e instanceof VtigerConnectionException)) {
                throw connectionFailed(VtigerConnectionException.Failure.MODULE_DENIED, e, module);
            }
            throw e;
        }
    }

    /**
     * The logged-in user's currency preferences (retrieve of the user, cached like a describe): Vtiger rounds the
     * currency values this user writes to its decimals (see {@link CurrencyPreferences}).
     */
    public CurrencyPreferences currencyPreferences() {
        Session session = session();
        Endpoint ep = endpoint;
        String user = ep == null ? session.userId() : ep.connection().username();
        return preferencesCache.get(session.userId(), id -> CurrencyPreferences.from(user, retrieve(id)));
    }

    /** A logged-in session (who the client is logged in as, which Vtiger), logging one in if there is none. */
    public Session session() {
        follow();
        Endpoint ep = requireEndpoint("login");
        return ep.sessions().any(() -> login(ep));
    }

    /** Sessions logged in for the current connection (lent or idle); 0 when none is configured. */
    int openSessions() {
        Endpoint ep = endpoint;
        return ep == null ? 0 : ep.sessions().open();
    }

    /** Owner for created records: configured, else the logged-in user. */
    public String assignedUserId() {
        return config.assignedUserId().orElseGet(() -> session().userId());
    }

    /** Quotes a value for a VTQL string literal. */
    public static String quote(String value) {
        return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }

    /**
     * Vtiger 8.2.0 answers ACCESS_DENIED alike for a missing or deleted record, an unknown column and a module the
     * user may not use (recorded in /work/shared/vtiger: 10_retrieve_after_delete, 11_err_query_unknown_column,
     * 11_err_describe_unknown_module). Only the last is the connection's failure, and only then is a describe of the
     * module refused as well: asked once, uncached, when a create or query is denied.
     */
    private VtigerException moduleDenied(VtigerException e, String module) {
        if (!VtigerException.ACCESS_DENIED.equals(e.code()) || e instanceof VtigerConnectionException) {
            return e;
        }
        try {
            describeCache.invalidate(module);
            describe(module);
            return e; // the module is usable: the record or the query is what Vtiger refused
        } catch (VtigerConnectionException denied) {
            return denied; // the module's denial (or another failure of the connection)
        } catch (VtigerException describeFailed) {
            return e; // the describe failed otherwise (a timeout): the refusal stays the call's
        }
    }

    /** Tells the gate (which pauses every container's calls) and gives the exception to throw. */
    private VtigerConnectionException connectionFailed(VtigerConnectionException.Failure failure, VtigerException e,
            String module) {
        VtigerConnectionException failed = new VtigerConnectionException(failure, e, module, clock.instant());
        LOG.warnf("%s", failed.getMessage());
        gate.connectionFailed(failed);
        return failed;
    }

    // ---- session handling -------------------------------------------------------------------------------------

    @FunctionalInterface
    private interface Call {
        JsonNode run(Endpoint endpoint, String sessionName);
    }

    /**
     * Runs the call with a session of its own, lent for the call only. A session Vtiger reports lost (expired, or
     * dropped by PHP's session GC) is replaced by a fresh login in the same slot and the call repeated once.
     */
    private JsonNode withSession(String operation, Call call) {
        follow();
        Endpoint ep = requireEndpoint(operation);
        SessionPool pool = ep.sessions();
        Session held = pool.acquire(() -> login(ep));
        try {
            try {
                return call.run(ep, held.name());
            } catch (VtigerException e) {
                if (!e.sessionLost()) {
                    throw e;
                }
                LOG.debugf("Vtiger %s: session lost (%s), logging in again", operation, e.code());
                held = null; // the slot is given up if the new login fails
                held = pool.replace(() -> login(ep));
                return call.run(ep, held.name());
            }
        } finally {
            if (held != null) {
                pool.release(held);
            }
        }
    }

    /**
     * Logs in once more. Logins of this container are made one at a time: Vtiger keeps one challenge token per user,
     * so two at once would spoil each other's. Another container logging in at the same moment can still take the
     * token and make this login answer INVALID_USER_CREDENTIALS; that is retried with a fresh challenge after a
     * jittered pause, a bounded number of times, so a wrong key still fails.
     */
    private Session login(Endpoint ep) {
        loginLock.lock();
        try {
            int attempts = Math.max(1, config.loginAttempts());
            for (int attempt = 1;; attempt++) {
                JsonNode challenge;
                try {
                    challenge = get(ep, "getchallenge", null, ep.connection().username(), null, null, null);
                } catch (VtigerException e) {
                    throw loginRefused(e); // an unknown user: ACCESS_DENIED "username does not exists"
                }
                String token = challenge.path("token").asText();
                MultivaluedMap<String, String> form = new MultivaluedHashMap<>();
                form.add("operation", "login");
                form.add("username", ep.connection().username());
                form.add("accessKey", md5Hex(token + ep.connection().accessKey()));
                try {
                    JsonNode result = post(ep, "login", form);
                    return new Session(result.path("sessionName").asText(), result.path("userId").asText(),
                            result.path("vtigerVersion").asText(null));
                } catch (VtigerException e) {
                    boolean raceLost = e.code().equals("INVALID_USER_CREDENTIALS") || e.code().equals("INVALID_AUTH_TOKEN");
                    if (!raceLost || attempt >= attempts) {
                        throw loginRefused(e);
                    }
                    LOG.debugf("Vtiger login attempt %d lost the challenge token, retrying", attempt);
                    pause(attempt);
                }
            }
        } finally {
            loginLock.unlock();
        }
    }

    /** A login Vtiger refused for good is the connection's failure; a transient one (timeout, 5xx) is not. */
    private VtigerException loginRefused(VtigerException e) {
        if (e instanceof VtigerConnectionException || e.retryable()) {
            return e;
        }
        return connectionFailed(VtigerConnectionException.Failure.LOGIN_REFUSED, e, null);
    }

    private static void pause(int attempt) {
        long base = 50L << Math.min(attempt, 4);
        try {
            Thread.sleep(base + ThreadLocalRandom.current().nextLong(base));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new VtigerException(VtigerException.TIMEOUT, "interrupted while logging in", "login", 0, e);
        }
    }

    // ---- transport ---------------------------------------------------------------------------------------------

    private JsonNode get(Endpoint ep, String operation, String sessionName, String username, String elementType,
            String id, String query) {
        return send(operation, () -> ep.api().get(operation, sessionName, username, elementType, id, query));
    }

    private JsonNode post(Endpoint ep, FormBuilder form) {
        return post(ep, form.operation, form.values);
    }

    private JsonNode post(Endpoint ep, String operation, MultivaluedMap<String, String> form) {
        return send(operation, () -> ep.api().post(form));
    }

    private Endpoint requireEndpoint(String operation) {
        Endpoint ep = endpoint;
        if (ep == null) {
            throw new VtigerException(VtigerException.NOT_CONFIGURED,
                    "no Vtiger connection configured (URL, username and access key)", operation, 0);
        }
        return ep;
    }

    private JsonNode send(String operation, java.util.function.Supplier<Response> request) {
        int status;
        String body;
        gate.beforeCall(operation);
        long started = System.nanoTime();
        try (Response response = request.get()) {
            status = response.getStatus();
            body = response.hasEntity() ? response.readEntity(String.class) : "";
            gate.afterAnswer(operation, status, response::getHeaderString);
        } catch (WebApplicationException e) {
            status = e.getResponse().getStatus();
            body = readQuietly(e.getResponse());
            gate.afterAnswer(operation, status, e.getResponse()::getHeaderString);
        } catch (ProcessingException e) {
            throw unreachable(operation, e);
        } finally {
            DependencyTimer.record(DependencyTimer.Dependency.VTIGER, System.nanoTime() - started);
        }
        return parse(operation, status, body);
    }

    private JsonNode parse(String operation, int status, String body) {
        Optional<TransportFailure> failed = TransportFailure.ofStatus(status);
        if (failed.isPresent()) {
            String message = failed.get() == TransportFailure.RATE_LIMITED ? "Vtiger is rate limiting (HTTP 429)"
                    : body == null || body.isBlank() ? "HTTP " + status + " with an empty body (a PHP error inside Vtiger)"
                    : "unexpected HTTP " + status;
            throw new VtigerException(VtigerException.codeOf(failed.get()), message, operation, status);
        }
        if (status != 200) {
            throw new VtigerException(VtigerException.HTTP_ERROR, "unexpected HTTP " + status, operation, status);
        }
        JsonNode json = TransportFailure.json(mapper, body);
        if (json == null || !json.has("success")) {
            throw new VtigerException(VtigerException.INVALID_RESPONSE,
                    "the answer is not a Vtiger webservice response (is the URL right?)", operation, status);
        }
        if (!json.path("success").asBoolean()) {
            JsonNode error = json.path("error");
            String message = error.path("message").asText("");
            String code = error.path("code").isNumber() && message.startsWith("Duplicate")
                    ? VtigerException.DUPLICATE : error.path("code").asText("UNKNOWN");
            throw new VtigerException(code, message, operation, status);
        }
        return json.path("result");
    }

    /**
     * No connection at all (unknown host, refused, TLS handshake) is the connection's failure: it pauses the sync.
     * A connection dropped mid-answer or a timeout is one call's bad luck: the item retries as before.
     */
    private VtigerException unreachable(String operation, ProcessingException e) {
        VtigerException failed = transportFailure(operation, e);
        return switch (TransportFailure.of(e).kind()) {
            case UNKNOWN_HOST, REFUSED, TLS -> connectionFailed(VtigerConnectionException.Failure.UNREACHABLE,
                    failed, null);
            default -> failed;
        };
    }

    private static VtigerException transportFailure(String operation, ProcessingException e) {
        TransportFailure.Cause cause = TransportFailure.of(e);
        String message = switch (cause.kind()) {
            case TLS -> "TLS handshake failed: " + cause.tlsMessage();
            case TIMEOUT -> "no answer in time";
            case UNKNOWN_HOST -> "unknown host";
            case REFUSED -> "connection refused";
            default -> rootCause(e).getClass().getSimpleName();
        };
        return new VtigerException(VtigerException.codeOf(cause.kind()), message, operation, 0, null);
    }

    private static Throwable rootCause(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root;
    }

    private static String readQuietly(Response response) {
        try {
            return response.hasEntity() ? response.readEntity(String.class) : "";
        } catch (RuntimeException e) {
            return "";
        }
    }

    private FormBuilder form(String operation, String sessionName) {
        return new FormBuilder(operation, sessionName);
    }

    private final class FormBuilder {
        final String operation;
        final MultivaluedMap<String, String> values = new MultivaluedHashMap<>();

        FormBuilder(String operation, String sessionName) {
            this.operation = operation;
            values.add("operation", operation);
            values.add("sessionName", sessionName);
        }

        FormBuilder elementType(String module) {
            values.add("elementType", module);
            return this;
        }

        FormBuilder id(String id) {
            values.add("id", id);
            return this;
        }

        FormBuilder element(Map<String, ?> element) {
            try {
                values.add("element", mapper.writeValueAsString(element));
            } catch (JsonProcessingException e) {
                throw new IllegalArgumentException("element is not serialisable to JSON", e);
            }
            return this;
        }
    }

    static String md5Hex(String value) {
        try {
            MessageDigest md5 = MessageDigest.getInstance("MD5");
            return HexFormat.of().formatHex(md5.digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Releases the HTTP client of the current connection (for clients made with {@link #forConnection}). */
    @Override
    public void close() {
        Endpoint ep = endpoint;
        endpoint = null;
        if (ep != null && ep.api() instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                LOG.debugf("closing the Vtiger REST client: %s", e.getClass().getSimpleName());
            }
        }
    }
}
