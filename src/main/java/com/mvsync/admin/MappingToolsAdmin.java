package com.mvsync.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.mvsync.text.Text;
import com.mvsync.magento.EntityType;
import com.mvsync.magento.rest.MagentoRestClient;
import com.mvsync.magento.rest.MagentoRestException;
import com.mvsync.mapping.MappingValidator;
import com.mvsync.mapping.ModuleDescriptions;
import com.mvsync.mapping.ProposedRow;
import com.mvsync.mapping.RecordType;
import com.mvsync.sync.SyncPreview;
import com.mvsync.vtiger.ModuleDescription;
import com.mvsync.vtiger.VtigerException;
import com.mvsync.http.HttpApiEvent;
import com.mvsync.http.HttpApiResponse;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the console's Field mapping screen needs to build rows before saving them:
 * <pre>
 *   GET  /admin/describe/{type}      the Vtiger fields of a record type's module (label, type, mandatory, editable)
 *   POST /admin/mappings/validate    the checks of a save, without saving: 200 {"valid": true} or 400 with the message
 *   POST /admin/preview              {"entity": "customer", "id": "42"} (fetched from Magento) or {"entity":
 *                                    "customer", "payload": {...}}: what a sync would write, field by field; no write
 * </pre>
 */
@ApplicationScoped
public class MappingToolsAdmin implements AdminResource {

    private final ModuleDescriptions modules;
    private final MappingValidator validator;
    private final SyncPreview preview;
    private final MagentoRestClient magento;
    private final AdminHttp http;

    public MappingToolsAdmin(ModuleDescriptions modules, MappingValidator validator, SyncPreview preview,
            MagentoRestClient magento, AdminHttp http) {
        this.modules = modules;
        this.validator = validator;
        this.preview = preview;
        this.magento = magento;
        this.http = http;
    }

    @Override
    public List<AdminRoute> routes() {
        return List.of(
                AdminRoute.of("GET", "/admin/describe/{type}",
                        (request, p) -> describe(MappingValidator.type(p.get("type")))),
                AdminRoute.of("POST", MappingAdmin.MAPPINGS + "/validate", (request, p) -> validate(object(request,
                        "{\"type\":\"Contact\",\"vtigerField\":\"title\",\"magentoField\":\"...\"}"))),
                AdminRoute.of("POST", "/admin/preview", (request, p) -> preview(object(request,
                        "{\"entity\":\"customer\",\"id\":\"42\"} or {\"entity\":\"customer\","
                        + "\"payload\":{...}}"))));
    }

    private HttpApiResponse describe(RecordType type) {
        ModuleDescription module = vtiger(() -> modules.describe(type.module())).orElseThrow(() -> new AdminError(409,
                "not_configured", "no Vtiger connection is configured; set it under Configuration first"));
        return http.ok(200, Map.of("type", type.label(), "module", type.module(),
                "fields", List.copyOf(module.fields().values())));
    }

    /** Without a Vtiger field (still being picked) only the type and the Magento path are checked. */
    private HttpApiResponse validate(ObjectNode body) {
        ProposedRow row = new ProposedRow(text(body, "type"), text(body, "vtigerField"), text(body, "magentoField"),
                text(body, "status"), text(body, "description"));
        if (row.vtigerField() == null || row.vtigerField().isBlank()) {
            MappingValidator.path(MappingValidator.type(row.type()),
                    row.magentoField() == null ? null : row.magentoField().strip());
            return http.ok(200, Map.of("valid", true, "checked", "path"));
        }
        validator.validateSave(row);
        return http.ok(200, Map.of("valid", true, "checked", "row"));
    }

    private HttpApiResponse preview(ObjectNode body) {
        EntityType type = entityType(text(body, "entity"));
        JsonNode payload = body.get("payload");
        String id = text(body, "id");
        JsonNode entity;
        String source;
        if (payload != null && !payload.isNull()) {
            if (!payload.isObject()) {
                throw new AdminError(400, "invalid_request", "payload must be a JSON object: the " + type.label()
                        + " as Magento's REST API shapes it");
            }
            entity = payload;
            source = "payload";
        } else if (id != null && !id.isBlank()) {
            entity = fetch(type, id.strip());
            source = "magento";
        } else {
            throw new AdminError(400, "invalid_request", "give the " + type.label() + "'s id (fetched from Magento)"
                    + " or paste its payload");
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("entity", type.label());
        out.put("source", source);
        out.put("records", preview.preview(type, entity));
        return http.ok(200, out);
    }

    private ObjectNode fetch(EntityType type, String id) {
        if (!magento.isConfigured()) {
            throw new AdminError(409, "not_configured", "Magento's REST API is not configured ("
                    + magento.notConfiguredReason().orElse("no base URL") + "); paste the payload instead");
        }
        try {
            return magento.read(type, id);
        } catch (MagentoRestException e) {
            throw new AdminError(e.retryable() ? 503 : 502, "magento_error", "Magento could not supply "
                    + type.label() + " " + Text.abbreviate(id) + ": " + e.getMessage());
        }
    }

    private static EntityType entityType(String text) {
        return EntityType.findPlural(text).orElseThrow(() -> new AdminError(400, "invalid_request", "entity must be "
                + EntityType.labels("or") + ", not '" + Text.abbreviate(text == null ? "" : text.strip()) + "'"));
    }

    private <T> T vtiger(java.util.function.Supplier<T> call) {
        try {
            return call.get();
        } catch (VtigerException e) {
            throw new AdminError(e.retryable() ? 503 : 502, "vtiger_error", "Vtiger's describe failed: "
                    + e.getMessage());
        }
    }

    private ObjectNode object(HttpApiEvent request, String expected) {
        JsonNode node = http.jsonBody(request, "invalid_request", expected);
        if (!(node instanceof ObjectNode object)) {
            throw new AdminError(400, "invalid_request", "the request body must be a JSON object: " + expected);
        }
        return object;
    }

    private static String text(ObjectNode object, String name) {
        JsonNode value = object.get(name);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isValueNode()) {
            throw new AdminError(400, "invalid_request", name + " must be a string");
        }
        return value.asText();
    }
}
