package com.mvsync.magento.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.mvsync.http.HttpUrl;
import com.mvsync.http.TransportFailure;
import com.mvsync.magento.EntityType;
import com.mvsync.timing.DependencyTimer;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.ClientBuilder;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/**
 * Reads customers, products, orders and invoices from the Magento 2 REST API: single entities (to re-fetch the full
 * record a webhook only hinted at) and sorted pages for a backfill. Calls are not retried here; each failure is a
 * {@link MagentoRestException} whose {@code retryable()} tells the caller whether trying again makes sense.
 * <p>
 * Uses the JAX-RS client of Quarkus REST rather than a typed REST client interface: it works outside a running
 * Quarkus app (plain tests) and sends the URI exactly as built here, which the OAuth 1.0a signature covers.
 */
@ApplicationScoped
public class MagentoRestClient implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(MagentoRestClient.class);

    /** One page of a search: {@code totalCount} counts every match, not just this page. */
    public record Page(List<ObjectNode> items, int totalCount, int currentPage, int pageSize) {
        public Page {
            items = List.copyOf(items);
        }

        /**
         * Whether a later page holds more items. Decided by {@code totalCount}, not by an empty page: depending on
         * the version, Magento answers a page beyond the last with the last page again (or page 1), so waiting for
         * an empty page would loop forever.
         */
        public boolean hasMore() {
            return !items.isEmpty() && (long) currentPage * pageSize < totalCount;
        }
    }

    private final MagentoRestConfig config;
    private final ObjectMapper mapper;
    /** Null for a client fixed to one connection; else asked before every call. */
    private final MagentoConnectionSource source;
    private volatile Target target;
    private volatile Client http;

    /** The REST base and authenticator built for one connection, or why it cannot be used. */
    private record Target(MagentoConnection connection, URI restBase, MagentoAuth auth, String notConfiguredReason) {
    }

    /** A client fixed to the configured connection (tests; the connection check builds one per check). */
    public MagentoRestClient(MagentoRestConfig config, ObjectMapper mapper) {
        this(config, mapper, null);
        connect(MagentoConnection.from(config));
    }

    /** The shared client: follows the effective connection (stored settings over configuration) without redeploy. */
    @Inject
    public MagentoRestClient(MagentoRestConfig config, ObjectMapper mapper, MagentoConnectionSource source) {
        this.config = config;
        this.mapper = mapper;
        this.source = source;
    }

    /** Points the client at a (new) shop; the next call goes there. */
    public void connect(MagentoConnection connection) {
        Target current = target;
        if (current != null && current.connection().equals(connection)) {
            return;
        }
        URI base = null;
        String problem = null;
        try {
            base = Optional.ofNullable(connection.baseUrl()).filter(u -> !u.isBlank())
                    .map(u -> restBaseUri(u, storeCodeOf(connection)))
                    .orElse(null);
            if (base == null) {
                problem = "mvsync.magento.base-url is not set";
            }
        } catch (IllegalArgumentException e) {
            problem = "mvsync.magento.base-url is invalid: " + e.getMessage();
        }
        MagentoAuth.Result authResult = MagentoAuth.from(connection, config.signatureMethod());
        target = new Target(connection, base, authResult.auth(), problem != null ? problem : authResult.problem());
    }

    /** Whether base URL and the credentials of the chosen auth mode are all set. */
    public boolean isConfigured() {
        return target().notConfiguredReason() == null;
    }

    /** Why the current connection cannot be used (names settings, never values); empty when it can. */
    public Optional<String> notConfiguredReason() {
        return Optional.ofNullable(target().notConfiguredReason());
    }

    /** The store code the current connection's REST base names ({@code all} unless one is configured). */
    public String storeCode() {
        return storeCodeOf(target().connection());
    }

    private static String storeCodeOf(MagentoConnection connection) {
        String code = connection.storeCode();
        return code == null || code.isBlank() ? MagentoRestConfig.DEFAULT_STORE_CODE : code.strip();
    }

    /** {@code <shop>/rest/<store>} of the current connection, if it has a valid base URL. */
    public Optional<URI> restBase() {
        return Optional.ofNullable(target().restBase());
    }

    private Target target() {
        if (source != null) {
            MagentoConnection wanted;
            try {
                wanted = source.magentoConnection();
            } catch (RuntimeException e) {
                throw new MagentoRestException(MagentoRestException.CONNECTION_FAILED, 0,
                        "the connection settings could not be read: " + e.getMessage(), true);
            }
            connect(wanted);
        }
        Target t = target;
        if (t == null) {
            throw new IllegalStateException("MagentoRestClient has no connection");
        }
        return t;
    }

    // ---- single entities ----------------------------------------------------------------------------------------

    /**
     * One entity by the id its type is keyed by ({@link EntityType#restIdField()}: a product by SKU), from the type's
     * REST resource. The id is percent-encoded as one path segment.
     */
    public ObjectNode read(EntityType type, String id) {
        return getObject(type.label() + " " + id, type.readPath(segment(id)));
    }

    /**
     * Magento's description of one of the type's attributes ({@code frontend_input}, {@code options} with labels
     * in the client's store view), for a type that has custom attributes.
     *
     * @throws IllegalArgumentException for a type without attribute metadata
     */
    public ObjectNode attribute(EntityType type, String code) {
        String path = type.attributePath(segment(code))
                .orElseThrow(() -> new IllegalArgumentException(type.label() + " has no attribute metadata"));
        return getObject(type.label() + " attribute " + code, path);
    }

    // ---- the store list ----------------------------------------------------------------------------------------

    /** {@code GET /V1/store/websites}: every website ({@code id, code, name, default_group_id}), admin's (0) too. */
    public ArrayNode websites() {
        return getArray("websites", "store/websites");
    }

    /** {@code GET /V1/store/storeViews}: every store view ({@code id, code, name, website_id, store_group_id}). */
    public ArrayNode storeViews() {
        return getArray("store views", "store/storeViews");
    }

    /** {@code GET /V1/store/storeConfigs}: per store view its locale, currencies, time zone and URLs. */
    public ArrayNode storeConfigs() {
        return getArray("store configs", "store/storeConfigs");
    }

    // ---- paging -------------------------------------------------------------------------------------------------

    /** One page (1-based) of all entities of a type, sorted by entity_id ascending so pages do not overlap. */
    public Page search(EntityType type, int currentPage, int pageSize) {
        String query = "searchCriteria%5BsortOrders%5D%5B0%5D%5Bfield%5D=entity_id"
                + "&searchCriteria%5BsortOrders%5D%5B0%5D%5Bdirection%5D=ASC";
        return searchPage(type.label() + " search page " + currentPage, type.searchPath(), query, currentPage,
                pageSize);
    }

    /**
     * One page (1-based) of the entities of a polled type whose {@code updated_at} is at or after {@code from}
     * (Magento's {@code yyyy-MM-dd HH:mm:ss}, UTC), oldest change first and, within one second, by id, so that the
     * order is total and a page boundary inside one second is stable.
     */
    public Page changedSince(EntityType type, String from, int currentPage, int pageSize) {
        String criteria = "searchCriteria%5Bfilter_groups%5D%5B0%5D%5Bfilters%5D%5B0%5D%5B";
        String sort = "searchCriteria%5BsortOrders%5D%5B";
        String query = criteria + "field%5D=" + OAuth1Signer.percentEncode(EntityType.UPDATED_AT_FIELD)
                + "&" + criteria + "value%5D=" + OAuth1Signer.percentEncode(from)
                + "&" + criteria + "condition_type%5D=gteq"
                + "&" + sort + "0%5D%5Bfield%5D=" + OAuth1Signer.percentEncode(EntityType.UPDATED_AT_FIELD)
                + "&" + sort + "0%5D%5Bdirection%5D=ASC"
                + "&" + sort + "1%5D%5Bfield%5D=" + OAuth1Signer.percentEncode(EntityType.SEARCH_ID_FIELD)
                + "&" + sort + "1%5D%5Bdirection%5D=ASC";
        return searchPage(type.label() + " changes since " + from + " page " + currentPage,
                type.searchPath(), query, currentPage, pageSize);
    }

    /**
     * The customers with this e-mail ({@code GET /V1/customers/search}, {@code email eq}; MySQL compares it without
     * case), of one website when {@code websiteId} is given ({@code website_id eq}, a second filter group: AND).
     * Magento keeps an e-mail unique per website (or per store with global accounts), so a few at most.
     */
    public List<ObjectNode> customersByEmail(String email, Integer websiteId) {
        String criteria = "searchCriteria%5Bfilter_groups%5D%5B";
        String query = criteria + "0%5D%5Bfilters%5D%5B0%5D%5Bfield%5D=email"
                + "&" + criteria + "0%5D%5Bfilters%5D%5B0%5D%5Bvalue%5D=" + OAuth1Signer.percentEncode(email)
                + "&" + criteria + "0%5D%5Bfilters%5D%5B0%5D%5Bcondition_type%5D=eq";
        if (websiteId != null) {
            query += "&" + criteria + "1%5D%5Bfilters%5D%5B0%5D%5Bfield%5D=website_id"
                    + "&" + criteria + "1%5D%5Bfilters%5D%5B0%5D%5Bvalue%5D=" + websiteId
                    + "&" + criteria + "1%5D%5Bfilters%5D%5B0%5D%5Bcondition_type%5D=eq";
        }
        return searchPage("customers with e-mail " + email, EntityType.CUSTOMER.searchPath(), query, 1, 20).items();
    }

    private Page searchPage(String what, String path, String criteria, int currentPage, int pageSize) {
        if (currentPage < 1 || pageSize < 1) {
            throw new IllegalArgumentException("currentPage and pageSize start at 1");
        }
        String query = "searchCriteria%5BcurrentPage%5D=" + currentPage
                + "&searchCriteria%5BpageSize%5D=" + pageSize + "&" + criteria;
        JsonNode json = getObject(what, path + "?" + query);
        JsonNode items = json.path("items");
        if (!json.has("total_count") || !(items.isArray() || items.isMissingNode() || items.isNull())) {
            throw new MagentoRestException(MagentoRestException.INVALID_RESPONSE, 200,
                    what + ": the answer is not a Magento search result (no items/total_count)", false);
        }
        List<ObjectNode> out = new ArrayList<>(items.size());
        for (JsonNode item : items) {
            if (item instanceof ObjectNode object) {
                out.add(object);
            }
        }
        return new Page(out, json.path("total_count").asInt(), currentPage, pageSize);
    }

    /** Every page of a type with the configured page size, in entity_id order; stops at total_count. */
    public void forEachPage(EntityType type, Consumer<Page> consumer) {
        int pageSize = Math.max(1, config.pageSize());
        for (int current = 1;; current++) {
            Page page = search(type, current, pageSize);
            consumer.accept(page);
            if (!page.hasMore()) {
                return;
            }
        }
    }

    // ---- URLs ---------------------------------------------------------------------------------------------------

    /**
     * {@code <shop>/rest/<store>} from what an admin pastes: with or without a trailing '/', '/rest' or '/rest/V1';
     * a sub-path (shop installed under /shop) is kept.
     */
    public static URI restBaseUri(String baseUrl, String storeCode) {
        String url = baseUrl == null ? "" : baseUrl.strip();
        if (url.isEmpty()) {
            throw new IllegalArgumentException("empty URL");
        }
        URI parsed = HttpUrl.parse(url).orElseThrow(() -> new IllegalArgumentException(
                "expected an http(s) URL such as https://shop.example.com"));
        String scheme = parsed.getScheme().toLowerCase(Locale.ROOT);
        String path = parsed.getRawPath() == null ? "" : parsed.getRawPath();
        path = path.replaceAll("/+$", "");
        for (String suffix : new String[] { "/v1", "/rest" }) {
            if (path.toLowerCase(Locale.ROOT).endsWith(suffix)) {
                path = path.substring(0, path.length() - suffix.length()).replaceAll("/+$", "");
            }
        }
        String store = storeCode == null || storeCode.isBlank() ? MagentoRestConfig.DEFAULT_STORE_CODE
                : storeCode.strip();
        return URI.create(scheme + "://" + parsed.getRawAuthority() + path + "/rest/" + segment(store));
    }

    private static String segment(String value) {
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException("empty id");
        }
        return OAuth1Signer.percentEncode(value);
    }

    // ---- transport ----------------------------------------------------------------------------------------------

    private ObjectNode getObject(String what, String pathAndQuery) {
        return object(what, call("GET", what, pathAndQuery, null));
    }

    private ArrayNode getArray(String what, String path) {
        Answer answer = call("GET", what, path, null);
        if (answer.json() instanceof ArrayNode array) {
            return array;
        }
        throw new MagentoRestException(MagentoRestException.INVALID_RESPONSE, answer.status(), what
                + ": the answer is not a Magento list", TransportFailure.NOT_JSON.retryable());
    }

    private static ObjectNode object(String what, Answer answer) {
        if (answer.json() instanceof ObjectNode object) {
            return object;
        }
        throw new MagentoRestException(MagentoRestException.INVALID_RESPONSE, answer.status(), what
                + ": the answer is not Magento JSON (is mvsync.magento.base-url the shop's URL?)",
                TransportFailure.NOT_JSON.retryable());
    }

    /** A 2xx answer's JSON (an object, or a scalar such as the {@code true} of an order comment). */
    private record Answer(int status, JsonNode json) {
    }

    /**
     * One request. A write that times out may have been applied: the callers' writes are safe to repeat (they read the
     * entity again and write only what still differs), so it is retried like a read.
     */
    private Answer call(String method, String what, String pathAndQuery, JsonNode body) {
        Target t = target();
        if (t.notConfiguredReason() != null) {
            throw new MagentoRestException(MagentoRestException.NOT_CONFIGURED, 0,
                    "Magento REST is not configured: " + t.notConfiguredReason(), false);
        }
        URI uri = URI.create(t.restBase() + "/V1/" + pathAndQuery);
        int status;
        String text;
        long started = System.nanoTime();
        try (Response response = http().target(uri).request(MediaType.APPLICATION_JSON)
                .header(HttpHeaders.AUTHORIZATION, t.auth().header(method, uri))
                .method(method, body == null ? null : Entity.json(body.toString()))) {
            status = response.getStatus();
            text = response.hasEntity() ? response.readEntity(String.class) : "";
        } catch (ProcessingException e) {
            throw transportFailure(what, e);
        } finally {
            DependencyTimer.record(DependencyTimer.Dependency.MAGENTO, System.nanoTime() - started);
        }
        LOG.debugf("Magento %s: HTTP %d", what, status);
        return interpret(what, status, text);
    }

    // ---- writes (two-way sync) -----------------------------------------------------------------------------------

    /**
     * Saves a whole customer ({@code PUT /V1/customers/{id}}, body {@code {"customer":{…}}}) and returns it as
     * Magento saved it. Magento's CustomerRepository replaces the customer with the body, so the body must be the
     * customer as read, changed: a field left out is emptied, and addresses left out are kept only when
     * {@code addresses} is absent altogether. Needs ACL {@code Magento_Customer::manage}.
     */
    public ObjectNode saveCustomer(String id, ObjectNode customer) {
        ObjectNode body = mapper.createObjectNode();
        body.set("customer", customer);
        String what = "save of customer " + id;
        return object(what, call("PUT", what, "customers/" + segment(id), body));
    }

    /**
     * Creates a customer ({@code POST /V1/customers}, body {@code {"customer":{…}}}, Magento's CustomerInterface with
     * {@code website_id} and {@code store_id}) and returns it as saved, with its new id. Magento refuses (400) an
     * e-mail a customer of the same website has: "A customer with the same email address already exists in an
     * associated website." Needs ACL {@code Magento_Customer::manage}.
     */
    public ObjectNode createCustomer(ObjectNode customer) {
        ObjectNode body = mapper.createObjectNode();
        body.set("customer", customer);
        String what = "creation of customer " + customer.path("email").asText("");
        return object(what, call("POST", what, "customers", body));
    }

    /**
     * Sets fields of a product ({@code PUT /V1/products/{sku}}, body {@code {"product":{…}}}; Magento loads the
     * product and sets what the body has, {@code extension_attributes.stock_item.qty} included) and returns it as
     * saved. Needs ACL {@code Magento_Catalog::products}.
     */
    public ObjectNode saveProduct(String sku, ObjectNode product) {
        ObjectNode body = mapper.createObjectNode();
        body.set("product", product);
        String what = "save of product " + sku;
        return object(what, call("PUT", what, "products/" + segment(sku), body));
    }

    /**
     * Adds a status-history comment to an order ({@code POST /V1/orders/{id}/comments}, body
     * {@code {"statusHistory":{…}}}); its {@code status} becomes the order's. Needs ACL {@code Magento_Sales::comment}.
     */
    public void addOrderComment(String orderId, ObjectNode statusHistory) {
        ObjectNode body = mapper.createObjectNode();
        body.set("statusHistory", statusHistory);
        String what = "comment on order " + orderId;
        call("POST", what, "orders/" + segment(orderId) + "/comments", body);
    }

    private Answer interpret(String what, int status, String body) {
        JsonNode json = TransportFailure.json(mapper, body);
        if (status >= 200 && status < 300) {
            if (json != null) {
                return new Answer(status, json);
            }
            throw new MagentoRestException(MagentoRestException.INVALID_RESPONSE, status, what
                    + ": the answer is not Magento JSON (is mvsync.magento.base-url the shop's URL?)",
                    TransportFailure.NOT_JSON.retryable());
        }
        String magentoMessage = json != null && json.hasNonNull("message") ? errorMessage(json) : null;
        String detail = what + ": HTTP " + status + (magentoMessage != null ? ": " + magentoMessage : "");
        if (status == 401 || status == 403) {
            throw new MagentoRestException(MagentoRestException.UNAUTHORIZED, status, detail
                    + " (check the integration credentials, that the integration is active, and its API access)",
                    false);
        }
        if (status == 404) {
            if (magentoMessage == null || magentoMessage.startsWith("Request does not match any route")) {
                throw new MagentoRestException(MagentoRestException.NO_ROUTE, status,
                        detail + " (check mvsync.magento.base-url and store-code)", false);
            }
            throw new MagentoRestException(MagentoRestException.NOT_FOUND, status, detail, false);
        }
        Optional<TransportFailure> failed = TransportFailure.ofStatus(status);
        if (failed.isPresent()) {
            String code = failed.get() == TransportFailure.RATE_LIMITED ? MagentoRestException.RATE_LIMITED
                    : MagentoRestException.SERVER_ERROR;
            throw new MagentoRestException(code, status, detail, failed.get().retryable());
        }
        if (status == 400) {
            throw new MagentoRestException(MagentoRestException.BAD_REQUEST, status, detail, false);
        }
        throw new MagentoRestException(MagentoRestException.INVALID_RESPONSE, status,
                detail + " (unexpected status; is mvsync.magento.base-url the shop's URL?)", false);
    }

    /**
     * Magento's {@code {"message":"No such entity with %fieldName = %fieldValue","parameters":{...}}}: named
     * parameters from an object, positional %1, %2… from an array.
     */
    static String errorMessage(JsonNode error) {
        String message = error.path("message").asText("");
        JsonNode parameters = error.path("parameters");
        if (parameters.isArray()) {
            for (int i = parameters.size(); i >= 1; i--) { // %10 before %1
                message = message.replace("%" + i, parameters.get(i - 1).asText());
            }
        } else if (parameters.isObject()) {
            List<Map.Entry<String, JsonNode>> named = new ArrayList<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = parameters.fields(); it.hasNext();) {
                named.add(it.next());
            }
            named.sort((a, b) -> b.getKey().length() - a.getKey().length()); // %fieldName before %field
            for (Map.Entry<String, JsonNode> p : named) {
                message = message.replace("%" + p.getKey(), p.getValue().asText());
            }
        }
        return message;
    }

    private static MagentoRestException transportFailure(String what, ProcessingException e) {
        TransportFailure.Cause cause = TransportFailure.of(e);
        String message = switch (cause.kind()) {
            case TLS -> "TLS handshake failed: " + cause.tlsMessage();
            case TIMEOUT -> "no answer in time";
            case UNKNOWN_HOST -> "unknown host (check mvsync.magento.base-url)";
            case REFUSED -> "connection refused";
            default -> e.getClass().getSimpleName();
        };
        String code = cause.kind() == TransportFailure.TIMEOUT ? MagentoRestException.TIMEOUT
                : MagentoRestException.CONNECTION_FAILED;
        return new MagentoRestException(code, 0, what + ": " + message, cause.kind().retryable());
    }

    private Client http() {
        Client client = http;
        if (client == null) {
            synchronized (this) {
                client = http;
                if (client == null) {
                    client = ClientBuilder.newBuilder()
                            .connectTimeout(config.connectTimeout().toMillis(), TimeUnit.MILLISECONDS)
                            .readTimeout(config.readTimeout().toMillis(), TimeUnit.MILLISECONDS)
                            .build();
                    http = client;
                }
            }
        }
        return client;
    }

    @PreDestroy
    @Override
    public void close() {
        Client client = http;
        http = null;
        if (client != null) {
            client.close();
        }
    }
}
