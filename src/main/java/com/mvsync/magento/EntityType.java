package com.mvsync.magento;

import static com.mvsync.magento.EventAction.CREATED;
import static com.mvsync.magento.EventAction.DELETED;
import static com.mvsync.magento.EventAction.UNKNOWN;
import static com.mvsync.magento.EventAction.UPDATED;

import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.mvsync.mapping.RecordType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * The registry of Magento entity types the sync handles: one declaration per type holds everything the product needs
 * to know about it (its REST resources, how each sender names its events and shapes its body, its webhook routes, its
 * queue priority, the Vtiger record types it feeds, what the console calls it). Every layer reads this table instead
 * of switching on the type; a new type is a new constant here, its normaliser, its sync rule and its route in
 * template.yaml. Its {@link #label()} is the text stored and shown for it (queue items, sync log, drain times, JSON
 * answers), so renaming a constant changes nothing stored.
 */
public enum EntityType {
    CUSTOMER(describe("Customers", "id", new CustomerNormalizer())
            .records(RecordType.LEAD, RecordType.ORGANIZATION, RecordType.CONTACT)
            .read("customers/{id}", "with at least id and email", b -> b.has("id") && b.has("email"))
            // Magento's customer search sorts by the collection's column entity_id; "id" is only the REST name.
            .search("customers/search")
            .attributes("customerMetadata/attribute/{code}")
            .observer(UNKNOWN, "customer_save_commit_after", "customer_save_after", "customer_save_before")
            .observer(CREATED, "customer_register_success")
            .observer(DELETED, "customer_delete_commit_after", "customer_delete_after", "customer_delete_before")
            .mageplaza(CREATED, "new_customer").mageplaza(UPDATED, "update_customer")
            .mageplaza(DELETED, "delete_customer")
            .mageplazaIds(Map.of("customer_id", "id", "entity_id", "id"))
            .webhook(Webhook.Kind.CREATE, "customersCreated", "/webhooks/customers/created")
            .webhook(Webhook.Kind.SAVE, "customersUpdated", "/webhooks/customers/updated")
            .webhook(Webhook.Kind.DELETE, "customersDeleted", "/webhooks/customers/deleted")
            .display(c -> joined(" ", joined(" ", text(c, "firstname"), text(c, "lastname")),
                    wrapped("<", text(c, "email"), ">")))
            .adminPage("customer/index/edit/id/{id}/")
            .queuePriority(1)),

    PRODUCT(describe("Products", "sku", new ProductNormalizer())
            .records(RecordType.PRODUCT)
            // The SKU is one path segment, percent-encoded; a '/' becomes %2F, which Apache only passes to Magento
            // with AllowEncodedSlashes NoDecode.
            .read("products/{id}", "with at least sku", b -> b.has("sku"))
            .search("products")
            .attributes("products/attributes/{code}")
            .observer(DELETED, "catalog_product_delete_commit_after", "catalog_product_delete_after",
                    "catalog_product_delete_before")
            .observer(UNKNOWN, "catalog_product_save_commit_after", "catalog_product_save_after",
                    "catalog_product_save_before")
            .mageplaza(CREATED, "new_product").mageplaza(UPDATED, "update_product")
            .mageplaza(DELETED, "delete_product")
            .mageplazaIds(Map.of("product_id", "id", "entity_id", "id"))
            .webhook(Webhook.Kind.SAVE, "productsSaved", "/webhooks/products/saved")
            .webhook(Webhook.Kind.DELETE, "productsDeleted", "/webhooks/products/deleted")
            .display(p -> joined(" · ", text(p, "sku"), text(p, "name")))
            .queuePriority(1)),

