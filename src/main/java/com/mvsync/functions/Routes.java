package com.mvsync.functions;

import com.mvsync.http.Route;
import com.mvsync.magento.EntityType;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every HttpApi route the product serves, as template.yaml declares them. In AWS, API Gateway picks the function;
 * the local runner uses this table to do the same, and a test keeps the two in step.
 */
@ApplicationScoped
public class Routes {

    /** A route chosen for a request, with the values of its path parameters. */
    public record Match(Route route, Map<String, String> pathParameters) {
    }

    private static final String MAPPING = "/admin/mappings/{type}/{vtigerField}";

    private final List<Route> routes;

    /**
     * The webhook routes come from the registry, all served by the one webhook export as each of their Lambda
     * functions is; then the admin routes.
     */
    public Routes(WebhookFunctions webhooks, AdminFunctions admin) {
        List<Route> all = new ArrayList<>();
        EntityType.allWebhooks().forEach(w -> all.add(new Route("POST", w.path(), "webhook", webhooks::webhook)));
        all.addAll(List.of(
                new Route("GET", "/admin/mappings", "admin", admin::admin),
                new Route("POST", "/admin/mappings", "admin", admin::admin),
                new Route("GET", MAPPING, "admin", admin::admin),
                new Route("PUT", MAPPING, "admin", admin::admin),
                new Route("DELETE", MAPPING, "admin", admin::admin),
                new Route("GET", "/admin/backfill/{type}", "admin", admin::admin),
                new Route("POST", "/admin/backfill/{type}", "admin", admin::admin),
                new Route("GET", "/admin/settings", "admin", admin::admin),
                new Route("PUT", "/admin/settings", "admin", admin::admin),
                new Route("GET", "/admin/settings/fields", "admin", admin::admin),
                new Route("DELETE", "/admin/settings/{type}", "admin", admin::admin),
                new Route("GET", "/admin/scopes", "admin", admin::admin),
                new Route("PUT", "/admin/scopes", "admin", admin::admin),
                new Route("GET", "/admin/queue", "admin", admin::admin),
                new Route("POST", "/admin/queue/{id}/retry", "admin", admin::admin),
                new Route("GET", "/admin/log", "admin", admin::admin),
                new Route("GET", "/admin/connection", "admin", admin::admin),
                new Route("PUT", "/admin/connection", "admin", admin::admin),
                new Route("POST", "/admin/connection/check", "admin", admin::admin),
                // The admin console: its API additions, then its public shell (see com.mvsync.console).
                new Route("GET", "/admin/queue/counts", "admin", admin::admin),
                new Route("POST", "/admin/queue/retry-dead", "admin", admin::admin),
                new Route("POST", "/admin/queue/retry", "admin", admin::admin),
                new Route("POST", "/admin/queue/discard", "admin", admin::admin),
                new Route("GET", "/admin/log/daily", "admin", admin::admin),
                new Route("GET", "/admin/log/conflicts", "admin", admin::admin),
                new Route("GET", "/admin/history/{entityKey}", "admin", admin::admin),
                new Route("GET", "/admin/search", "admin", admin::admin),
                new Route("GET", "/admin/describe/{type}", "admin", admin::admin),
                new Route("POST", "/admin/mappings/validate", "admin", admin::admin),
                new Route("POST", "/admin/preview", "admin", admin::admin),
                new Route("GET", "/admin/poll", "admin", admin::admin),
                new Route("GET", "/admin/budget", "admin", admin::admin),
                new Route("GET", "/admin/pause", "admin", admin::admin),
                new Route("GET", "/admin/entity-types", "admin", admin::admin),
                new Route("GET", "/console", "admin", admin::admin),
                new Route("GET", "/console/{file}", "admin", admin::admin)));
        this.routes = List.copyOf(all);
    }

    public List<Route> all() {
        return routes;
    }

    /** The first route that matches; literal routes are listed before templated ones where both could match. */
    public Optional<Match> find(String method, String path) {
        for (Route route : routes) {
            Optional<Map<String, String>> parameters = route.match(method, path);
            if (parameters.isPresent()) {
                return Optional.of(new Match(route, parameters.get()));
            }
        }
        return Optional.empty();
    }
}
