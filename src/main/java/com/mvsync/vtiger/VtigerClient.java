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
import org.jboss.logging.Logger;

/**
 * Vtiger webservice client shared by every function. One session per warm container: it logs in on first use, keeps
 * the session across invocations, and logs in again (repeating the call once) when Vtiger reports the session lost.
 * Thread-safe; concurrent callers share one login.
 */
@ApplicationScoped
public class VtigerClient implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(VtigerClient.class);

    private final VtigerConfig config;
    private final ObjectMapper mapper;
    private final ReentrantLock loginLock = new ReentrantLock();
    /** describe per module, for {@code mvsync.vtiger.describe-ttl}; cleared when the client moves to another Vtiger. */
    private final TtlCache<String, ModuleDescription> describeCache;
    /** Null for a client fixed to what {@link #connect} is given; else asked before every call. */
    private final VtigerConnectionSource source;
    /** Asked before each request and told each answer: the shared call budget and 429 pause (package budget). */
    private final CallGate gate;

    private volatile Endpoint endpoint;
    private volatile Session session;

    /** The logged-in session; {@code userId} is the default owner of created records. */
    public record Session(String name, String userId, String vtigerVersion) {
        @Override
        public String toString() {
            return "Session[user " + userId + ", Vtiger " + vtigerVersion + "]";
        }
    }

    private record Endpoint(VtigerConnection connection, VtigerApi api) {
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
        this.config = config;
        this.mapper = mapper;
        this.source = source;
        this.gate = gate;
        this.describeCache = new TtlCache<>(clock, config::describeTtl);
    }

    /** A client of its own for one connection, e.g. to test settings without touching the shared session. */
    public static VtigerClient forConnection(VtigerConfig config, ObjectMapper mapper, Clock clock,
            VtigerConnection connection) {
        VtigerClient client = new VtigerClient(config, mapper, clock, null);
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
            endpoint = new Endpoint(connection, api);
            session = null;
            describeCache.clear();
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
                session = null;
                describeCache.clear();
            } finally {
                loginLock.unlock();
            }
        }
    }

    // ---- operations -------------------------------------------------------------------------------------------

    public ObjectNode create(String module, Map<String, ?> element) {
        return (ObjectNode) withSession("create", s -> post(form("create", s).elementType(module).element(element)));
    }

    /** Partial update: only the fields in the element change. The element must contain {@code id}. */
    public ObjectNode revise(Map<String, ?> element) {
        if (!element.containsKey("id")) {
            throw new IllegalArgumentException("revise needs the record id in the element");
        }
        return (ObjectNode) withSession("revise", s -> post(form("revise", s).element(element)));
    }

    /** One VTQL query as written (Vtiger caps the answer at 100 rows). The statement must end with ';'. */
    public List<JsonNode> query(String vtql) {
        JsonNode rows = withSession("query", s -> get("query", s, null, null, null, vtql));
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
        return describeCache.get(module, m -> ModuleDescription.from(
                withSession("describe", s -> get("describe", s, null, m, null, null))));
    }

    /** The current session, logging in if there is none. */
    public Session session() {
        follow();
        Session current = session;
        return current != null ? current : login(null);
    }

    /** Owner for created records: configured, else the logged-in user. */
    public String assignedUserId() {
        return config.assignedUserId().orElseGet(() -> session().userId());
    }

    /** Quotes a value for a VTQL string literal. */
    public static String quote(String value) {
        return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }

    // ---- session handling -------------------------------------------------------------------------------------

    @FunctionalInterface
    private interface Call {
        JsonNode run(String sessionName);
    }

    private JsonNode withSession(String operation, Call call) {
        Session current = session();
        try {
            return call.run(current.name());
        } catch (VtigerException e) {
            if (!e.sessionLost()) {
                throw e;
            }
            LOG.debugf("Vtiger %s: session lost (%s), logging in again", operation, e.code());
            return call.run(login(current).name());
        }
    }

    /**
     * Logs in unless another thread already replaced {@code stale}. Vtiger keeps one challenge token per user, so a
     * container that logs in at the same moment as another can lose its token and get INVALID_USER_CREDENTIALS; that
     * is retried with a fresh challenge after a jittered pause, a bounded number of times, so a wrong key still fails.
     */
    private Session login(Session stale) {
        loginLock.lock();
        try {
            Session current = session;
            if (current != null && !current.equals(stale)) {
                return current;
            }
            Endpoint ep = requireEndpoint("login");
            int attempts = Math.max(1, config.loginAttempts());
            for (int attempt = 1;; attempt++) {
                JsonNode challenge = get(ep, "getchallenge", null, ep.connection().username(), null, null, null);
                String token = challenge.path("token").asText();
                MultivaluedMap<String, String> form = new MultivaluedHashMap<>();
                form.add("operation", "login");
                form.add("username", ep.connection().username());
                form.add("accessKey", md5Hex(token + ep.connection().accessKey()));
                try {
                    JsonNode result = post(ep, "login", form);
                    Session fresh = new Session(result.path("sessionName").asText(), result.path("userId").asText(),
                            result.path("vtigerVersion").asText(null));
                    session = fresh;
                    return fresh;
                } catch (VtigerException e) {
                    boolean raceLost = e.code().equals("INVALID_USER_CREDENTIALS") || e.code().equals("INVALID_AUTH_TOKEN");
                    if (!raceLost || attempt >= attempts) {
                        throw e;
                    }
                    LOG.debugf("Vtiger login attempt %d lost the challenge token, retrying", attempt);
                    pause(attempt);
                }
            }
        } finally {
            loginLock.unlock();
        }
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

    private JsonNode get(String operation, String sessionName, String username, String elementType, String id,
            String query) {
        return get(requireEndpoint(operation), operation, sessionName, username, elementType, id, query);
    }

    private JsonNode get(Endpoint ep, String operation, String sessionName, String username, String elementType,
            String id, String query) {
        return send(operation, () -> ep.api().get(operation, sessionName, username, elementType, id, query));
    }

    private JsonNode post(FormBuilder form) {
        return post(requireEndpoint(form.operation), form.operation, form.values);
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
            throw transportFailure(operation, e);
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
        session = null;
        if (ep != null && ep.api() instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                LOG.debugf("closing the Vtiger REST client: %s", e.getClass().getSimpleName());
            }
        }
    }
}