    ORDER(describe("Orders", "entity_id", new OrderNormalizer())
            .records(RecordType.SALES_ORDER)
            .read("orders/{id}", "with increment_id and items or entity_id",
                    b -> b.has("increment_id") && (b.has("items") || b.has("entity_id")))
            // Some Mageplaza templates carry only the increment id; such an order is keyed by that.
            .alternateKey("increment_id", "increment:")
            .search("orders")
            .observer(UNKNOWN, "sales_order_save_commit_after", "sales_order_save_after", "sales_order_save_before")
            .observer(CREATED, "sales_order_place_after", "sales_order_place_before")
            .mageplaza(UNKNOWN, "order")
            .mageplazaIds(Map.of("order_id", "entity_id"))
            .webhook(Webhook.Kind.SAVE, "ordersPlaced", "/webhooks/orders/placed")
            .display(EntityType::orderLabel)
            .adminPage("sales/order/view/order_id/{id}/")
            .queuePriority(2)),

    INVOICE(describe("Invoices", "entity_id", new InvoiceNormalizer())
            .records(RecordType.INVOICE)
            .read("invoices/{id}", "with order_id and items or entity_id",
                    b -> b.has("order_id") && (b.has("items") || b.has("entity_id")))
            .search("invoices")
            .observer(UNKNOWN, "sales_order_invoice_save_commit_after", "sales_order_invoice_save_after",
                    "sales_order_invoice_save_before")
            .observer(CREATED, "sales_order_invoice_register")
            .observer(UNKNOWN, "sales_order_invoice_pay")
            .mageplaza(CREATED, "new_invoice")
            .mageplazaIds(Map.of("invoice_id", "entity_id"))
            .webhook(Webhook.Kind.SAVE, "invoicesCreated", "/webhooks/invoices/created")
            .display(EntityType::incrementLabel)
            .adminPage("sales/invoice/view/invoice_id/{id}/")
            .queuePriority(3)),

    CREDITMEMO(describe("Credit memos", "entity_id", new CreditMemoNormalizer())
            .records(RecordType.CREDIT_MEMO)
            // Magento names the single resource in the singular, the search in the plural.
            .read("creditmemo/{id}", "with entity_id and order_id", b -> b.has("order_id") && b.has("entity_id"))
            .search("creditmemos")
            .observer(UNKNOWN, "sales_order_creditmemo_save_commit_after", "sales_order_creditmemo_save_after",
                    "sales_order_creditmemo_save_before")
            .observer(CREATED, "sales_order_creditmemo_refund")
            .mageplaza(CREATED, "new_creditmemo")
            .mageplazaIds(Map.of("creditmemo_id", "entity_id"))
            .webhook(Webhook.Kind.SAVE, "creditMemosCreated", "/webhooks/creditmemos/created")
            .display(EntityType::incrementLabel)
            .adminPage("sales/creditmemo/view/creditmemo_id/{id}/")
            // It refers to an invoice or an order, so it is synced after them.
            .queuePriority(4)),

    SHIPMENT(describe("Shipments", "entity_id", new ShipmentNormalizer())
            .records(RecordType.SHIPMENT)
            // The single resource (singular) answers with the shipment's tracks.
            .read("shipment/{id}", "with entity_id and order_id", b -> b.has("order_id") && b.has("entity_id"))
            .search("shipments")
            .observer(UNKNOWN, "sales_order_shipment_save_commit_after", "sales_order_shipment_save_after",
                    "sales_order_shipment_save_before")
            .mageplaza(CREATED, "new_shipment")
            .mageplazaIds(Map.of("shipment_id", "entity_id"))
            .webhook(Webhook.Kind.SAVE, "shipmentsCreated", "/webhooks/shipments/created")
            .display(EntityType::incrementLabel)
            .adminPage("sales/shipment/view/shipment_id/{id}/")
            .queuePriority(4));

    /**
     * A webhook route of a type: the Funqy export that serves it (one Lambda function each), its path, and what its
     * events may do to the type's records.
     */
    public record Webhook(EntityType type, Kind kind, String export, String path) {

        /** What a route's events may do. */
        public enum Kind {
            /** A new entity: records it lacks are made, records already linked are left as they are. */
            CREATE,
            /** A new or changed entity: linked records are revised, missing ones made. */
            SAVE,
            /** A deleted entity: its linked records are marked or deleted by the delete policy. */
            DELETE
        }
    }

