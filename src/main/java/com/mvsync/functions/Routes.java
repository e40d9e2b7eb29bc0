package com.mvsync.functions;

import com.mvsync.http.Route;
import com.mvsync.orchestration.SyncHandlers;
import jakarta.enterprise.context.ApplicationScoped;
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

    public Routes(CustomerFunctions customers, ProductFunctions products, OrderFunctions orders,
            CreditMemoFunctions creditMemos, ShipmentFunctions shipments, DeleteFunctions deletes,
            AdminFunctions admin) {
        this.routes = List.of(
                new Route("POST", "/webhooks/customers/created", SyncHandlers.CUSTOMERS_CREATED, customers::customersCreated),
                new Route("POST", "/webhooks/customers/updated", SyncHandlers.CUSTOMERS_UPDATED, customers::customersUpdated),
                new Route("POST", "/webhooks/products/saved", SyncHandlers.PRODUCTS_SAVED, products::productsSaved),
                new Route("POST", "/webhooks/orders/placed", SyncHandlers.ORDERS_PLACED, orders::ordersPlaced),
                new Route("POST", "/webhooks/invoices/created", SyncHandlers.INVOICES_CREATED, orders::invoicesCreated),
                new Route("POST", "/webhooks/creditmemos/created", SyncHandlers.CREDIT_MEMOS_CREATED,
                        creditMemos::creditMemosCreated),
                new Route("POST", "/webhooks/shipments/created", SyncHandlers.SHIPMENTS_CREATED,
                        shipments::shipmentsCreated),
                new Route("POST", "/webhooks/customers/deleted", SyncHandlers.CUSTOMERS_DELETED,
                        deletes::customersDeleted),
                new Route("POST", "/webhooks/products/deleted", SyncHandlers.PRODUCTS_DELETED, deletes::productsDeleted),
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
                new Route("GET", "/admin/queue", "admin", admin::admin),
                new Route("POST", "/admin/queue/{id}/retry", "admin", admin::admin),
                new Route("GET", "/admin/log", "admin", admin::admin),
                new Route("GET", "/admin/connection", "admin", admin::admin),
                new Route("PUT", "/admin/connection", "admin", admin::admin),
                new Route("POST", "/admin/connection/check", "admin", admin::admin),
                // The admin console: its API additions, then its public shell (see com.mvsync.console).
                new Route("GET", "/admin/queue/counts", "admin", admin::admin),
                new Route("POST", "/admin/queue/retry-dead", "admin", admin::admin),
                new Route("GET", "/admin/log/daily", "admin", admin::admin),
                new Route("GET", "/admin/describe/{type}", "admin", admin::admin),
                new Route("POST", "/admin/mappings/validate", "admin", admin::admin),
                new Route("POST", "/admin/preview", "admin", admin::admin),
                new Route("GET", "/admin/poll", "admin", admin::admin),
                new Route("GET", "/admin/budget", "admin", admin::admin),
                new Route("GET", "/admin/pause", "admin", admin::admin),
                new Route("GET", "/console", "admin", admin::admin),
                new Route("GET", "/console/{file}", "admin", admin::admin));
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
