package com.mvsync.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.mvsync.connection.ConnectionCheck;
import com.mvsync.connection.ConnectionSettings;
import com.mvsync.connection.ConnectionUpdate;
import com.mvsync.connection.EffectiveConnection;
import com.mvsync.connection.InvalidConnectionException;
import com.mvsync.magento.rest.MagentoRestClient;
import com.mvsync.magento.rest.MagentoRestConfig;
import com.mvsync.http.HttpApiEvent;
import com.mvsync.http.HttpApiResponse;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * The "Configuration" tab of the admin API:
 * <pre>
 *   GET  /admin/connection          effective settings; secrets only as {"set", "last4"}
 *   PUT  /admin/connection          change stored settings: a property left out is kept, null or "" clears it
 *   POST /admin/connection/check    log in to Vtiger and read from Magento; 200 with ok and a reason per system
 * </pre>
 */
@ApplicationScoped
public class ConnectionApi {

    static final String CONNECTION = "/admin/connection";
    private static final Logger LOG = Logger.getLogger(ConnectionApi.class);

    private final ConnectionSettings settings;
    private final ConnectionCheck check;
    private final MagentoRestConfig magentoConfig;
    private final ObjectMapper json;
    private final AdminHttp http;

    public ConnectionApi(ConnectionSettings settings, ConnectionCheck check, MagentoRestConfig magentoConfig,
            ObjectMapper json, AdminHttp http) {
        this.settings = settings;
        this.check = check;
        this.magentoConfig = magentoConfig;
        this.json = json;
        this.http = http;
    }

    /** {@code segments} start with "admin", "connection". */
    HttpApiResponse handle(String method, List<String> segments, HttpApiEvent request) {
        if (segments.size() == 2) {
            return switch (method) {
                case "GET" -> ok(view(settings.reload()));
                case "PUT" -> update(request);
                default -> throw AdminError.methodNotAllowed(method, CONNECTION, "GET, PUT");
            };
        }
        if (segments.size() == 3 && segments.get(2).equals("check")) {
            if (!method.equals("POST")) {
                throw AdminError.methodNotAllowed(method, CONNECTION + "/check", "POST");
            }
            return ok(check.run());
        }
        throw AdminError.notFound("no admin route " + method + " " + String.join("/", segments)
                + "; the connection is at " + CONNECTION + " and " + CONNECTION + "/check");
    }

    private HttpApiResponse update(HttpApiEvent request) {
        ConnectionUpdate update = ConnectionUpdate.parse(body(request));
        EffectiveConnection effective = settings.update(update);
        // Names of the changed settings only: values (secrets above all) are never logged.
        LOG.infof("connection settings changed [%s]: %s", request.requestId(),
                update.changes().isEmpty() ? "nothing" : String.join(", ", update.describe()));
        return ok(view(effective));
    }

    private ConnectionView view(EffectiveConnection effective) {
        try (MagentoRestClient magento = new MagentoRestClient(magentoConfig, json)) {
            magento.connect(effective.magento());
            return ConnectionView.of(effective, magento.notConfiguredReason().orElse(null));
        }
    }

    private ObjectNode body(HttpApiEvent request) {
        // The shared parser quotes no excerpt of the body: it may hold a secret.
        JsonNode node = http.jsonBody(request, "invalid_connection", "a JSON object such as"
                + " {\"vtiger\": {\"url\": ..., \"username\": ..., \"accessKey\": ...}}");
        if (!(node instanceof ObjectNode object)) {
            throw new InvalidConnectionException("the request body must be a JSON object with vtiger and/or magento");
        }
        return object;
    }

    private HttpApiResponse ok(Object body) {
        return http.ok(200, body);
    }
}
