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

    public Routes(CustomerFunctions customers) {
        this.routes = List.of(
                new Route("POST", "/webhooks/customers/created", "customersCreated", customers::customersCreated));
    }

    public List<Route> all() {
        return routes;
    }

    public Optional<Route> find(String method, String path) {
        return routes.stream().filter(r -> r.method().equalsIgnoreCase(method) && r.path().equals(path)).findFirst();
    }
}
