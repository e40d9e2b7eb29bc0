package com.mvsync.functions;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.mvsync.magento.EntityType;
import com.mvsync.magento.EnvelopeParser;
import com.mvsync.magento.InvalidPayloadException;
import com.mvsync.mapping.MappingConfig;
import com.mvsync.mapping.MappingStore;
import com.mvsync.mapping.RecordType;
import com.mvsync.store.EntityLink;
import com.mvsync.store.StoreConfig;
import com.mvsync.store.SyncLedger;
import com.mvsync.store.SyncTable;
import com.mvsync.vtiger.VtigerApi;
import com.mvsync.vtiger.VtigerClient;
import com.sun.net.httpserver.HttpServer;
import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.concurrent.TimeUnit;
import com.mvsync.http.HttpApiEvent;
import com.mvsync.http.HttpApiResponse;
import com.mvsync.webhook.WebhookPipeline;
import com.mvsync.webhook.auth.HmacSignature;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * SnapStart priming: before Lambda snapshots an initialised function (published versions, see template.yaml), runs the
 * code a first request needs so that its classes are loaded and initialised in the snapshot instead of on the first
 * invocation after restore. It calls no external service: the webhook pipeline gets a request that fails
 * authentication (401, the path that touches nothing), the envelope parser gets one body of every envelope kind, the
 * Vtiger REST client and the DynamoDB client are built but not called, the ledger's and mapping store's requests run
 * against a separate DynamoDB client whose HTTP client answers locally ({@link OfflineDynamoDb}), and a second REST
 * client of the Vtiger API makes two calls to a throwaway server on 127.0.0.1 started for the purpose.
 *
 * <p>{@code mvsync.priming.enabled} (default true) registers the CRaC resource; Lambda calls it only when it takes a
 * snapshot, so on-demand starts and tests are unaffected. {@code mvsync.priming.at-startup} (default false) runs the
 * same priming during start-up instead; infra/coldstart uses it to measure what priming moves out of the first request.
 */
@ApplicationScoped
public class SnapStartPriming implements Resource {

    private static final Logger LOG = Logger.getLogger(SnapStartPriming.class);

    private static final String CUSTOMER = "{\"id\":1,\"email\":\"priming@example.invalid\",\"firstname\":\"Priming\","
            + "\"lastname\":\"Request\",\"addresses\":[{\"default_billing\":true,\"company\":\"Priming\","
            + "\"street\":[\"1 Main St\"],\"city\":\"Berlin\",\"country_id\":\"DE\"}]}";

    /** One body per envelope kind the parser accepts (bare REST, Adobe I/O Events, Commerce Webhooks, Mageplaza). */
    private static final List<String> ENVELOPES = List.of(
            CUSTOMER,
            "{\"specversion\":\"1.0\",\"id\":\"priming\",\"source\":\"urn:priming\","
                    + "\"type\":\"com.adobe.commerce.observer.customer_save_commit_after\","
                    + "\"data\":{\"key\":\"priming\",\"value\":" + CUSTOMER + "}}",
            "{\"eventName\":\"observer.customer_save_commit_after\",\"data\":{\"customer\":{\"entity_id\":\"1\","
                    + "\"email\":\"priming@example.invalid\",\"firstname\":\"Priming\",\"lastname\":\"Request\"}}}",
            "{\"event\":\"new_customer\",\"customer_id\":1,\"email\":\"priming@example.invalid\","
                    + "\"firstname\":\"Priming\",\"lastname\":\"Request\"}");

    private final boolean enabled;
    private final boolean atStartup;

    @Inject
    WebhookPipeline pipeline;
    @Inject
    EnvelopeParser parser;
    @Inject
    ObjectMapper json;
    @Inject
    VtigerClient vtiger;
    @Inject
    DynamoDbClient dynamo;
    @Inject
    SyncTable table;
    @Inject
    StoreConfig storeConfig;
    @Inject
    MappingConfig mappingConfig;
    @Inject
    Clock clock;

    public SnapStartPriming(@ConfigProperty(name = "mvsync.priming.enabled", defaultValue = "true") boolean enabled,
            @ConfigProperty(name = "mvsync.priming.at-startup", defaultValue = "false") boolean atStartup) {
        this.enabled = enabled;
        this.atStartup = atStartup;
    }

    void onStart(@Observes StartupEvent event) {
        if (atStartup) {
            prime();
        } else if (enabled) {
            // With the Lambda runtime's -Dorg.crac.Core.Compat this is Lambda's own CRaC implementation; elsewhere a
            // no-op context: beforeCheckpoint runs only when a snapshot is taken.
            Core.getGlobalContext().register(this);
        }
    }

    @Override
    public void beforeCheckpoint(Context<? extends Resource> context) {
        prime();
    }

    @Override
    public void afterRestore(Context<? extends Resource> context) {
        // nothing to refresh: Vtiger sessions and DynamoDB connections are made on first use, after restore
    }

