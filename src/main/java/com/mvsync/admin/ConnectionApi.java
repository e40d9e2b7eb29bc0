package com.mvsync.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.mvsync.connection.CheckReport;
import com.mvsync.connection.ConnectionCheck;
import com.mvsync.connection.ConnectionRecheck;
import com.mvsync.connection.ConnectionSettings;
import com.mvsync.connection.ConnectionUpdate;
import com.mvsync.connection.EffectiveConnection;
import com.mvsync.connection.InvalidConnectionException;
import com.mvsync.connection.Setting;
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
 *   PUT  /admin/connection          change stored settings: a property left out is kept, null or "" clears it;
 *                                   checked first, a failing change refused (409) unless ?force=true
 *   POST /admin/connection/check    log in to Vtiger and read from Magento; 200 with ok and a reason per system
 * </pre>
 */
@ApplicationScoped
public class ConnectionApi implements AdminResource {

    static final String CONNECTION = "/admin/connection";
    private static final Logger LOG = Logger.getLogger(ConnectionApi.class);

    private final ConnectionSettings settings;
    private final ConnectionCheck check;
    private final MagentoRestConfig magentoConfig;
    private final ObjectMapper json;
    private final AdminHttp http;
    private final ConnectionRecheck recheck;

    public ConnectionApi(ConnectionSettings settings, ConnectionCheck check, MagentoRestConfig magentoConfig,
            ObjectMapper json, AdminHttp http, ConnectionRecheck recheck) {
        this.recheck = recheck;
        this.settings = settings;
        this.check = check;
        this.magentoConfig = magentoConfig;
        this.json = json;
        this.http = http;
    }

    @Override
    public List<AdminRoute> routes() {
        return List.of(
                AdminRoute.of("GET", CONNECTION, (request, p) -> ok(view(settings.reload()))),
                AdminRoute.of("PUT", CONNECTION, (request, p) -> update(request)),
                AdminRoute.of("POST", CONNECTION + "/check", (request, p) -> check()));
    }

    private HttpApiResponse check() {
        CheckReport report = check.run();
        recheck.checked(report); // the stored connection works again: a connection pause ends
        return ok(report);
    }

    /**
     * Checks what the change would make effective before storing it: a changed system whose check fails (other
     * than not configured at all: clearing a connection is allowed) is refused with 409 and the check, unless
     * {@code ?force=true} (the console asks the admin first). A saved connection that checks OK ends a connection
     * pause of its system.
     */
    private HttpApiResponse update(HttpApiEvent request) {
        ConnectionUpdate update = ConnectionUpdate.parse(body(request));
        boolean force = AdminHttp.query(request, "force").map("true"::equalsIgnoreCase).orElse(false);
        CheckReport report = update.changes().isEmpty() ? null : check.run(settings.preview(update));
        List<String> failing = report == null ? List.of() : failing(update, report);
        if (!failing.isEmpty() && !force) {
            ObjectNode refused = json.createObjectNode();
            refused.put("error", "connection_failing");
            refused.put("message", String.join("; ", failing) + ". Nothing was saved; fix it, or save anyway with"
                    + " ?force=true");
            refused.set("check", json.valueToTree(report));
            return http.ok(409, refused);
        }
        EffectiveConnection effective = settings.update(update);
        if (report != null) {
            recheck.checked(report);
        }
        // Names of the changed settings only: values (secrets above all) are never logged.
        LOG.infof("connection settings changed [%s]: %s", request.requestId(),
                update.changes().isEmpty() ? "nothing" : String.join(", ", update.describe()));
        return ok(view(effective));
    }

    /** What fails in the systems the change touches, each as the admin should read it. */
    private static List<String> failing(ConnectionUpdate update, CheckReport report) {
        List<String> out = new java.util.ArrayList<>();
        boolean vtiger = update.changes().keySet().stream().anyMatch(s -> s.system().equals("vtiger"));
        boolean magento = update.changes().keySet().stream().anyMatch(s -> s.system().equals("magento"));
        if (vtiger && !report.vtiger().ok() && !CheckReport.NOT_CONFIGURED.equals(report.vtiger().reason())) {
            out.add("Vtiger: " + report.vtiger().reason() + ": " + report.vtiger().message());
        }
        if (magento && !report.magento().ok() && !CheckReport.NOT_CONFIGURED.equals(report.magento().reason())) {
            out.add("Magento: " + report.magento().reason() + ": " + report.magento().message());
        }
        return out;
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