    /** An event name of one sender and what the name alone says about the action (UNKNOWN: the payload decides). */
    public record EventName(String name, EventAction action) {
    }

    private final String pluralLabel;
    private final String idField;
    private final EntityNormalizer normalizer;
    private final List<RecordType> records;
    private final String readPath;
    private final String restShape;
    private final Predicate<ObjectNode> bareRest;
    private final String alternateKeyField;
    private final String alternateKeyPrefix;
    private final String searchPath;
    private final String attributePath;
    private final List<EventName> observerEvents;
    private final List<EventName> mageplazaHooks;
    private final Map<String, String> mageplazaIds;
    private final List<Webhook> webhooks;
    private final int queuePriority;
    private final Function<ObjectNode, String> display;
    private final String adminPage;

    EntityType(Description d) {
        this.pluralLabel = d.pluralLabel;
        this.idField = d.idField;
        this.normalizer = d.normalizer;
        this.records = List.copyOf(d.records);
        this.readPath = d.readPath;
        this.restShape = d.restShape;
        this.bareRest = d.bareRest;
        this.alternateKeyField = d.alternateKeyField;
        this.alternateKeyPrefix = d.alternateKeyPrefix;
        this.searchPath = d.searchPath;
        this.attributePath = d.attributePath;
        this.observerEvents = List.copyOf(d.observer);
        this.mageplazaHooks = List.copyOf(d.mageplaza);
        this.mageplazaIds = Map.copyOf(d.mageplazaIds);
        this.webhooks = d.webhooks.stream().map(w -> new Webhook(this, w.kind(), w.export(), w.path())).toList();
        this.queuePriority = d.queuePriority;
        this.display = d.display;
        this.adminPage = d.adminPage;
    }

    /**
     * The entity's page in Magento's admin, below the admin URL, with {@code {id}} for its Magento id; empty for a
     * type whose key is not the id the admin's URLs take (a product is keyed by its SKU).
     */
    public Optional<String> adminPage() {
        return Optional.ofNullable(adminPage);
    }

    /** The most a display label keeps: it is stored on every queue item and log entry. */
    static final int DISPLAY_LABEL_MAX = 200;

    /**
     * What a person calls one entity, taken from its body in REST shape when it is queued or synced: "Maria Keller
     * &lt;maria@example.com&gt;", "SKU-1 · Blue mug", "#000000042 · Maria Keller", "#000000017". Null when the body
     * has none of it (a partial webhook body), so the console falls back to the Magento id.
     */
    public String displayLabel(ObjectNode entity) {
        if (entity == null) {
            return null;
        }
        String label = display.apply(entity);
        if (label == null || label.isBlank()) {
            return null;
        }
        String flat = label.strip().replaceAll("\\s+", " ");
        return flat.length() <= DISPLAY_LABEL_MAX ? flat : flat.substring(0, DISPLAY_LABEL_MAX - 1) + "…";
    }

    /** A guest's order has no customer name: the billing address names the buyer. */
    private static String orderLabel(ObjectNode order) {
        String buyer = joined(" ", text(order, "customer_firstname"), text(order, "customer_lastname"));
        if (buyer == null) {
            ObjectNode billing = Json.object(order, "billing_address");
            buyer = joined(" ", text(billing, "firstname"), text(billing, "lastname"));
        }
        // The buyer's e-mail too, as a customer's label has it: a search by e-mail finds the customer's orders.
        return joined(" · ", incrementLabel(order),
                joined(" ", buyer, wrapped("<", text(order, "customer_email"), ">")));
    }

    private static String incrementLabel(ObjectNode entity) {
        return wrapped("#", text(entity, "increment_id"), "");
    }

    private static String text(ObjectNode parent, String field) {
        String value = Json.scalarText(parent, field);
        return value == null || value.isBlank() ? null : value.strip();
    }