    /**
     * Runs every priming step; a failing step is logged and skipped, priming never fails the snapshot.
     *
     * @return how many steps failed
     */
    public int prime() {
        long started = System.nanoTime();
        int failed = 0;
        failed += step("webhook pipeline (refused request)", this::refusedRequest);
        failed += step("envelope parser", this::envelopes);
        failed += step("Vtiger REST client", () -> vtiger.isConfigured());
        failed += step("REST client round trip (loopback)", this::loopbackRoundTrip);
        failed += step("DynamoDB client", () -> dynamo.serviceClientConfiguration());
        failed += step("DynamoDB requests (offline client)", this::offlineLedger);
        LOG.infof("priming done in %d ms (%d steps failed)", (System.nanoTime() - started) / 1_000_000, failed);
        return failed;
    }

    private void refusedRequest() throws Exception {
        byte[] body = CUSTOMER.getBytes(StandardCharsets.UTF_8);
        // The signature is made with a secret no deployment has, so the pipeline answers 401 before reading or
        // writing anything (and HMAC verification's classes are loaded on the way).
        String signature = HmacSignature.header("mvsync-priming-" + System.nanoTime(), Instant.now().getEpochSecond(),
                body);
        String event = json.writeValueAsString(Map.of(
                "version", "2.0", "routeKey", "POST /webhooks/priming", "rawPath", "/webhooks/priming",
                "headers", Map.of("content-type", "application/json", "x-mvsync-signature", signature),
                "requestContext", Map.of("requestId", "priming", "http", Map.of("method", "POST",
                        "path", "/webhooks/priming", "sourceIp", "127.0.0.1")),
                "body", CUSTOMER, "isBase64Encoded", false));
        HttpApiEvent request = json.readValue(event, HttpApiEvent.class);
        HttpApiResponse response = pipeline.handle(request, EntityType.CUSTOMER.webhooks().get(0).export());
        if (response.statusCode() != 401) {
            LOG.warnf("priming request answered %d, expected 401", response.statusCode());
        }
        json.writeValueAsString(response);
    }

    /** The ledger's claim / lock / commit against a client that answers locally (see {@link OfflineDynamoDb}). */
    private void offlineLedger() {
        Region region = dynamo.serviceClientConfiguration().region();
        try (DynamoDbClient offline = OfflineDynamoDb.client(region != null ? region : Region.US_EAST_1)) {
            SyncLedger ledger = new SyncLedger(offline, table, storeConfig, clock, null);
            String entity = "priming#1";
            ledger.claimEvent("priming:1", entity);
            EntityLink link = ledger.lockEntity(entity);
            ledger.links(List.of(entity));
            ledger.saveRelatedLink(link);
            ledger.commit("priming:1", link, "{}");
            ledger.abandon("priming:2", link, "priming");
            new MappingStore(offline, table, mappingConfig, clock).storedRows(RecordType.LEAD);
        }
    }

    /**
     * One GET and one form POST of the Vtiger API through the REST client (Vert.x HTTP client, RESTEasy Reactive,
     * Jackson) to a throwaway HTTP server on 127.0.0.1 that this method starts and stops: the first real Vtiger call
     * then finds those classes loaded. The client and server are closed before the snapshot.
     */
    private void loopbackRoundTrip() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            byte[] answer = "{\"success\":true,\"result\":{\"token\":\"priming\"}}".getBytes(StandardCharsets.UTF_8);
            exchange.getRequestBody().readAllBytes();
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, answer.length);
            try (var out = exchange.getResponseBody()) {
                out.write(answer);
            }
        });
        server.start();
        VtigerApi api = null;
        try {
            api = QuarkusRestClientBuilder.newBuilder()
                    .baseUri(URI.create("http://127.0.0.1:" + server.getAddress().getPort()))
                    .connectTimeout(2, TimeUnit.SECONDS)
                    .readTimeout(2, TimeUnit.SECONDS)
                    .build(VtigerApi.class);
            try (Response response = api.get("getchallenge", null, "priming", null, null, null)) {
                json.readTree(response.readEntity(String.class));
            }
            MultivaluedMap<String, String> form = new MultivaluedHashMap<>();
            form.add("operation", "login");
            form.add("username", "priming");
            try (Response response = api.post(form)) {
                json.readTree(response.readEntity(String.class));
            }
        } finally {
            if (api instanceof AutoCloseable closeable) {
                closeable.close();
            }
            server.stop(0);
        }
    }

    private void envelopes() {
        for (String body : ENVELOPES) {
            try {
                parser.parse(body.getBytes(StandardCharsets.UTF_8), EntityType.CUSTOMER);
            } catch (InvalidPayloadException e) {
                LOG.debugf("priming envelope refused: %s", e.getMessage());
            }
        }
    }

    @FunctionalInterface
    private interface Step {
        void run() throws Exception;
    }

    private static int step(String name, Step step) {
        try {
            step.run();
            return 0;
        } catch (Exception | LinkageError e) {
            LOG.warnf("priming step '%s' failed (ignored): %s", name, e.toString());
            return 1;
        }
    }
}
