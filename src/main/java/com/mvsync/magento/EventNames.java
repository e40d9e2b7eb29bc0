package com.mvsync.magento;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/** Which Magento event names carry which entity, and what the name alone says about the action. */
final class EventNames {

    /** @param actionHint CREATED/UPDATED when the event name decides it, else UNKNOWN (decided from the payload) */
    record Route(EntityType entityType, EventAction actionHint) {
    }

    private record Rule(Pattern pattern, Route route) {
    }

    private static final String IO_PREFIX = "com.adobe.commerce.";

    // Observer events (without the "observer." prefix) for Adobe I/O Events and Adobe Commerce Webhooks.
    private static final List<Rule> OBSERVER_RULES = List.of(
            rule("customer_save_(before|after|commit_after)", EntityType.CUSTOMER, EventAction.UNKNOWN),
            rule("customer_register_success", EntityType.CUSTOMER, EventAction.CREATED),
            rule("customer_delete_(before|after|commit_after)", EntityType.CUSTOMER, EventAction.DELETED),
            rule("catalog_product_delete_(before|after|commit_after)", EntityType.PRODUCT, EventAction.DELETED),
            rule("catalog_product_save_(before|after|commit_after)", EntityType.PRODUCT, EventAction.UNKNOWN),
            rule("sales_order_save_(before|after|commit_after)", EntityType.ORDER, EventAction.UNKNOWN),
            rule("sales_order_place_(before|after)", EntityType.ORDER, EventAction.CREATED),
            rule("sales_order_invoice_save_(before|after|commit_after)", EntityType.INVOICE, EventAction.UNKNOWN),
            rule("sales_order_invoice_register", EntityType.INVOICE, EventAction.CREATED),
            rule("sales_order_invoice_pay", EntityType.INVOICE, EventAction.UNKNOWN),
            rule("sales_order_creditmemo_save_(before|after|commit_after)", EntityType.CREDITMEMO,
                    EventAction.UNKNOWN),
            rule("sales_order_creditmemo_refund", EntityType.CREDITMEMO, EventAction.CREATED),
            rule("sales_order_shipment_save_(before|after|commit_after)", EntityType.SHIPMENT, EventAction.UNKNOWN));

    // Mageplaza hook types (Model/Config/Source/HookType.php) that carry one of our entities.
    private static final Map<String, Route> MAGEPLAZA = Map.ofEntries(
            Map.entry("new_customer", new Route(EntityType.CUSTOMER, EventAction.CREATED)),
            Map.entry("update_customer", new Route(EntityType.CUSTOMER, EventAction.UPDATED)),
            Map.entry("delete_customer", new Route(EntityType.CUSTOMER, EventAction.DELETED)),
            Map.entry("new_product", new Route(EntityType.PRODUCT, EventAction.CREATED)),
            Map.entry("update_product", new Route(EntityType.PRODUCT, EventAction.UPDATED)),
            Map.entry("delete_product", new Route(EntityType.PRODUCT, EventAction.DELETED)),
            Map.entry("order", new Route(EntityType.ORDER, EventAction.UNKNOWN)),
            Map.entry("new_invoice", new Route(EntityType.INVOICE, EventAction.CREATED)),
            Map.entry("new_creditmemo", new Route(EntityType.CREDITMEMO, EventAction.CREATED)),
            Map.entry("new_shipment", new Route(EntityType.SHIPMENT, EventAction.CREATED)));

    private static final Map<EntityType, String> EXAMPLES = Map.of(
            EntityType.CUSTOMER, "observer.customer_save_commit_after, observer.customer_register_success, "
                    + "observer.customer_delete_commit_after; Mageplaza new_customer, update_customer, delete_customer",
            EntityType.PRODUCT, "observer.catalog_product_save_commit_after, observer.catalog_product_delete_commit_after; "
                    + "Mageplaza new_product, update_product, delete_product",
            EntityType.ORDER, "observer.sales_order_save_commit_after, observer.sales_order_place_after; Mageplaza order",
            EntityType.INVOICE, "observer.sales_order_invoice_save_commit_after, "
                    + "observer.sales_order_invoice_register; Mageplaza new_invoice",
            EntityType.CREDITMEMO, "observer.sales_order_creditmemo_save_commit_after, "
                    + "observer.sales_order_creditmemo_refund; Mageplaza new_creditmemo",
            EntityType.SHIPMENT, "observer.sales_order_shipment_save_commit_after; Mageplaza new_shipment");

    private EventNames() {
    }

    private static Rule rule(String regex, EntityType type, EventAction hint) {
        return new Rule(Pattern.compile(regex), new Route(type, hint));
    }

    /** "com.adobe.commerce.observer.x" (I/O Events type) and "observer.x" both become "observer.x". */
    static String normaliseObserverName(String name) {
        String trimmed = name.trim();
        if (trimmed.startsWith(IO_PREFIX)) {
            trimmed = trimmed.substring(IO_PREFIX.length());
        }
        return trimmed.startsWith("observer.") ? trimmed : "observer." + trimmed;
    }

    static Route observerRoute(String normalisedName, EntityType expected) {
        String bare = normalisedName.substring("observer.".length());
        Optional<Route> route = OBSERVER_RULES.stream()
                .filter(r -> r.pattern().matcher(bare).matches())
                .map(Rule::route)
                .findFirst();
        return checked(route, normalisedName, expected);
    }

    static Route mageplazaRoute(String event, EntityType expected) {
        return checked(Optional.ofNullable(MAGEPLAZA.get(event)), event, expected);
    }

    private static Route checked(Optional<Route> route, String name, EntityType expected) {
        Route found = route.orElseThrow(() -> new InvalidPayloadException("unsupported event '" + name
                + "'; this endpoint takes " + expected.label() + " events such as " + EXAMPLES.get(expected)));
        if (found.entityType() != expected) {
            throw new InvalidPayloadException("this endpoint takes " + expected.label() + " events; got " + name
                    + " (a " + found.entityType().label() + " event); send it to the "
                    + found.entityType().label() + " endpoint");
        }
        return found;
    }
}