    /** The present parts joined, or null when none is. */
    private static String joined(String separator, String... parts) {
        List<String> present = Arrays.stream(parts).filter(p -> p != null && !p.isBlank()).toList();
        return present.isEmpty() ? null : String.join(separator, present);
    }

    private static String wrapped(String before, String value, String after) {
        return value == null ? null : before + value + after;
    }

    /** Lower-case name as used in user-facing messages and Magento payload keys ("customer", "order"…). */
    @JsonValue
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** What the console calls the type in its menus ("Credit memos"). */
    public String pluralLabel() {
        return pluralLabel;
    }

    /**
     * The key of one entity in the sync store and queue, e.g. {@code customer#42}: the one way to build it, so a
     * webhook, a backfill and a side sync of the same entity meet on one lock, link and queue item.
     */
    public String key(String id) {
        return label() + "#" + id;
    }

    /** The id part of a key {@link #key} built ({@code 42} of {@code customer#42}). */
    public String idOfKey(String key) {
        String prefix = label() + "#";
        if (key == null || !key.startsWith(prefix)) {
            throw new IllegalArgumentException("'" + key + "' is not a " + label() + " key");
        }
        return key.substring(prefix.length());
    }

    /** The field of a Magento REST entity that {@link #key} is built from: id, sku or entity_id. */
    public String restIdField() {
        return idField;
    }

    /**
     * The id {@link #key} is built from, read from the entity in REST shape: {@link #restIdField()}, or for an order
     * that carries only its increment id, {@code increment:<increment_id>}. Null when the entity has neither.
     */
    public String idOf(ObjectNode entity) {
        String id = Json.scalarText(entity, idField);
        if ((id == null || id.isBlank()) && alternateKeyField != null) {
            String alternate = Json.scalarText(entity, alternateKeyField);
            return alternate == null ? null : alternateKeyPrefix + alternate;
        }
        return id;
    }

    /** The Vtiger record types the admin switches on for this type (a customer feeds Leads, Organizations, Contacts). */
    public List<RecordType> records() {
        return records;
    }

    /** The REST path of one entity below {@code /V1/}, with the id as one percent-encoded segment. */
    public String readPath(String encodedId) {
        return readPath.replace("{id}", encodedId);
    }

    /** The REST shape a bare body of this type must have, for messages: "GET /V1/customers/{id} with at least …". */
    public String restShape() {
        return "GET /V1/" + readPath + " " + restShape;
    }

    /** Whether a body is a bare entity of this type as Magento's REST API returns it (no sender's envelope). */
    boolean isBareRest(ObjectNode body) {
        return bareRest.test(body);
    }

    /**
     * The REST search below {@code /V1/} that lists every entity of the type (backfill) and its changes (poll):
     * sorted by {@link #SEARCH_ID_FIELD}, the collection's primary key, and filtered on {@link #UPDATED_AT_FIELD}.
     */
    public String searchPath() {
        return searchPath;
    }

    /** Whether the poll can read the type's changes (it has a REST search). */
    public boolean polls() {
        return searchPath != null;
    }

    /** The labels of the types the poll can read, for messages. */
    public static String pollableLabels() {
        return Arrays.stream(values()).filter(EntityType::polls).map(EntityType::label)
                .collect(Collectors.joining(", "));
    }

    /** The column every search is sorted by to break ties (each type's collection keys its rows by it). */
    public static final String SEARCH_ID_FIELD = "entity_id";

    /** The column holding the time of an entity's last change (what the poll filters on). */
    public static final String UPDATED_AT_FIELD = "updated_at";

    /** Observer events (without the "observer." prefix) of Adobe I/O Events and Adobe Commerce Webhooks. */
    public List<EventName> observerEvents() {
        return observerEvents;
    }

