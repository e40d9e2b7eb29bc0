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
import com.mvsync.store.StoreException;
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
 * The admin API of the field mapping (and, through {@link ConnectionApi}, of the connection settings), behind one
 * Lambda function: it routes on method and path itself, so that
 * {@code /admin/*} needs one function and one IAM-authorised set of routes.
 * <pre>
 *   GET    /admin/mappings[?type=Contact]           effective rows per type (defaults and configured)
 *   POST   /admin/mappings                          create a row                  201, 409 when it exists
 *   GET    /admin/mappings/{type}/{vtigerField}     one effective row             200, 404
 *   PUT    /admin/mappings/{type}/{vtigerField}     change (or override) a row    200, 404
 *   DELETE /admin/mappings/{type}/{vtigerField}     remove a configured row       204, 404
 * </pre>
 * PUT replaces the row; fields left out of its body keep their current value, so {@code {"status":"inactive"}}
 * switches a row off. Errors are {@code {"error": code, "message": text for the admin}}.
 */
@ApplicationScoped
public class AdminApi {

    private static final Logger LOG = Logger.getLogger(AdminApi.class);
    private static final String MAPPINGS = "/admin/mappings";
    private static final Set<String> BODY_FIELDS = Set.of("type", "vtigerField", "magentoField", "status",
            "description");

    private final MappingStore store;
    private final MappingValidator validator;
    private final ConnectionApi connection;
    private final ObjectMapper json;

    public AdminApi(MappingStore store, MappingValidator validator, ConnectionApi connection, ObjectMapper json) {
        this.store = store;
        this.validator = validator;
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
            return error(503, "store_unavailable", "the mapping could not be read or saved (DynamoDB); try again",
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
        throw AdminError.notFound("no admin route " + method + " " + path + "; the mapping is under " + MAPPINGS
                + ", the connection settings at " + ConnectionApi.CONNECTION);
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
        byte[] raw = request.rawBody();
        if (raw.length == 0) {
            throw AdminError.invalid("the request body is empty; send a JSON object with "
                    + "type, vtigerField, magentoField, status and description");
        }
        JsonNode node;
        try {
            node = json.readTree(raw);
        } catch (JsonProcessingException e) {
            throw AdminError.invalid("the request body is not valid JSON (line " + e.getLocation().getLineNr()
                    + ", column " + e.getLocation().getColumnNr() + ")");
        } catch (java.io.IOException e) {
            throw AdminError.invalid("the request body could not be read");
        }
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
