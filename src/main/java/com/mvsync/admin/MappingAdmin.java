package com.mvsync.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.mvsync.http.HttpApiEvent;
import com.mvsync.http.HttpApiResponse;
import com.mvsync.mapping.DefaultMappings;
import com.mvsync.mapping.MappingRow;
import com.mvsync.mapping.MappingStore;
import com.mvsync.mapping.MappingValidator;
import com.mvsync.mapping.ProposedRow;
import com.mvsync.mapping.RecordType;
import com.mvsync.mapping.Scope;
import com.mvsync.mapping.ScopeChain;
import com.mvsync.text.Text;
import jakarta.enterprise.context.ApplicationScoped;
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
 * The field mapping routes:
 * <pre>
 *   GET    /admin/mappings[?type=Contact]           effective rows per type (defaults and configured)
 *   POST   /admin/mappings                          create a row                  201, 409 when it exists
 *   GET    /admin/mappings/{type}/{vtigerField}     one effective row             200, 404
 *   PUT    /admin/mappings/{type}/{vtigerField}     change (or override) a row    200, 404
 *   DELETE /admin/mappings/{type}/{vtigerField}     remove a configured row       204, 404
 * </pre>
 * PUT replaces the row; fields left out of its body keep their current value, so {@code {"status":"inactive"}}
 * switches a row off. A row's rules ({@code write}, {@code freeText}, {@code htmlToText}) left out of a POST take the
 * field's defaults; its {@code direction} is {@code magento-to-vtiger} and its {@code conflict} {@code newest-wins}
 * unless named.
 * <p>
 * Each route takes {@code ?scope=website:<code>} or {@code ?scope=store:<code>} ({@link ScopesAdmin#chain}): the rows
 * in force there, each with the scope that sets it and whether it is inherited; POST and PUT set the scope's own row
 * (an override of what it inherits), DELETE removes it (the field is inherited again). Without the parameter
 * every route works on the default scope and answers as it always did.
 */
@ApplicationScoped
public class MappingAdmin implements AdminResource {

    private static final Logger LOG = Logger.getLogger(MappingAdmin.class);
    static final String MAPPINGS = "/admin/mappings";
    private static final Set<String> BODY_FIELDS = Set.of("type", "vtigerField", "magentoField", "status",
            "description", "write", "freeText", "htmlToText", "direction", "conflict");
    private static final String PROPERTIES = "type, vtigerField, magentoField, status, description, write, freeText,"
            + " htmlToText, direction and conflict";

    private final MappingStore store;
    private final MappingValidator validator;
    private final AdminHttp http;
    /** Null for a table without Magento's store list: only the default scope then. */
    private final ScopesAdmin scopes;

    /** The routes of the default scope only (a {@code scope} parameter naming another is answered 409). */
    public MappingAdmin(MappingStore store, MappingValidator validator, AdminHttp http) {
        this(store, validator, http, null);
    }

    @jakarta.inject.Inject
    public MappingAdmin(MappingStore store, MappingValidator validator, AdminHttp http, ScopesAdmin scopes) {
        this.store = store;
        this.validator = validator;
        this.http = http;
        this.scopes = scopes;
    }

    @Override
    public List<AdminRoute> routes() {
        String row = MAPPINGS + "/{type}/{vtigerField}";
        return List.of(
                AdminRoute.of("GET", MAPPINGS, (request, p) -> list(AdminHttp.query(request, "type"),
                        chain(request))),
                AdminRoute.of("POST", MAPPINGS, (request, p) -> {
                    Optional<ScopeChain> narrower = ScopesAdmin.narrower(scopes, request);
                    ProposedRow proposed = body(request);
                    return narrower.map(c -> createIn(c, proposed)).orElseGet(() -> create(proposed));
                }),
                AdminRoute.of("GET", row, (request, p) -> {
                    RecordType type = MappingValidator.type(p.get("type"));
                    String field = p.get("vtigerField");
                    Optional<ScopeChain> chain = chain(request);
                    Optional<MappingView> found = chain.isPresent() ? inScope(type, chain.get()).stream()
                            .filter(v -> v.vtigerField().equals(field)).findFirst() : view(type, field);
                    return ok(200, found.orElseThrow(() -> noMapping(type, field)));
                }),
                AdminRoute.of("PUT", row, (request, p) -> {
                    Optional<ScopeChain> narrower = ScopesAdmin.narrower(scopes, request);
                    RecordType type = MappingValidator.type(p.get("type"));
                    ProposedRow body = body(request);
                    return narrower.map(c -> updateIn(c, type, p.get("vtigerField"), body))
                            .orElseGet(() -> update(type, p.get("vtigerField"), body));
                }),
                AdminRoute.of("DELETE", row, (request, p) -> {
                    Optional<ScopeChain> narrower = ScopesAdmin.narrower(scopes, request);
                    RecordType type = MappingValidator.type(p.get("type"));
                    return narrower.map(c -> deleteIn(c, type, p.get("vtigerField"), request))
                            .orElseGet(() -> delete(type, p.get("vtigerField"), request));
                }));
    }

    private Optional<ScopeChain> chain(HttpApiEvent request) {
        return ScopesAdmin.chain(scopes, request);
    }

    private HttpApiResponse list(Optional<String> typeFilter, Optional<ScopeChain> chain) {
        List<RecordType> types = typeFilter.map(t -> List.of(MappingValidator.type(t)))
                .orElseGet(() -> Arrays.asList(RecordType.values()));
        List<TypeMappings> out = new ArrayList<>();
        for (RecordType type : types) {
            out.add(new TypeMappings(type.label(), type.module(), chain.isPresent() ? inScope(type, chain.get())
                    : effective(type, store.storedRows(type))));
        }
        return ok(200, Map.of("types", out));
    }

    /**
     * The rows in force in the chain's innermost scope: the defaults, then each scope's rows from the default
     * inwards, each marked with the scope that sets it and whether that is an enclosing one (inherited).
     */
    private List<MappingView> inScope(RecordType type, ScopeChain chain) {
        Scope asked = chain.innermost();
        Map<String, MappingView> byField = new LinkedHashMap<>();
        DefaultMappings.rowsFor(type).forEach(r -> byField.put(r.vtigerField(),
                MappingView.of(r, MappingView.DEFAULT).in(Scope.DEFAULT.wire(), !asked.isDefault())));
        for (Scope scope : chain.scopes()) {
            store.storedRows(type, scope).forEach(r -> byField.put(r.vtigerField(),
                    MappingView.of(r, MappingView.CONFIGURED).in(scope.wire(), !scope.equals(asked))));
        }
        return List.copyOf(byField.values());
    }

    /** POST in a website or store view: the scope's own row of a field, which may be set in an enclosing scope. */
    private HttpApiResponse createIn(ScopeChain chain, ProposedRow proposed) {
        MappingRow row = validator.validateSave(proposed, chain);
        Scope scope = chain.innermost();
        String name = row.type().module() + "." + row.vtigerField();
        if (!store.putIfAbsent(row, scope)) {
            throw conflict(name + " is already set in scope " + scope + "; change it with PUT "
                    + location(row.type(), row.vtigerField()) + "?scope=" + scope);
        }
        LOG.infof("mapping %s set in scope %s (%s)", name, scope, row.active() ? "active" : "inactive");
        HttpApiResponse response = ok(201, MappingView.of(row, MappingView.CONFIGURED).in(scope.wire(), false));
        Map<String, String> headers = new HashMap<>(response.headers());
        headers.put("location", location(row.type(), row.vtigerField()) + "?scope=" + scope);
        return new HttpApiResponse(201, headers, response.body(), false);
    }

    /** PUT in a website or store view: the row in force there (inherited or its own), changed, as the scope's own. */
    private HttpApiResponse updateIn(ScopeChain chain, RecordType type, String field, ProposedRow body) {
        checkSameRow(type, field, body);
        Scope scope = chain.innermost();
        MappingView current = inScope(type, chain).stream().filter(v -> v.vtigerField().equals(field)).findFirst()
                .orElseThrow(() -> AdminError.notFound("no mapping for " + type.module() + "." + field + " in scope "
                        + scope + "; create it with POST " + MAPPINGS + "?scope=" + scope));
        MappingRow row = validator.validateSave(merged(type, field, body, current), chain);
        store.put(row, scope);
        LOG.infof("mapping %s.%s overridden in scope %s (%s)", type.module(), field, scope,
                row.active() ? "active" : "inactive");
        return ok(200, MappingView.of(row, MappingView.CONFIGURED).in(scope.wire(), false));
    }

    /** DELETE in a website or store view: its own row goes, the field is inherited again. */
    private HttpApiResponse deleteIn(ScopeChain chain, RecordType type, String field, HttpApiEvent request) {
        Scope scope = chain.innermost();
        if (store.get(type, field, scope).isEmpty()) {
            throw AdminError.notFound("scope " + scope + " does not set " + type.module() + "." + field
                    + "; it inherits it");
        }
        validator.validateDelete(type, field, chain);
        if (!store.delete(type, field, scope)) {
            throw noMapping(type, field);
        }
        LOG.infof("mapping %s.%s inherited again in scope %s [%s]", type.module(), field, scope, request.requestId());
        return new HttpApiResponse(204, Map.of(), null, false);
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

    private static void checkSameRow(RecordType type, String field, ProposedRow body) {
        if ((body.type() != null && RecordType.parse(body.type()).orElse(null) != type)
                || (body.vtigerField() != null && !body.vtigerField().equals(field))) {
            throw AdminError.invalid("the body names a different row than the path; a row cannot be renamed,"
                    + " create the new one with POST and delete the old one");
        }
    }

    private HttpApiResponse update(RecordType type, String field, ProposedRow body) {
        checkSameRow(type, field, body);
        MappingView current = view(type, field).orElseThrow(() -> AdminError.notFound("no mapping for "
                + type.module() + "." + field + "; create it with POST " + MAPPINGS));
        MappingRow row = validator.validateSave(merged(type, field, body, current));
        store.put(row);
        LOG.infof("mapping %s.%s updated (%s, %s)", type.module(), field, row.active() ? "active" : "inactive",
                row.direction().wire());
        return ok(200, MappingView.of(row, MappingView.CONFIGURED));
    }

    /** The row a PUT proposes: what its body gives, the current row's values for what it leaves out. */
    private static ProposedRow merged(RecordType type, String field, ProposedRow body, MappingView current) {
        return new ProposedRow(type.name(), field,
                body.magentoField() != null ? body.magentoField() : current.magentoField(),
                body.status() != null ? body.status() : current.status(),
                body.description() != null ? body.description() : current.description(),
                body.write() != null ? body.write() : current.write(),
                body.freeText() != null ? body.freeText() : current.freeText(),
                body.htmlToText() != null ? body.htmlToText() : current.htmlToText(),
                body.direction() != null ? body.direction() : current.direction(),
                body.conflict() != null ? body.conflict() : current.conflict());
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
        JsonNode node = http.jsonBody(request, "invalid_mapping", "a JSON object with " + PROPERTIES);
        if (!(node instanceof ObjectNode object)) {
            throw AdminError.invalid("the request body must be a JSON object with " + PROPERTIES);
        }
        for (Iterator<String> names = object.fieldNames(); names.hasNext();) {
            String name = names.next();
            if (!BODY_FIELDS.contains(name)) {
                throw AdminError.invalid("unknown property '" + Text.abbreviate(name)
                        + "'; a mapping has " + PROPERTIES);
            }
        }
        return new ProposedRow(text(object, "type"), text(object, "vtigerField"), text(object, "magentoField"),
                text(object, "status"), text(object, "description"), text(object, "write"), flag(object, "freeText"),
                flag(object, "htmlToText"), text(object, "direction"), text(object, "conflict"));
    }

    private static Boolean flag(ObjectNode object, String name) {
        JsonNode value = object.get(name);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isBoolean()) {
            throw AdminError.invalid(name + " must be true or false");
        }
        return value.booleanValue();
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
        return http.ok(status, body);
    }

    private static AdminError conflict(String message) {
        return new AdminError(409, "conflict", message);
    }

    private static AdminError noMapping(RecordType type, String field) {
        return AdminError.notFound("no mapping for " + type.module() + "." + field);
    }

    private static String location(RecordType type, String field) {
        return MAPPINGS + "/" + type.module() + "/" + field;
    }

}