    /**
     * Names a person would send to the type's routes, for messages: the first observer event of each action and every
     * Mageplaza hook ("observer.customer_save_commit_after, …; Mageplaza new_customer, …"); with {@code deletesOnly},
     * the names of deletions.
     */
    public String eventExamples(boolean deletesOnly) {
        String observer = observerEvents.stream()
                .filter(e -> !deletesOnly || e.action() == EventAction.DELETED)
                .collect(Collectors.groupingBy(EventName::action, LinkedHashMap::new, Collectors.toList()))
                .values().stream().map(group -> "observer." + group.get(0).name())
                .collect(Collectors.joining(", "));
        String mageplaza = mageplazaHooks.stream().filter(e -> !deletesOnly || e.action() == EventAction.DELETED)
                .map(EventName::name).collect(Collectors.joining(", "));
        return observer + "; Mageplaza " + mageplaza;
    }

    /** Mageplaza hook types (Model/Config/Source/HookType.php) that carry this type. */
    public List<EventName> mageplazaHooks() {
        return mageplazaHooks;
    }

    /** The template keys under which a Mageplaza body writes the model's own id, and the REST name of each. */
    Map<String, String> mageplazaIds() {
        return mageplazaIds;
    }

    EntityNormalizer normalizer() {
        return normalizer;
    }

    /** The webhook routes of the type, each a Lambda function. */
    public List<Webhook> webhooks() {
        return webhooks;
    }

    /**
     * The route whose rules sync an entity that changed outside a webhook (a backfill, the poll): the {@code SAVE}
     * route, so linked records are revised and missing ones made.
     */
    public Webhook editRoute() {
        return webhooks.stream().filter(w -> w.kind() == Webhook.Kind.SAVE).findFirst().orElseThrow();
    }

    /** Whether Magento deletes this type and a route takes the deletes, so a delete policy applies. */
    public boolean deletable() {
        return webhooks.stream().anyMatch(w -> w.kind() == Webhook.Kind.DELETE);
    }

    /**
     * The queue's drain order: every item of a lower priority is settled before a higher one starts (customers and
     * products before the orders that refer to them, orders before their invoices…).
     */
    public int queuePriority() {
        return queuePriority;
    }

    /** The priorities in use, lowest first. */
    public static List<Integer> queuePriorities() {
        return Arrays.stream(values()).map(EntityType::queuePriority).distinct().sorted().toList();
    }

    /** Every webhook route of every type. */
    public static List<Webhook> allWebhooks() {
        return Routing.ALL;
    }

    /** The route served by a Funqy export ("customersCreated"). */
    public static Optional<Webhook> webhook(String export) {
        return Optional.ofNullable(Routing.BY_EXPORT.get(export));
    }

    /** The route API Gateway matched, by its {@code routeKey} ("POST /webhooks/customers/created"). */
    public static Optional<Webhook> webhookAt(String routeKey) {
        return Optional.ofNullable(Routing.BY_ROUTE_KEY.get(routeKey));
    }

    /** The webhook routes, indexed once (a holder: an enum's constants are built before its static fields). */
    private static final class Routing {
        static final List<Webhook> ALL = Arrays.stream(values()).flatMap(t -> t.webhooks.stream()).toList();
        static final Map<String, Webhook> BY_EXPORT = ALL.stream()
                .collect(Collectors.toUnmodifiableMap(Webhook::export, w -> w));
        static final Map<String, Webhook> BY_ROUTE_KEY = ALL.stream()
                .collect(Collectors.toUnmodifiableMap(w -> "POST " + w.path(), w -> w));
    }

    /**
     * Where Magento describes one of the type's attributes ({@code customerMetadata/attribute/{code}}: input type and
     * options' labels in the store view of the URL), for types with custom attributes.
     */
    public Optional<String> attributePath(String encodedCode) {
        return Optional.ofNullable(attributePath).map(p -> p.replace("{code}", encodedCode));
    }

    /** The type that feeds a record type, if one does (a Line Item is written with its order, fed by none alone). */
    public static Optional<EntityType> feeding(RecordType record) {
        return Arrays.stream(values()).filter(t -> t.records.contains(record)).findFirst();
    }

