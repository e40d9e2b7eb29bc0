package com.mvsync.functions;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;

/**
 * Every HttpApi route the product serves, as template.yaml declares them. In AWS, API Gateway picks the function;
 * the local runner uses this table to do the same, and a test keeps the two in step.
 */
@ApplicationScoped
public class Routes {

    private final List<Route> routes;

    public Routes(CustomerFunctions customers, ProductFunctions products, OrderFunctions orders) {
        this.routes = List.of(
                new Route("POST", "/webhooks/customers/created", "customersCreated", customers::customersCreated),
                new Route("POST", "/webhooks/customers/updated", "customersUpdated", customers::customersUpdated),
                new Route("POST", "/webhooks/products/saved", "productsSaved", products::productsSaved),
                new Route("POST", "/webhooks/orders/placed", "ordersPlaced", orders::ordersPlaced),
                new Route("POST", "/webhooks/invoices/created", "invoicesCreated", orders::invoicesCreated));
    }

    public List<Route> all() {
        return routes;
    }

    public Optional<Route> find(String method, String path) {
        return routes.stream().filter(r -> r.method().equalsIgnoreCase(method) && r.path().equals(path)).findFirst();
    }
}
