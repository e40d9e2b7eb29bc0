package com.mvsync.testing.magento;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A Magento 2 REST double on 127.0.0.1 (random port) for plain tests. Serves {@code /rest/<store>/V1/...} and
 * {@code /rest/V1/...}: GET customers/{id}, customers/search, products/{sku}, products, orders/{id}, orders,
 * invoices/{id}, invoices, from entities generated off the samples in {@code src/test/resources/magento/rest}.
 * <p>
 * Behaves like Magento where the client depends on it: searchCriteria paging with {@code total_count} of all matches
 * and a page beyond the end answered per {@link PastLastPage} (the last page again by default); Magento's error bodies
 * ({@code {"message":..., "parameters":...}}); Bearer tokens and full OAuth 1.0a signature verification (its own
 * implementation, so the client's signer is checked against independent code). Counts requests per path and injects
 * failures (status or delay) for the next N requests.
 * <p>
 * Writes (two-way sync): {@code PUT customers/{id}} with {@code {"customer":{…}}} saves the whole customer as
 * Magento's CustomerRepository does (the body replaces the customer; its {@code addresses}, when given, replace the
 * addresses, and when left out the stored ones are kept; email, firstname and lastname are required) and answers the
 * saved customer; {@code PUT products/{sku}} with {@code {"product":{…}}} sets the given fields on the stored product
 * (Magento's ProductRepository loads the product and sets what the body has, stock item included) and answers it;
 * {@code POST customers} with {@code {"customer":{…}}} creates a customer as AccountManagement does (a new id, the
 * website's defaults, address ids and default addresses; 400 {@link #DUPLICATE_EMAIL} for an e-mail of the same
 * website; email, firstname and lastname required) and answers it;
 * {@code POST orders/{id}/comments} with {@code {"statusHistory":{…}}} adds the comment to the order's
 * {@code status_histories}, sets the order's status to the comment's, and answers {@code true}. Each write gets
 * {@code updated_at} from {@link #setClock} and is recorded ({@link #writes()}).
 */
public final class FakeMagentoServer implements AutoCloseable {

    public static final String NOT_AUTHORIZED = "The consumer isn't authorized to access %resources.";
    public static final String BAD_SIGNATURE = "The signature is invalid. Verify and try again.";
    /** Magento's answer (400) to a customer created with an e-mail a customer of the same website has. */
    public static final String DUPLICATE_EMAIL =
            "A customer with the same email address already exists in an associated website.";

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Pattern OAUTH_PARAM = Pattern.compile("([A-Za-z0-9_%.~-]+)=\"([^\"]*)\"");
    private static final Set<String> STORES = Set.of("all", "default");

    /** One answered request, for assertions. */
    /** A write the store accepted: method, path as Magento routes it ({@code /V1/customers/42}), and the body sent. */
    public record Write(String method, String path, JsonNode body) {
    }

    public record Request(String method, String rawUri, String store, String path, String authScheme) {
    }

    private record Fault(int status, Duration delay) {
    }

    /**
     * What a page beyond the last one returns; it has changed across Magento versions. Before 2.3 the framework
     * collection clamped the page to the last one. In 2.3/2.4 the plugin {@code Magento\Theme\Plugin\Data\Collection}
     * (on every collection) clamped to the last page and later reset to page 1. The newest code limits that plugin to
     * storefront and admin, so REST gets no items. A client must stop at {@code total_count} to be right on all.
     * Reported per version: 2.0.x answered the last page again for {@code /V1/orders} and {@code /V1/customers/search}
     * (magento/magento2#3787, "standard for all Magento collections"), 2.0.0-2.1.3 also for {@code /V1/products}
     * (#8099), 2.3.4 repeats the last page (#26986, fixed in 2.4.x). The double answers alike on every search path
     * (credit memos and shipments too); the mode picks which behaviour.
     */
    public enum PastLastPage {
        LAST_PAGE, FIRST_PAGE, EMPTY
    }

    private final HttpServer server;
    private final ExecutorService executor;
    private final Map<String, ObjectNode> customers = new LinkedHashMap<>();
    private final Map<String, ObjectNode> products = new LinkedHashMap<>();
    private final Map<String, ObjectNode> orders = new LinkedHashMap<>();
    private final Map<String, ObjectNode> invoices = new LinkedHashMap<>();
    private final Map<String, ObjectNode> shipments = new LinkedHashMap<>();
    private final Map<String, ObjectNode> creditMemos = new LinkedHashMap<>();
    /** Attribute metadata by code, or by {@code store/code} for one store view's labels. */
    private final Map<String, ObjectNode> productAttributes = new LinkedHashMap<>();
    private final Map<String, ObjectNode> customerAttributes = new LinkedHashMap<>();
    /** ACL resources the integration was not granted: Magento answers 401 naming them. */
    private final Set<String> refused = ConcurrentHashMap.newKeySet();
    private final Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();
    private final List<Request> requests = Collections.synchronizedList(new ArrayList<>());
    private final Deque<Fault> faults = new ArrayDeque<>();
    private final List<Write> writes = Collections.synchronizedList(new ArrayList<>());
    private volatile java.util.function.Supplier<java.time.Instant> clock = java.time.Instant::now;
    private int nextAddressId = 100_000;
    private final Set<String> seenNonces = ConcurrentHashMap.newKeySet();

    /**
     * The store list ({@code websites}, {@code storeViews}, {@code storeConfigs} as {@code GET /V1/store/...} answer
     * them): one website by default, {@link #useStores} for another file of {@code magento/rest/stores/}.
     */
    private volatile ObjectNode stores = storesSample("one_website.json");
    private volatile PastLastPage pastLastPage = PastLastPage.LAST_PAGE;
    private volatile String bearerToken;
    private volatile String[] oauth; // consumer key, consumer secret, token, token secret

    private FakeMagentoServer(int customerCount, int productCount, int orderCount, int invoiceCount) {
        generate(customerCount, productCount, orderCount, invoiceCount);
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        executor = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "fake-magento");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    /** Starts a server with N generated entities of each type (ids 1..N). */
    public static FakeMagentoServer start(int customers, int products, int orders, int invoices) {
        return new FakeMagentoServer(customers, products, orders, invoices);
    }

    /** The websites and store views of {@code magento/rest/stores/<file>} from now on. */
    public FakeMagentoServer useStores(String file) {
        this.stores = storesSample(file);
        return this;
    }

    private static ObjectNode storesSample(String file) {
        return sample("stores/" + file);
    }

    /** {@code http://127.0.0.1:<port>}: the shop URL, without /rest. */
    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public FakeMagentoServer acceptBearer(String token) {
        this.bearerToken = token;
        return this;
    }

    public FakeMagentoServer acceptOAuth(String consumerKey, String consumerSecret, String token, String tokenSecret) {
        this.oauth = new String[] { consumerKey, consumerSecret, token, tokenSecret };
        return this;
    }

    public FakeMagentoServer pastLastPage(PastLastPage mode) {
        this.pastLastPage = mode;
        return this;
    }

    /** The next {@code n} requests answer {@code status} (500: Magento's JSON error; 503: a proxy's HTML page). */
    public synchronized FakeMagentoServer failNext(int n, int status) {
        for (int i = 0; i < n; i++) {
            faults.add(new Fault(status, Duration.ZERO));
        }
        return this;
    }

    /** The next {@code n} requests answer normally, the ten after them {@code status}. */
    public synchronized FakeMagentoServer failAfter(int n, int status) {
        for (int i = 0; i < n; i++) {
            faults.add(new Fault(0, Duration.ZERO));
        }
        return failNext(10, status);
    }

    /** The next {@code n} requests wait {@code delay} before answering normally. */
    public synchronized FakeMagentoServer delayNext(int n, Duration delay) {
        for (int i = 0; i < n; i++) {
            faults.add(new Fault(0, delay));
        }
        return this;
    }

    /** Adds a product with a given SKU (e.g. one that needs URL encoding); its id follows the generated ones. */
    public synchronized ObjectNode addProduct(String sku) {
        ObjectNode product = product(products.size() + 1);
        product.put("sku", sku);
        products.put(sku, product);
        return product;
    }

    /**
     * Serves this customer (REST shape, as {@code customer_get_42.json}) at {@code /V1/customers/<id>}, e.g. the whole
     * customer a webhook test sends partially.
     */
    public synchronized void putCustomer(ObjectNode customer) {
        customers.put(customer.path("id").asText(), customer.deepCopy());
    }

    /** Serves this product (REST shape) at {@code /V1/products/<sku>}. */
    public synchronized void putProduct(ObjectNode product) {
        products.put(product.path("sku").asText(), product.deepCopy());
    }

    /** Serves this order (REST shape) at {@code /V1/orders/<entity_id>}, e.g. one a webhook test sends partially. */
    public synchronized void putOrder(ObjectNode order) {
        orders.put(order.path("entity_id").asText(), order);
    }

    /** Serves this invoice at {@code /V1/invoices/<entity_id>}. */
    public synchronized void putInvoice(ObjectNode invoice) {
        invoices.put(invoice.path("entity_id").asText(), invoice);
    }

    /**
     * Saves an entity again as Magento would: its {@code updated_at} becomes {@code updatedAt} (Magento's
     * {@code yyyy-MM-dd HH:mm:ss}, UTC) and, when {@code change} is given, that field of it too. {@code collection} is
     * customers, products (key: sku), orders, invoices, creditmemos or shipments. Returns the entity as now served.
     */
    public synchronized ObjectNode save(String collection, String key, String updatedAt, String field, String value) {
        ObjectNode entity = table(collection).get(key);
        if (entity == null) {
            throw new IllegalArgumentException("no " + collection + " " + key);
        }
        entity.put("updated_at", updatedAt);
        if (field != null) {
            entity.put(field, value);
        }
        return entity.deepCopy();
    }

    /** Every entity of a collection gets this {@code updated_at} (a store where nothing changed since). */
    public synchronized void stampAll(String collection, String updatedAt) {
        table(collection).values().forEach(e -> e.put("updated_at", updatedAt));
    }

    /**
     * Serves this shipment at {@code /V1/shipment/<entity_id>} and in {@code /V1/shipments}: Magento names the single
     * resource in the singular and the search in the plural (so do credit memos).
     */
    /**
     * An attribute's metadata as {@code GET /V1/products/attributes/{code}} ({@code collection} "products") or
     * {@code GET /V1/customerMetadata/attribute/{code}} ("customers") answers it; {@code store} null for every store
     * view, else that view's labels.
     */
    public synchronized void putAttribute(String collection, String store, ObjectNode metadata) {
        String code = metadata.path("attribute_code").asText();
        (collection.equals("customers") ? customerAttributes : productAttributes)
                .put(store == null ? code : store + "/" + code, metadata);
    }

    /** The integration loses access to an ACL resource ({@code Magento_Catalog::attributes_attributes}). */
    public FakeMagentoServer refuse(String resource) {
        refused.add(resource);
        return this;
    }

    public synchronized void putShipment(ObjectNode shipment) {
        shipments.put(shipment.path("entity_id").asText(), shipment);
    }

    /** Serves this credit memo at {@code /V1/creditmemo/<entity_id>} and in {@code /V1/creditmemos}. */
    public synchronized void putCreditMemo(ObjectNode memo) {
        creditMemos.put(memo.path("entity_id").asText(), memo);
    }

    /** The writes the store accepted, in order. */
    public List<Write> writes() {
        synchronized (writes) {
            return List.copyOf(writes);
        }
    }

    /** The clock a write's {@code updated_at} comes from (Magento's {@code yyyy-MM-dd HH:mm:ss}, UTC). */
    public FakeMagentoServer setClock(java.util.function.Supplier<java.time.Instant> clock) {
        this.clock = clock;
        return this;
    }

    /** Every customer as now served (copies). */
    public synchronized List<ObjectNode> customers() {
        return customers.values().stream().map(ObjectNode::deepCopy).toList();
    }

    /** The entity as now served ({@code collection}: customers, products by sku, orders, ...), or null. */
    public synchronized ObjectNode entity(String collection, String key) {
        ObjectNode entity = table(collection).get(key);
        return entity == null ? null : entity.deepCopy();
    }

    /** Requests per path as Magento routes it, e.g. {@code /V1/customers/search} or {@code /V1/products/MB-TRAVEL-01}. */
    public int requestCount(String path) {
        AtomicInteger n = counts.get(path);
        return n == null ? 0 : n.get();
    }

    public int totalRequests() {
        return requests.size();
    }

    public List<Request> requests() {
        synchronized (requests) {
            return List.copyOf(requests);
        }
    }

    /** Deletes an entity (a test's own, made by a write), so tests that share the server count as before. */
    public synchronized void remove(String collection, String key) {
        table(collection).remove(key);
    }

    public synchronized void reset() {
        writes.clear();
        counts.clear();
        requests.clear();
        faults.clear();
        refused.clear();
        pastLastPage = PastLastPage.LAST_PAGE;
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    // ---- entities -----------------------------------------------------------------------------------------------

    private void generate(int customerCount, int productCount, int orderCount, int invoiceCount) {
        for (int i = 1; i <= customerCount; i++) {
            customers.put(Integer.toString(i), customer(i));
        }
        for (int i = 1; i <= productCount; i++) {
            ObjectNode p = product(i);
            products.put(p.path("sku").asText(), p);
        }
        for (int i = 1; i <= orderCount; i++) {
            orders.put(Integer.toString(i), order(i, Math.max(1, customerCount)));
        }
        for (int i = 1; i <= invoiceCount; i++) {
            invoices.put(Integer.toString(i), invoice(i));
        }
    }

    private static ObjectNode customer(int id) {
        ObjectNode c = sample("customer_get_42.json");
        c.put("id", id);
        c.put("email", "customer" + id + "@example.com");
        c.put("lastname", c.path("lastname").asText() + " " + id);
        c.put("default_billing", Integer.toString(id * 10 + 1));
        c.put("default_shipping", Integer.toString(id * 10 + 2));
        int n = 1;
        for (JsonNode address : c.withArray("addresses")) {
            ((ObjectNode) address).put("id", id * 10 + n++);
            ((ObjectNode) address).put("customer_id", id);
        }
        return c;
    }

    private static ObjectNode product(int id) {
        ObjectNode p = sample("product_get_MB-TRAVEL-01.json");
        p.put("id", id);
        p.put("sku", String.format(Locale.ROOT, "MB-TRAVEL-%02d", id));
        p.put("name", p.path("name").asText() + " #" + id);
        JsonNode stock = p.path("extension_attributes").path("stock_item");
        if (stock instanceof ObjectNode s) {
            s.put("item_id", id);
            s.put("product_id", id);
        }
        return p;
    }

    private static ObjectNode order(int id, int customerCount) {
        ObjectNode o = sample("order_get_3005.json");
        int customerId = (id - 1) % customerCount + 1;
        o.put("entity_id", id);
        o.put("increment_id", String.format(Locale.ROOT, "%09d", id));
        o.put("customer_id", customerId);
        o.put("customer_email", "customer" + customerId + "@example.com");
        for (JsonNode item : o.withArray("items")) {
            ((ObjectNode) item).put("order_id", id);
        }
        return o;
    }

    private static ObjectNode invoice(int id) {
        ObjectNode inv = sample("invoice_get_2001.json");
        inv.put("entity_id", id);
        inv.put("increment_id", String.format(Locale.ROOT, "%09d", id));
        inv.put("order_id", id);
        for (JsonNode item : inv.withArray("items")) {
            ((ObjectNode) item).put("parent_id", id);
        }
        return inv;
    }

    private static final Map<String, ObjectNode> SAMPLES = new ConcurrentHashMap<>();

    private static ObjectNode sample(String file) {
        return SAMPLES.computeIfAbsent(file, f -> {
            try (InputStream in = FakeMagentoServer.class.getResourceAsStream("/magento/rest/" + f)) {
                if (in == null) {
                    throw new IllegalStateException("missing test resource magento/rest/" + f);
                }
                return (ObjectNode) MAPPER.readTree(in);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }).deepCopy();
    }

    // ---- HTTP ---------------------------------------------------------------------------------------------------

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String rawPath = exchange.getRequestURI().getRawPath();
            String rawQuery = exchange.getRequestURI().getRawQuery();
            Route route = Route.parse(rawPath);
            String countKey = route == null ? rawPath : route.countKey();
            counts.computeIfAbsent(countKey, k -> new AtomicInteger()).incrementAndGet();
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            requests.add(new Request(exchange.getRequestMethod(), exchange.getRequestURI().toString(),
                    route == null ? null : route.store(), countKey,
                    authorization == null ? null : authorization.split(" ", 2)[0]));

            Fault fault = nextFault();
            if (fault != null && !fault.delay().isZero()) {
                sleep(fault.delay());
            }
            if (fault != null && fault.status() != 0) {
                sendFault(exchange, fault.status());
                return;
            }
            String method = exchange.getRequestMethod();
            if (route != null && route.writable(method)) {
                String authError = authenticate(exchange, rawPath, rawQuery, authorization, route.writeResource());
                if (authError != null) {
                    send(exchange, 401, authError);
                    return;
                }
                write(exchange, route, method);
                return;
            }
            if (route == null || !method.equals("GET") || route.resource() == null || route.sub() != null) {
                send(exchange, 404, error("Request does not match any route.", null));
                return;
            }
            if (route.store() != null && !STORES.contains(route.store()) && !storeCodes().contains(route.store())) {
                send(exchange, 400, error("The store that was requested wasn't found. Verify the store and try again.",
                        null));
                return;
            }
            String authError = authenticate(exchange, rawPath, rawQuery, authorization, route.resource());
            if (authError != null) {
                send(exchange, 401, authError);
                return;
            }
            answer(exchange, route, query(rawQuery));
        } catch (RuntimeException e) {
            send(exchange, 500, error("Internal Error. Details are available in Magento log file.", null));
        }
    }

    /** The entities of a collection as Magento's routes name it (singular for one resource, plural for a search). */
    private Map<String, ObjectNode> table(String collection) {
        return switch (collection) {
            case "customers" -> customers;
            case "products" -> products;
            case "orders" -> orders;
            case "invoices" -> invoices;
            case "shipment", "shipments" -> shipments;
            case "creditmemo", "creditmemos" -> creditMemos;
            case "products/attributes" -> productAttributes;
            case "customerMetadata/attribute" -> customerAttributes;
            default -> throw new IllegalArgumentException("no collection " + collection);
        };
    }

    private synchronized Fault nextFault() {
        return faults.poll();
    }

    /** The store view codes of the store list: each is a store code of the REST URL as well. */
    private Set<String> storeCodes() {
        Set<String> codes = new java.util.HashSet<>();
        stores.path("storeViews").forEach(view -> codes.add(view.path("code").asText()));
        return codes;
    }

    private void answer(HttpExchange exchange, Route route, Map<String, String> query) throws IOException {
        if (route.collection().equals("store")) {
            // Magento\Store\Api: StoreRepositoryInterface::getList, WebsiteRepositoryInterface::getList,
            // StoreConfigManagerInterface::getStoreConfigs (each a JSON array; the admin website and store view too,
            // but no store config of the admin store view).
            JsonNode list = stores.get(route.key());
            if (list == null) {
                send(exchange, 404, error("Request does not match any route.", null));
                return;
            }
            send(exchange, 200, MAPPER.writeValueAsString(list));
            return;
        }
        Map<String, ObjectNode> table = table(route.collection());
        if (route.search()) {
            if (query.keySet().stream().noneMatch(k -> k.startsWith("searchCriteria"))) {
                send(exchange, 400, error("\"%fieldName\" is required. Enter and try again.",
                        MAPPER.createObjectNode().put("fieldName", "searchCriteria")));
                return;
            }
            try {
                send(exchange, 200, MAPPER.writeValueAsString(search(table, query)));
            } catch (BadSearch e) {
                send(exchange, 400, error(e.getMessage(), null));
            }
            return;
        }
        ObjectNode entity;
        synchronized (this) {
            entity = route.collection().contains("/") && route.store() != null
                    && table.containsKey(route.store() + "/" + route.key()) ? table.get(route.store() + "/" + route.key())
                            : table.get(route.key());
        }
        if (entity == null) {
            send(exchange, 404, notFound(route));
            return;
        }
        send(exchange, 200, MAPPER.writeValueAsString(entity));
    }

    private void write(HttpExchange exchange, Route route, String method) throws IOException {
        JsonNode body;
        try (InputStream in = exchange.getRequestBody()) {
            body = MAPPER.readTree(in);
        } catch (IOException e) {
            send(exchange, 400, error("Decoding error: Syntax error", null));
            return;
        }
        String wrapper = switch (route.collection()) {
            case "customers" -> "customer";
            case "products" -> "product";
            default -> "statusHistory";
        };
        if (body == null || !body.path(wrapper).isObject()) {
            send(exchange, 400, error("\"%fieldName\" is required. Enter and try again.",
                    MAPPER.createObjectNode().put("fieldName", wrapper)));
            return;
        }
        ObjectNode given = (ObjectNode) body.path(wrapper);
        String now = java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
                .withZone(java.time.ZoneOffset.UTC).format(clock.get());
        String answer;
        synchronized (this) {
            if (route.isCustomerCreate()) {
                for (String required : List.of("email", "firstname", "lastname")) {
                    if (given.path(required).asText("").isBlank()) {
                        send(exchange, 400, error("\"%fieldName\" is required. Enter and try again.",
                                MAPPER.createObjectNode().put("fieldName", required)));
                        return;
                    }
                }
                int status = create(given, now);
                answer = status == 200 ? customers.get(given.path("id").asText()).toString()
                        : error(DUPLICATE_EMAIL, null);
                if (status == 200) {
                    writes.add(new Write(method, route.countKey(), body));
                }
                send(exchange, status, answer);
                return;
            }
            ObjectNode stored = table(route.collection()).get(route.key());
            if (stored == null) {
                send(exchange, 404, notFound(route));
                return;
            }
            switch (route.collection()) {
                case "customers" -> {
                    for (String required : List.of("email", "firstname", "lastname")) {
                        if (given.path(required).asText("").isBlank()) {
                            send(exchange, 400, error("\"%fieldName\" is required. Enter and try again.",
                                    MAPPER.createObjectNode().put("fieldName", required)));
                            return;
                        }
                    }
                    ObjectNode saved = given.deepCopy();
                    saved.set("id", stored.get("id")); // as stored: ids of the real tier exceed an int
                    saved.set("created_at", stored.path("created_at"));
                    saved.put("updated_at", now);
                    if (!saved.has("addresses")) {
                        saved.set("addresses", stored.path("addresses").deepCopy());
                    }
                    for (JsonNode address : saved.withArray("addresses")) {
                        ObjectNode a = (ObjectNode) address;
                        if (!a.hasNonNull("id")) {
                            a.put("id", nextAddressId++);
                        }
                        a.set("customer_id", stored.get("id"));
                    }
                    for (String def : List.of("default_billing", "default_shipping")) {
                        if (!saved.has(def) && stored.has(def)) {
                            saved.set(def, stored.get(def));
                        }
                    }
                    customers.put(route.key(), saved);
                    answer = saved.toString();
                }
                case "products" -> {
                    merge(stored, given);
                    stored.put("sku", route.key());
                    stored.put("updated_at", now);
                    answer = stored.toString();
                }
                default -> {
                    if (given.path("comment").asText("").isBlank() && given.path("status").asText("").isBlank()) {
                        send(exchange, 400, error("\"%fieldName\" is required. Enter and try again.",
                                MAPPER.createObjectNode().put("fieldName", "comment")));
                        return;
                    }
                    ObjectNode history = given.deepCopy();
                    history.set("parent_id", stored.get("entity_id"));
                    history.put("created_at", now);
                    history.put("entity_type", "order");
                    stored.withArray("status_histories").insert(0, history);
                    if (given.hasNonNull("status")) {
                        stored.put("status", given.path("status").asText());
                    }
                    stored.put("updated_at", now);
                    answer = "true";
                }
            }
            writes.add(new Write(method, route.countKey(), body));
        }
        send(exchange, 200, answer);
    }

    /**
     * {@code POST /V1/customers} as AccountManagement::createAccount answers it: the customer (CustomerInterface) gets
     * a new id, its website's defaults and times, its addresses ids and its default addresses their ids; an e-mail
     * a customer of the same website has is refused (400). Sets the new id on {@code given}; answers the status.
     */
    private int create(ObjectNode given, String now) {
        String email = given.path("email").asText("");
        int website = given.path("website_id").asInt(1);
        for (ObjectNode c : customers.values()) {
            if (c.path("email").asText("").equalsIgnoreCase(email) && c.path("website_id").asInt(1) == website) {
                return 400;
            }
        }
        long id = customers.keySet().stream().mapToLong(k -> {
            try {
                return Long.parseLong(k);
            } catch (NumberFormatException e) {
                return 0;
            }
        }).max().orElse(0) + 1;
        ObjectNode saved = given.deepCopy();
        saved.put("id", id);
        saved.put("website_id", website);
        saved.put("store_id", given.path("store_id").asInt(1));
        saved.put("group_id", given.path("group_id").asInt(1));
        saved.put("created_at", now);
        saved.put("updated_at", now);
        saved.put("created_in", "Default Store View");
        saved.put("disable_auto_group_change", 0);
        for (JsonNode address : saved.withArray("addresses")) {
            ObjectNode a = (ObjectNode) address;
            a.put("id", nextAddressId++);
            a.put("customer_id", id);
            for (String def : List.of("default_billing", "default_shipping")) {
                if (a.path(def).asBoolean(false)) {
                    saved.put(def, a.path("id").asText());
                }
            }
        }
        customers.put(Long.toString(id), saved);
        given.put("id", id);
        return 200;
    }

    /** Sets what {@code from} has on {@code into}, objects field by field (a product's stock item among them). */
    private static void merge(ObjectNode into, ObjectNode from) {
        from.fields().forEachRemaining(e -> {
            if (e.getValue().isObject() && into.path(e.getKey()).isObject()) {
                merge((ObjectNode) into.get(e.getKey()), (ObjectNode) e.getValue());
            } else {
                into.set(e.getKey(), e.getValue().deepCopy());
            }
        });
    }

    private ObjectNode search(Map<String, ObjectNode> table, Map<String, String> query) {
        List<ObjectNode> all;
        synchronized (this) {
            all = new ArrayList<>(table.values());
        }
        List<List<String[]>> groups = filterGroups(query);
        all.removeIf(entity -> !groups.stream().allMatch(group -> group.stream().anyMatch(f -> matches(entity, f))));
        List<String[]> sorts = new ArrayList<>();
        for (int i = 0; query.containsKey("searchCriteria[sortOrders][" + i + "][field]"); i++) {
            sorts.add(new String[] { query.get("searchCriteria[sortOrders][" + i + "][field]"),
                    query.getOrDefault("searchCriteria[sortOrders][" + i + "][direction]", "ASC") });
        }
        Comparator<ObjectNode> order = null;
        for (String[] sort : sorts) {
            Comparator<ObjectNode> one = comparator(sort[0]);
            one = sort[1].equalsIgnoreCase("DESC") ? one.reversed() : one;
            order = order == null ? one : order.thenComparing(one);
        }
        if (order != null) {
            all.sort(order);
        }
        int total = all.size();
        int pageSize = Integer.parseInt(query.getOrDefault("searchCriteria[pageSize]", "0"));
        int currentPage = Math.max(1, Integer.parseInt(query.getOrDefault("searchCriteria[currentPage]", "1")));
        List<ObjectNode> items = all;
        if (pageSize > 0) {
            int lastPage = Math.max(1, (total + pageSize - 1) / pageSize);
            int served = currentPage <= lastPage ? currentPage : switch (pastLastPage) {
                case LAST_PAGE -> lastPage;
                case FIRST_PAGE -> 1;
                case EMPTY -> currentPage;
            };
            int from = Math.min(total, (served - 1) * pageSize);
            items = all.subList(from, Math.min(total, from + pageSize));
        }
        ObjectNode result = MAPPER.createObjectNode();
        ArrayNode out = result.putArray("items");
        items.forEach(out::add);
        ObjectNode criteria = result.putObject("search_criteria");
        ArrayNode groupsOut = criteria.putArray("filter_groups");
        for (List<String[]> group : groups) {
            ArrayNode filters = groupsOut.addObject().putArray("filters");
            group.forEach(f -> filters.addObject().put("field", f[0]).put("value", f[1]).put("condition_type", f[2]));
        }
        if (!sorts.isEmpty()) {
            ArrayNode sortOut = criteria.putArray("sort_orders");
            sorts.forEach(so -> sortOut.addObject().put("field", so[0]).put("direction", so[1]));
        }
        if (pageSize > 0) {
            criteria.put("page_size", pageSize);
        }
        criteria.put("current_page", currentPage);
        result.put("total_count", total);
        return result;
    }

    /**
     * {@code searchCriteria[filter_groups][g][filters][f][field|value|condition_type]}: as in Magento, the filters of
     * one group are OR-ed and the groups AND-ed; the condition defaults to {@code eq}.
     */
    private static List<List<String[]>> filterGroups(Map<String, String> query) {
        List<List<String[]>> groups = new ArrayList<>();
        for (int g = 0; query.containsKey("searchCriteria[filter_groups][" + g + "][filters][0][field]"); g++) {
            List<String[]> group = new ArrayList<>();
            for (int f = 0;; f++) {
                String prefix = "searchCriteria[filter_groups][" + g + "][filters][" + f + "]";
                String field = query.get(prefix + "[field]");
                if (field == null) {
                    break;
                }
                String condition = query.getOrDefault(prefix + "[condition_type]", "eq");
                if (!CONDITIONS.contains(condition)) {
                    throw new BadSearch("Invalid condition type: " + condition);
                }
                group.add(new String[] { field, query.getOrDefault(prefix + "[value]", ""), condition });
            }
            groups.add(group);
        }
        return groups;
    }

    private static final Set<String> CONDITIONS = Set.of("eq", "neq", "gt", "gteq", "lt", "lteq", "in", "nin");

    /** A search Magento refuses (answered 400 with the message). */
    private static final class BadSearch extends RuntimeException {
        BadSearch(String message) {
            super(message);
        }
    }

    private static boolean matches(ObjectNode entity, String[] filter) {
        String value = fieldText(entity, filter[0]);
        if (value == null) {
            return filter[2].equals("neq") || filter[2].equals("nin"); // SQL: NULL matches no comparison
        }
        return switch (filter[2]) {
            case "in" -> List.of(filter[1].split(",")).contains(value);
            case "nin" -> !List.of(filter[1].split(",")).contains(value);
            default -> {
                int c = compare(filter[0], value, filter[1]);
                yield switch (filter[2]) {
                    case "eq" -> c == 0;
                    case "neq" -> c != 0;
                    case "gt" -> c > 0;
                    case "gteq" -> c >= 0;
                    case "lt" -> c < 0;
                    default -> c <= 0;
                };
            }
        };
    }

    /** The column a search field names: {@code entity_id} is a customer's {@code id} and a product's {@code id}. */
    private static String fieldText(ObjectNode entity, String field) {
        if (field.equals("entity_id")) {
            return Long.toString(entityId(entity));
        }
        JsonNode v = entity.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    /**
     * Ids numerically, an e-mail without case (customer_entity's utf8 general collation), everything else (Magento's
     * fixed-width datetimes included) as text, as MySQL does.
     */
    private static int compare(String field, String a, String b) {
        if (field.equals("email")) {
            return a.compareToIgnoreCase(b);
        }
        if (field.equals("entity_id") || field.equals("id")) {
            try {
                return Long.compare(Long.parseLong(a), Long.parseLong(b));
            } catch (NumberFormatException e) {
                return a.compareTo(b);
            }
        }
        return a.compareTo(b);
    }

    private static Comparator<ObjectNode> comparator(String field) {
        if (field.equals("entity_id") || field.equals("id")) {
            return Comparator.comparingLong(FakeMagentoServer::entityId);
        }
        return Comparator.comparing(e -> Optional.ofNullable(fieldText(e, field)).orElse(""));
    }

    private static long entityId(ObjectNode entity) {
        return entity.has("entity_id") ? entity.path("entity_id").asLong() : entity.path("id").asLong();
    }

    private static String notFound(Route route) {
        return switch (route.collection()) {
            case "customers" -> error("No such entity with %fieldName = %fieldValue",
                    MAPPER.createObjectNode().put("fieldName", "customerId").put("fieldValue", route.key()));
            case "products" -> error(
                    "The product that was requested doesn't exist. Verify the product and try again.", null);
            case "products/attributes" -> error("The attribute with a \"%1\" attributeCode doesn't exist. Verify the"
                    + " attribute and try again.", MAPPER.createArrayNode().add(route.key()));
            case "customerMetadata/attribute" -> error("No such entity with %fieldName = %fieldValue",
                    MAPPER.createObjectNode().put("fieldName", "attributeCode").put("fieldValue", route.key()));
            default -> error("The entity that was requested doesn't exist. Verify the entity and try again.", null);
        };
    }

    // ---- auth ---------------------------------------------------------------------------------------------------

    /** Null when the request may pass, else the 401 body. */
    private String authenticate(HttpExchange exchange, String rawPath, String rawQuery, String authorization,
            String resource) {
        String notAuthorized = error(NOT_AUTHORIZED, MAPPER.createObjectNode().put("resources", resource));
        if (refused.contains(resource)) {
            return notAuthorized;
        }
        if (authorization == null || authorization.isBlank()) {
            return notAuthorized;
        }
        if (authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            // Magento treats an unknown bearer token as a guest, hence the same message as no token at all.
            String token = authorization.substring(7).strip();
            return bearerToken != null && bearerToken.equals(token) ? null : notAuthorized;
        }
        if (authorization.regionMatches(true, 0, "OAuth ", 0, 6)) {
            return verifyOAuth(exchange, rawPath, rawQuery, authorization.substring(6));
        }
        return notAuthorized;
    }

    private String verifyOAuth(HttpExchange exchange, String rawPath, String rawQuery, String header) {
        String[] creds = oauth;
        Map<String, String> p = new LinkedHashMap<>();
        Matcher m = OAUTH_PARAM.matcher(header);
        while (m.find()) {
            p.put(decode(m.group(1)), decode(m.group(2)));
        }
        if (creds == null || !creds[0].equals(p.get("oauth_consumer_key"))) {
            return error("A consumer having the specified key does not exist", null);
        }
        if (!creds[2].equals(p.get("oauth_token"))) {
            return error("Specified token does not exist", null);
        }
        String method = p.getOrDefault("oauth_signature_method", "");
        String jca = switch (method) {
            case "HMAC-SHA1" -> "HmacSHA1";
            case "HMAC-SHA256" -> "HmacSHA256";
            default -> null;
        };
        if (jca == null) {
            return error("Signature method %1 is not supported", MAPPER.createArrayNode().add(method));
        }
        if (p.get("oauth_nonce") == null || p.get("oauth_timestamp") == null || p.get("oauth_signature") == null) {
            return error("oauth_nonce, oauth_timestamp and oauth_signature are required", null);
        }
        long age = Math.abs(System.currentTimeMillis() / 1000 - Long.parseLong(p.get("oauth_timestamp")));
        if (age > 600) {
            return error("The timestamp is out of range", null);
        }
        if (!seenNonces.add(creds[0] + ":" + p.get("oauth_nonce"))) {
            return error("The nonce is already being used by the consumer with ID %1", MAPPER.createArrayNode().add("1"));
        }
        // Independent recomputation: base string URI from Host + raw path, query and oauth params, sorted encoded.
        String host = exchange.getRequestHeaders().getFirst("Host").toLowerCase(Locale.ROOT);
        if (host.endsWith(":80")) {
            host = host.substring(0, host.length() - 3);
        }
        List<String[]> params = new ArrayList<>();
        for (Map.Entry<String, String> e : p.entrySet()) {
            if (!e.getKey().equals("oauth_signature") && !e.getKey().equals("realm")) {
                params.add(new String[] { encode(e.getKey()), encode(e.getValue()) });
            }
        }
        if (rawQuery != null && !rawQuery.isEmpty()) {
            for (String pair : rawQuery.split("&")) {
                String[] kv = pair.split("=", 2);
                params.add(new String[] { encode(decode(kv[0])), encode(kv.length > 1 ? decode(kv[1]) : "") });
            }
        }
        params.sort(Comparator.<String[], String>comparing(a -> a[0]).thenComparing(a -> a[1]));
        StringBuilder normalised = new StringBuilder();
        for (String[] kv : params) {
            normalised.append(normalised.length() == 0 ? "" : "&").append(kv[0]).append('=').append(kv[1]);
        }
        String base = exchange.getRequestMethod().toUpperCase(Locale.ROOT) + "&" + encode("http://" + host + rawPath)
                + "&" + encode(normalised.toString());
        String expected = hmac(jca, encode(creds[1]) + "&" + encode(creds[3]), base);
        return expected.equals(p.get("oauth_signature")) ? null : error(BAD_SIGNATURE, null);
    }

    private static String hmac(String algorithm, String key, String data) {
        try {
            Mac mac = Mac.getInstance(algorithm);
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), algorithm));
            return Base64.getEncoder().encodeToString(mac.doFinal(data.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** RFC 3986 encoding via the form encoder, then undoing its three differences ('+', '*', '~'). */
    private static String encode(String s) {
        return java.net.URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20").replace("*", "%2A")
                .replace("%7E", "~");
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }

    // ---- routing and responses ----------------------------------------------------------------------------------

    /** {@code /rest[/<store>]/V1/<collection>[/<key>]}; {@code resource} is the ACL resource Magento checks. */
    private record Route(String store, String collection, String key, boolean search, String sub) {

        Route(String store, String collection, String key, boolean search) {
            this(store, collection, key, search, null);
        }

        /** The write routes two-way sync uses (webapi.xml of Magento_Customer, Magento_Catalog, Magento_Sales). */
        boolean writable(String method) {
            return switch (method) {
                case "PUT" -> key != null && sub == null && (collection.equals("customers")
                        || collection.equals("products"));
                case "POST" -> key != null && "comments".equals(sub) && collection.equals("orders")
                        || isCustomerCreate();
                default -> false;
            };
        }

        /** {@code /V1/customers} itself: only POST (AccountManagement::createAccount) routes there. */
        boolean isCustomerCreate() {
            return collection.equals("customers") && key == null && !search && sub == null;
        }

        String writeResource() {
            return switch (collection) {
                case "customers" -> "Magento_Customer::manage";
                case "products" -> "Magento_Catalog::products";
                default -> "Magento_Sales::comment";
            };
        }

        static Route parse(String rawPath) {
            List<String> segments = new ArrayList<>();
            for (String s : rawPath.split("/")) {
                if (!s.isEmpty()) {
                    segments.add(s);
                }
            }
            if (segments.size() < 3 || !segments.get(0).equals("rest")) {
                return null;
            }
            int v1 = segments.get(1).equals("V1") ? 1 : 2;
            String store = v1 == 1 ? null : decode(segments.get(1));
            if (segments.size() <= v1 + 1 || !segments.get(v1).equals("V1")) {
                return null;
            }
            List<String> rest = segments.subList(v1 + 1, segments.size());
            String collection = rest.get(0);
            if (rest.size() == 1) {
                return collection.equals("customers") ? new Route(store, "customers", null, false)
                        : new Route(store, collection, null, true);
            }
            if (rest.size() == 3 && (rest.get(0) + "/" + rest.get(1)).equals("products/attributes")
                    || rest.size() == 3 && (rest.get(0) + "/" + rest.get(1)).equals("customerMetadata/attribute")) {
                return new Route(store, rest.get(0) + "/" + rest.get(1), decode(rest.get(2)), false);
            }
            if (rest.size() == 2) {
                boolean search = collection.equals("customers") && rest.get(1).equals("search");
                return new Route(store, collection, search ? null : decode(rest.get(1)), search);
            }
            if (rest.size() == 3 && collection.equals("orders")) {
                return new Route(store, collection, decode(rest.get(1)), false, rest.get(2));
            }
            return new Route(store, "", null, false);
        }

        String countKey() {
            return "/V1/" + collection + (search && collection.equals("customers") ? "/search" : "")
                    + (key != null ? "/" + key : "") + (sub != null ? "/" + sub : "");
        }

        String resource() {
            return switch (collection) {
                case "customers" -> isCustomerCreate() ? null : "Magento_Customer::customer"; // no GET /V1/customers
                case "products" -> "Magento_Catalog::products";
                case "orders" -> "Magento_Sales::actions_view";
                case "invoices" -> "Magento_Sales::sales_invoice";
                case "shipment" -> key != null ? "Magento_Sales::shipment" : null;
                case "shipments" -> search ? "Magento_Sales::shipment" : null;
                case "creditmemo" -> key != null ? "Magento_Sales::sales_creditmemo" : null;
                case "creditmemos" -> search ? "Magento_Sales::sales_creditmemo" : null;
                // webapi.xml of Magento_Catalog and Magento_Customer
                case "products/attributes" -> "Magento_Catalog::attributes_attributes";
                case "customerMetadata/attribute" -> "Magento_Customer::manage";
                // Magento_Store's webapi.xml declares store/websites, storeViews and storeConfigs anonymous; since
                // 2.3.2 anonymous access to them is off by default (webapi/webapisecurity/allow_insecure) and a token
                // is needed. The double asks for the Stores resource, so a test can refuse it.
                case "store" -> "Magento_Backend::stores";
                default -> null;
            };
        }
    }

    private static Map<String, String> query(String rawQuery) {
        Map<String, String> out = new LinkedHashMap<>();
        if (rawQuery != null) {
            for (String pair : rawQuery.split("&")) {
                String[] kv = pair.split("=", 2);
                out.put(decode(kv[0]), kv.length > 1 ? decode(kv[1]) : "");
            }
        }
        return out;
    }

    private static String error(String message, JsonNode parameters) {
        ObjectNode body = MAPPER.createObjectNode().put("message", message);
        if (parameters != null) {
            body.set("parameters", parameters);
        }
        return body.toString();
    }

    private static void sendFault(HttpExchange exchange, int status) throws IOException {
        if (status == 503) {
            sendRaw(exchange, status, "text/html",
                    "<html><body><h1>503 Service Temporarily Unavailable</h1></body></html>");
        } else if (status == 429) {
            exchange.getResponseHeaders().add("Retry-After", "1");
            send(exchange, status, error("Too many requests", null));
        } else {
            send(exchange, status, error("Internal Error. Details are available in Magento log file. Report ID: "
                    + "webapi-6650f0d1c2a1b", null));
        }
    }

    private static void send(HttpExchange exchange, int status, String json) throws IOException {
        sendRaw(exchange, status, "application/json; charset=utf-8", json);
    }

    private static void sendRaw(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    private static void sleep(Duration delay) {
        try {
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

}