    /** The type of a label ("customer", any case); empty for anything else. */
    public static Optional<EntityType> find(String label) {
        if (label == null) {
            return Optional.empty();
        }
        String l = label.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(t -> t.label().equals(l)).findFirst();
    }

    /** Like {@link #find}, also for the plural an admin route or a person writes ("customers"). */
    public static Optional<EntityType> findPlural(String text) {
        String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        return find(t).or(() -> t.endsWith("s") ? find(t.substring(0, t.length() - 1)) : Optional.empty());
    }

    /** The labels of all types, for messages ("customer, product, order, invoice, creditmemo or shipment"). */
    public static String labels(String conjunction) {
        List<String> labels = Arrays.stream(values()).map(EntityType::label).toList();
        return String.join(", ", labels.subList(0, labels.size() - 1)) + " " + conjunction + " "
                + labels.get(labels.size() - 1);
    }

    /**
     * Like {@link #find}, for text that must name a type (a stored label).
     *
     * @throws IllegalArgumentException for anything else
     */
    public static EntityType parse(String label) {
        return find(label).orElseThrow(() -> new IllegalArgumentException("unknown entity '" + label
                + "'; expected one of " + Arrays.stream(values()).map(EntityType::label).toList()));
    }

    private static Description describe(String pluralLabel, String idField, EntityNormalizer normalizer) {
        return new Description(pluralLabel, idField, normalizer);
    }

    /** The declaration of one type, filled in by its constant and copied into it (so the enum stays immutable). */
    private static final class Description {
        private final String pluralLabel;
        private final String idField;
        private final EntityNormalizer normalizer;
        private List<RecordType> records = List.of();
        private String readPath;
        private String restShape;
        private Predicate<ObjectNode> bareRest;
        private String alternateKeyField;
        private String alternateKeyPrefix;
        private String searchPath;
        private String attributePath;
        private final List<EventName> observer = new ArrayList<>();
        private final List<EventName> mageplaza = new ArrayList<>();
        private Map<String, String> mageplazaIds = Map.of();
        private final List<Webhook> webhooks = new ArrayList<>();
        private int queuePriority;
        private Function<ObjectNode, String> display = entity -> null;
        private String adminPage;

        Description(String pluralLabel, String idField, EntityNormalizer normalizer) {
            this.pluralLabel = pluralLabel;
            this.idField = idField;
            this.normalizer = normalizer;
        }

        Description records(RecordType... types) {
            this.records = List.of(types);
            return this;
        }

        /** @param bare how a bare REST body of the type is recognised: by the keys every such entity has */
        Description read(String path, String shape, Predicate<ObjectNode> bare) {
            this.readPath = path;
            this.restShape = shape;
            this.bareRest = bare;
            return this;
        }

        Description alternateKey(String field, String prefix) {
            this.alternateKeyField = field;
            this.alternateKeyPrefix = prefix;
            return this;
        }

        Description search(String path) {
            this.searchPath = path;
            return this;
        }

        /** The type's attribute metadata (input type, options), by attribute code. */
        Description attributes(String path) {
            this.attributePath = path;
            return this;
        }

        Description observer(EventAction action, String... names) {
            Arrays.stream(names).forEach(n -> observer.add(new EventName(n, action)));
            return this;
        }

        Description mageplaza(EventAction action, String hook) {
            mageplaza.add(new EventName(hook, action));
            return this;
        }

        Description mageplazaIds(Map<String, String> renames) {
            this.mageplazaIds = renames;
            return this;
        }

        Description webhook(Webhook.Kind kind, String export, String path) {
            webhooks.add(new Webhook(null, kind, export, path));
            return this;
        }

        /** The entity's page in Magento's admin (see {@link EntityType#adminPage}). */
        Description adminPage(String path) {
            this.adminPage = path;
            return this;
        }

        /** How the type's {@link EntityType#displayLabel} is made from a REST-shaped body. */
        Description display(Function<ObjectNode, String> label) {
            this.display = label;
            return this;
        }

        Description queuePriority(int priority) {
            this.queuePriority = priority;
            return this;
        }
    }
}
