package com.mvsync.admin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.mvsync.connection.ConnectionStoreException;
import com.mvsync.connection.InvalidConnectionException;
import com.mvsync.mapping.DefaultMappings;
import com.mvsync.mapping.InvalidMappingException;
import com.mvsync.mapping.MappingCheckUnavailableException;
import com.mvsync.mapping.MappingRow;
import com.mvsync.mapping.MappingStore;
import com.mvsync.mapping.MappingValidator;
import com.mvsync.mapping.ProposedRow;
import com.mvsync.mapping.RecordType;
import com.mvsync.queue.InvalidSettingsException;
import com.mvsync.queue.QueueStatus;
import com.mvsync.magento.EntityType;
import com.mvsync.magento.rest.MagentoRestException;
import com.mvsync.queue.Backfill;
import com.mvsync.queue.QueueStore;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import com.mvsync.queue.QueuedEvent;
import com.mvsync.queue.SettingsStore;
import com.mvsync.queue.SettingsUpdate;
import com.mvsync.store.StoreException;
import com.mvsync.store.SyncLog;
import com.mvsync.webhook.HttpApiEvent;
import com.mvsync.webhook.HttpApiResponse;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * The admin API (field mapping, sync settings, queue, sync log, backfill and, through {@link ConnectionApi}, the
 * connection settings), behind one Lambda function: it routes on method and path itself, so that {@code /admin/*}
 * needs one function and one IAM-authorised set of routes.
 * <pre>
 *   GET    /admin/mappings[?type=Contact]           effective rows per type (defaults and configured)
 *   POST   /admin/mappings                          create a row                  201, 409 when it exists
 *   GET    /admin/mappings/{type}/{vtigerField}     one effective row             200, 404
 *   PUT    /admin/mappings/{type}/{vtigerField}     change (or override) a row    200, 404
 *   DELETE /admin/mappings/{type}/{vtigerField}     remove a configured row       204, 404
 *   GET    /admin/settings                          settings of every sync type
 *   PUT    /admin/settings                          change some (partial)         200, 400
 *   GET    /admin/queue[?status=pending&limit=50]   queue items (pending, in_progress or dead)
 *   POST   /admin/queue/{entityKey}/retry           dead letter to pending        200, 404, 409
 *   GET    /admin/log[?limit=50]                    latest sync log entries, newest first
 *   POST   /admin/backfill/{type}[?restart=true]    queue every customer/product/order/invoice: 202 while
 *                                                   running (call again to continue), 200 when done
 *   GET    /admin/backfill/{type}                   where that backfill stands
 * </pre>
 * PUT replaces the row; fields left out of its body keep their current value, so {@code {"status":"inactive"}}
 * switches a row off. Errors are {@code {"error": code, "message": text for the admin}}.
 */
@ApplicationScoped
public class AdminApi {

    private static final Logger LOG = Logger.getLogger(AdminApi.class);
    private static final String MAPPINGS = "/admin/mappings";
    private static final String SETTINGS = "/admin/settings";
    private static final String QUEUE = "/admin/queue";
    private static final String LOG_PATH = "/admin/log";
    private static final int DEFAULT_LIMIT = 50;
    private static final int MAX_LIMIT = 1000;
    private static final Set<String> BODY_FIELDS = Set.of("type", "vtigerField", "magentoField", "status",
            "description");

    private final MappingStore store;
    private final MappingValidator validator;
    private final SettingsStore settings;
    private final QueueStore queue;
    private final SyncLog syncLog;
    private final ConnectionApi connection;
    private final ObjectMapper json;
    private final Backfill backfill;
    private final Duration backfillBudget;

    public AdminApi(MappingStore store, MappingValidator validator, SettingsStore settings, QueueStore queue,
            SyncLog syncLog, ConnectionApi connection, ObjectMapper json, Backfill backfill,
            @ConfigProperty(name = "mvsync.backfill.budget", defaultValue = "PT20S") Duration backfillBudget) {
        this.backfill = backfill;
        this.backfillBudget = backfillBudget;
        this.store = store;
        this.validator = validator;
        this.settings = settings;
        this.queue = queue;
        this.syncLog = syncLog;
        this.connection = connection;
        this.json = json;
    }

    public HttpApiResponse handle(HttpApiEvent request) {
        String method = method(request);
        String path = path(request);
        try {
            return route(method, path, request);
        } catch (AdminError e) {
            return error(e.status, e.code, e.getMessage(), e.allow);
        } catch (InvalidMappingException e) {
            return error(400, "invalid_mapping", e.getMessage(), null);
        } catch (InvalidSettingsException e) {
            return error(400, "invalid_settings", e.getMessage(), null);
        } catch (InvalidConnectionException e) {
            return error(400, "invalid_connection", e.getMessage(), null);
        } catch (ConnectionStoreException e) {
            LOG.errorf(e, "admin %s %s [%s]: %s", method, path, request.requestId(), e.getMessage());
            return error(503, "settings_unavailable", "the connection settings could not be read or saved (SSM"
                    + " Parameter Store); nothing was changed if this was a change, try again", null);
        } catch (MappingCheckUnavailableException e) {
            LOG.warnf("admin %s %s [%s]: %s", method, path, request.requestId(), e.getMessage());
            return error(503, "vtiger_unavailable", e.getMessage(), null);
        } catch (StoreException e) {
            LOG.errorf(e, "admin %s %s [%s]: %s", method, path, request.requestId(), e.getMessage());
            return error(503, "store_unavailable", "the sync state could not be read or saved (DynamoDB); try again",
                    null);
        } catch (RuntimeException e) {
            LOG.errorf(e, "admin %s %s [%s] failed", method, path, request.requestId());
            return error(500, "internal_error", "the request failed; see the function's log", null);
        }
    }

    private HttpApiResponse route(String method, String path, HttpApiEvent request) {
        List<String> segments = segments(path);
        if (segments.size() >= 2 && segments.get(1).equals("connection")) {
            return connection.handle(method, segments, request);
        }
        if (segments.size() == 2 && segments.get(1).equals("mappings")) {
            return switch (method) {
                case "GET" -> list(query(request, "type"));
                case "POST" -> create(body(request));
                default -> throw AdminError.methodNotAllowed(method, MAPPINGS, "GET, POST");
            };
        }
        if (segments.size() == 4 && segments.get(1).equals("mappings")) {
            RecordType type = MappingValidator.type(segments.get(2));
            String field = segments.get(3);
            return switch (method) {
                case "GET" -> ok(200, view(type, field).orElseThrow(() -> noMapping(type, field)));
                case "PUT" -> update(type, field, body(request));
                case "DELETE" -> delete(type, field, request);
                default -> throw AdminError.methodNotAllowed(method, MAPPINGS + "/{type}/{vtigerField}",
                        "GET, PUT, DELETE");
            };
        }
        if (segments.size() == 2 && segments.get(1).equals("settings")) {
            return switch (method) {
                case "GET" -> ok(200, settings.read());
                case "PUT" -> updateSettings(request);
                default -> throw AdminError.methodNotAllowed(method, SETTINGS, "GET, PUT");
            };
        }
        if (segments.size() == 2 && segments.get(1).equals("queue")) {
            if (!method.equals("GET")) {
                throw AdminError.methodNotAllowed(method, QUEUE, "GET");
            }
            return listQueue(request);
        }
        if (segments.size() == 4 && segments.get(1).equals("queue") && segments.get(3).equals("retry")) {
            if (!method.equals("POST")) {
                throw AdminError.methodNotAllowed(method, QUEUE + "/{entityKey}/retry", "POST");
            }
            return retry(segments.get(2));
        }
        if (segments.size() == 2 && segments.get(1).equals("log")) {
            if (!method.equals("GET")) {
                throw AdminError.methodNotAllowed(method, LOG_PATH, "GET");
            }
            return ok(200, Map.of("entries", syncLog.recent(limit(request))));
        }
        if (segments.size() == 3 && segments.get(1).equals("backfill")) {
            EntityType type = backfillType(segments.get(2));
            return switch (method) {
                case "GET" -> ok(200, backfill.progress(type));
                case "POST" -> runBackfill(type, "true".equals(query(request, "restart")));
                default -> throw AdminError.methodNotAllowed(method, "/admin/backfill/{type}", "GET, POST");
            };
        }
        throw AdminError.notFound("no admin route " + method + " " + path + "; the admin API serves " + MAPPINGS
                + ", " + SETTINGS + ", " + QUEUE + ", " + LOG_PATH + ", /admin/backfill and "
                + ConnectionApi.CONNECTION);
    }

    private HttpApiResponse runBackfill(EntityType type, boolean restart) {
        try {
            Backfill.Progress progress = backfill.run(type, backfillBudget, restart);
            return ok(progress.status().equals(Backfill.Progress.DONE) ? 200 : 202, progress);
        } catch (MagentoRestException e) {
            throw new AdminError(e.retryable() ? 503 : 502, "magento_error", "Magento's REST API failed: "
                    + e.getMessage() + "; the backfill keeps its place, call again to continue");
        }
    }

    private static EntityType backfillType(String text) {
        String t = text.toLowerCase(java.util.Locale.ROOT);
        for (EntityType type : EntityType.values()) {
            if (t.equals(type.label()) || t.equals(type.label() + "s")) {
                return type;
            }
        }
        throw AdminError.notFound("no backfill for '" + text + "'; use customers, products, orders or invoices");
    }

    private HttpApiResponse updateSettings(HttpApiEvent request) {
        SettingsUpdate update = SettingsUpdate.parse(jsonBody(request, "invalid_settings",
                "{\"types\":{\"CONTACTS\":{\"enabled\":true,\"mode\":\"cron\",\"periodMinutes\":10}}}"));
        var saved = settings.update(update);
        LOG.infof("settings of %s updated [%s]", update.types().keySet(), request.requestId());
        return ok(200, saved);
    }

    private HttpApiResponse listQueue(HttpApiEvent request) {
        String text = query(request, "status").orElse("pending");
        QueueStatus status = QueueStatus.parse(text).orElseThrow(() -> new AdminError(400, "invalid_request",
                "unknown status '" + abbreviate(text) + "'; use pending, in_progress or dead"));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", status);
        body.put("items", queue.list(status, limit(request)));
        return ok(200, body);
    }

    /** The path segment is the URL-encoded entity key ({@code customer%2342} for {@code customer#42}). */
    private HttpApiResponse retry(String entityKey) {
        Optional<QueuedEvent> retried = queue.retry(entityKey);
        if (retried.isPresent()) {
            LOG.infof("dead queue item %s retried", entityKey);
            return ok(200, retried.get());
        }
        QueuedEvent current = queue.get(entityKey).orElseThrow(() -> AdminError.notFound("no queue item for '"
                + abbreviate(entityKey) + "' (the id is the URL-encoded entity key, e.g. customer%2342)"));
        throw conflict(entityKey + " is " + current.status().wire() + "; only a dead item can be retried");
    }

    private static int limit(HttpApiEvent request) {
        String text = query(request, "limit").orElse(null);
        if (text == null || text.isBlank()) {
            return DEFAULT_LIMIT;
        }
        try {
            int limit = Integer.parseInt(text.trim());
            if (limit >= 1 && limit <= MAX_LIMIT) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new AdminError(400, "invalid_request", "limit must be a whole number from 1 to " + MAX_LIMIT
                + ", not '" + abbreviate(text) + "'");
    }

    private HttpApiResponse list(Optional<String> typeFilter) {
        List<RecordType> types = typeFilter.map(t -> List.of(MappingValidator.type(t)))
                .orElseGet(() -> Arrays.asList(RecordType.values()));
        List<TypeMappings> out = new ArrayList<>();
        for (RecordType type : types) {
            out.add(new TypeMappings(type.label(), type.module(), effective(type, store.storedRows(type))));
        }
        return ok(200, Map.of("types", out));
    }

    private HttpApiResponse create(ProposedRow proposed) {
        MappingRow row = validator.validateSave(proposed);
        String name = row.type().module() + "." + row.vtigerField();
        if (isDefault(row.type(), row.vtigerField())) {
            throw conflict(name + " is already mapped by a built-in default; change it with PUT "
                    + location(row.type(), row.vtigerField()));
        }
        if (!store.putIfAbsent(row)) {
            throw conflict(name + " is already mapped; change it with PUT " + location(row.type(), row.vtigerField()));
        }
        LOG.infof("mapping %s created (%s)", name, row.active() ? "active" : "inactive");
        HttpApiResponse response = ok(201, MappingView.of(row, MappingView.CONFIGURED));
        Map<String, String> headers = new HashMap<>(response.headers());
        headers.put("location", location(row.type(), row.vtigerField()));
        return new HttpApiResponse(201, headers, response.body(), false);
    }

    private HttpApiResponse update(RecordType type, String field, ProposedRow body) {
        if (body.type() != null && RecordType.parse(body.type()).orElse(null) != type
                || body.vtigerField() != null && !body.vtigerField().equals(field)) {
            throw AdminError.invalid("the body names a different row than the path; a row cannot be renamed,"
                    + " create the new one with POST and delete the old one");
        }
        MappingView current = view(type, field).orElseThrow(() -> AdminError.notFound("no mapping for "
                + type.module() + "." + field + "; create it with POST " + MAPPINGS));
        MappingRow row = validator.validateSave(new ProposedRow(type.name(), field,
                body.magentoField() != null ? body.magentoField() : current.magentoField(),
                body.status() != null ? body.status() : current.status(),
                body.description() != null ? body.description() : current.description()));
        store.put(row);
        LOG.infof("mapping %s.%s updated (%s)", type.module(), field, row.active() ? "active" : "inactive");
        return ok(200, MappingView.of(row, MappingView.CONFIGURED));
    }

    private HttpApiResponse delete(RecordType type, String field, HttpApiEvent request) {
        if (store.get(type, field).isEmpty()) {
            if (isDefault(type, field)) {
                throw AdminError.notFound(type.module() + "." + field
                        + ": this is a built-in default; set it inactive instead");
            }
            throw noMapping(type, field);
        }
        validator.validateDelete(type, field);
        if (!store.delete(type, field)) {
            throw noMapping(type, field);
        }
        LOG.infof("mapping %s.%s deleted [%s]", type.module(), field, request.requestId());
        return new HttpApiResponse(204, Map.of(), null, false);
    }

    /** Defaults in their order, each replaced by its configured row, then the configured additions. */
    private static List<MappingView> effective(RecordType type, List<MappingRow> configured) {
        Map<String, MappingView> byField = new LinkedHashMap<>();
        DefaultMappings.rowsFor(type).forEach(r -> byField.put(r.vtigerField(), MappingView.of(r, MappingView.DEFAULT)));
        configured.forEach(r -> byField.put(r.vtigerField(), MappingView.of(r, MappingView.CONFIGURED)));
        return List.copyOf(byField.values());
    }

    private Optional<MappingView> view(RecordType type, String field) {
        return store.get(type, field).map(r -> MappingView.of(r, MappingView.CONFIGURED))
                .or(() -> DefaultMappings.rowsFor(type).stream().filter(r -> r.vtigerField().equals(field))
                        .findFirst().map(r -> MappingView.of(r, MappingView.DEFAULT)));
    }

    private static boolean isDefault(RecordType type, String field) {
        return DefaultMappings.rowsFor(type).stream().anyMatch(r -> r.vtigerField().equals(field));
    }

    private ProposedRow body(HttpApiEvent request) {
        JsonNode node = jsonBody(request, "invalid_mapping",
                "a JSON object with type, vtigerField, magentoField, status and description");
        if (!(node instanceof ObjectNode object)) {
            throw AdminError.invalid("the request body must be a JSON object with "
                    + "type, vtigerField, magentoField, status and description");
        }
        for (Iterator<String> names = object.fieldNames(); names.hasNext();) {
            String name = names.next();
            if (!BODY_FIELDS.contains(name)) {
                throw AdminError.invalid("unknown property '" + abbreviate(name)
                        + "'; a mapping has type, vtigerField, magentoField, status and description");
            }
        }
        return new ProposedRow(text(object, "type"), text(object, "vtigerField"), text(object, "magentoField"),
                text(object, "status"), text(object, "description"));
    }

    /** The body as JSON; a missing or malformed body is a 400 with {@code code}, hinting at what to send. */
    private JsonNode jsonBody(HttpApiEvent request, String code, String expected) {
        byte[] raw = request.rawBody();
        if (raw.length == 0) {
            throw new AdminError(400, code, "the request body is empty; send " + expected);
        }
        try {
            return json.readTree(raw);
        } catch (JsonProcessingException e) {
            throw new AdminError(400, code, "the request body is not valid JSON (line "
                    + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")");
        } catch (java.io.IOException e) {
            throw new AdminError(400, code, "the request body could not be read");
        }
    }

    private static String text(ObjectNode object, String name) {
        JsonNode value = object.get(name);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw AdminError.invalid(name + " must be a string");
        }
        return value.textValue();
    }

    private HttpApiResponse ok(int status, Object body) {
        try {
            return HttpApiResponse.json(status, json.writeValueAsString(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("could not write the admin response", e);
        }
    }

    private HttpApiResponse error(int status, String code, String message, String allow) {
        ObjectNode body = json.createObjectNode().put("error", code).put("message", message);
        Map<String, String> headers = new HashMap<>(Map.of("content-type", "application/json"));
        if (allow != null) {
            headers.put("allow", allow);
        }
        return new HttpApiResponse(status, headers, body.toString(), false);
    }

    private static AdminError noMapping(RecordType type, String field) {
        return AdminError.notFound("no mapping for " + type.module() + "." + field);
    }

    private static AdminError conflict(String message) {
        return new AdminError(409, "conflict", message);
    }

    private static String location(RecordType type, String field) {
        return MAPPINGS + "/" + type.module() + "/" + field;
    }

    private static String method(HttpApiEvent request) {
        if (request.requestContext() != null && request.requestContext().http() != null
                && request.requestContext().http().method() != null) {
            return request.requestContext().http().method().toUpperCase(java.util.Locale.ROOT);
        }
        String routeKey = request.routeKey();
        return routeKey != null && routeKey.contains(" ") ? routeKey.substring(0, routeKey.indexOf(' ')) : "";
    }

    /** The path from {@code /admin} on: a named API Gateway stage puts its name in front of it. */
    private static String path(HttpApiEvent request) {
        String raw = request.rawPath() != null ? request.rawPath()
                : request.requestContext() != null && request.requestContext().http() != null
                        ? request.requestContext().http().path() : "";
        int admin = raw == null ? -1 : raw.indexOf("/admin");
        return admin < 0 ? (raw == null ? "" : raw) : raw.substring(admin);
    }

    private static List<String> segments(String path) {
        List<String> out = new ArrayList<>();
        for (String segment : path.split("/")) {
            if (!segment.isEmpty()) {
                // '+' is literal in a path; only %XX is an escape ("Sales%20Order").
                try {
                    out.add(URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8));
                } catch (IllegalArgumentException e) {
                    throw AdminError.notFound("the path " + abbreviate(path) + " has a malformed %-escape");
                }
            }
        }
        return out.isEmpty() || !out.get(0).equals("admin") ? List.of() : out;
    }

    private static Optional<String> query(HttpApiEvent request, String name) {
        if (request.queryStringParameters() != null && request.queryStringParameters().containsKey(name)) {
            return Optional.of(request.queryStringParameters().get(name));
        }
        String raw = request.rawQueryString();
        if (raw == null || raw.isEmpty()) {
            return Optional.empty();
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            if (key.equals(name)) {
                return Optional.of(eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return Optional.empty();
    }

    private static String abbreviate(String text) {
        return text.length() <= 60 ? text : text.substring(0, 57) + "...";
    }
}
