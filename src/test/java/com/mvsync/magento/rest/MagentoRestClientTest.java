package com.mvsync.magento.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.mvsync.magento.EntityType;
import com.mvsync.magento.rest.MagentoRestClient.Page;
import com.mvsync.magento.rest.MagentoRestConfig.AuthMode;
import com.mvsync.magento.rest.OAuth1Signer.SignatureMethod;
import com.mvsync.testing.magento.FakeMagentoServer;
import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class MagentoRestClientTest {

    private static final String TOKEN = "bearer-token-abc123";
    private static final String CONSUMER_KEY = "ck-1a2b3c";
    private static final String CONSUMER_SECRET = "consumer-secret-4d5e6f";
    private static final String OAUTH_TOKEN = "tok-7a8b9c";
    private static final String TOKEN_SECRET = "token-secret-0d1e2f";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static FakeMagentoServer magento;
    private final List<MagentoRestClient> clients = new ArrayList<>();

    /** The config mapping, implemented for plain tests. */
    record TestConfig(Optional<String> baseUrl, Optional<String> storeCode, Optional<String> accessToken,
            AuthMode authMode, Optional<String> consumerKey, Optional<String> consumerSecret, Optional<String> token,
            Optional<String> tokenSecret, SignatureMethod signatureMethod, Duration connectTimeout,
            Duration readTimeout, int pageSize) implements MagentoRestConfig {

        @Override
        public Optional<String> adminUrl() {
            return Optional.empty(); // the console's link only
        }

        static TestConfig bearer(String baseUrl, String token) {
            return new TestConfig(Optional.of(baseUrl), Optional.empty(), Optional.ofNullable(token), AuthMode.BEARER,
                    Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), SignatureMethod.HMAC_SHA256,
                    Duration.ofSeconds(2), Duration.ofSeconds(5), 100);
        }

        static TestConfig oauth(String baseUrl, String consumerSecret, SignatureMethod method) {
            return new TestConfig(Optional.of(baseUrl), Optional.of("default"), Optional.empty(), AuthMode.OAUTH1,
                    Optional.of(CONSUMER_KEY), Optional.of(consumerSecret), Optional.of(OAUTH_TOKEN),
                    Optional.of(TOKEN_SECRET), method, Duration.ofSeconds(2), Duration.ofSeconds(5), 100);
        }

        @Override
        public Duration attributeTtl() {
            return Duration.ofMinutes(15);
        }

        TestConfig withReadTimeout(Duration timeout) {
            return new TestConfig(baseUrl, storeCode, accessToken, authMode, consumerKey, consumerSecret, token,
                    tokenSecret, signatureMethod, connectTimeout, timeout, pageSize);
        }
    }

    @BeforeAll
    static void startMagento() {
        magento = FakeMagentoServer.start(250, 5, 5, 5).acceptBearer(TOKEN)
                .acceptOAuth(CONSUMER_KEY, CONSUMER_SECRET, OAUTH_TOKEN, TOKEN_SECRET);
        magento.addProduct("MB TRAVEL/01+ü");
    }

    @AfterAll
    static void stopMagento() {
        magento.close();
    }

    @BeforeEach
    void resetCounts() {
        magento.reset();
    }

    @org.junit.jupiter.api.AfterEach
    void closeClients() {
        clients.forEach(MagentoRestClient::close);
    }

    private MagentoRestClient client(MagentoRestConfig config) {
        MagentoRestClient client = new MagentoRestClient(config, MAPPER);
        clients.add(client);
        return client;
    }

    private MagentoRestClient bearer() {
        return client(TestConfig.bearer(magento.baseUrl(), TOKEN));
    }

    private MagentoRestClient oauth(SignatureMethod method) {
        return client(TestConfig.oauth(magento.baseUrl() + "/rest/", CONSUMER_SECRET, method));
    }

    // ---- entities ---------------------------------------------------------------------------------------------

    @Test
    void fetchesEachEntityTypeWithBearerToken() {
        MagentoRestClient client = bearer();
        assertThat(client.isConfigured()).isTrue();

        assertThat(client.read(EntityType.CUSTOMER, "7").path("email").asText()).isEqualTo("customer7@example.com");
        assertThat(client.read(EntityType.ORDER, "3").path("increment_id").asText()).isEqualTo("000000003");
        assertThat(client.read(EntityType.INVOICE, "2").path("order_id").asInt()).isEqualTo(2);
        assertThat(client.read(EntityType.PRODUCT, "MB-TRAVEL-05").path("id").asInt()).isEqualTo(5);

        assertThat(magento.requests()).allSatisfy(r -> {
            assertThat(r.store()).isEqualTo("all");
            assertThat(r.authScheme()).isEqualTo("Bearer");
        });
        assertThat(magento.requestCount("/V1/customers/7")).isEqualTo(1);
    }

    @ParameterizedTest
    @EnumSource(SignatureMethod.class)
    void fetchesEachEntityTypeWithOAuthSignatures(SignatureMethod method) {
        MagentoRestClient client = oauth(method);

        assertThat(client.read(EntityType.CUSTOMER, "250").path("id").asInt()).isEqualTo(250);
        assertThat(client.read(EntityType.ORDER, "5").path("entity_id").asInt()).isEqualTo(5);
        assertThat(client.read(EntityType.INVOICE, "1").path("increment_id").asText()).isEqualTo("000000001");
        assertThat(client.read(EntityType.PRODUCT, "MB TRAVEL/01+ü").path("sku").asText()).isEqualTo("MB TRAVEL/01+ü");

        assertThat(magento.requests()).allSatisfy(r -> {
            assertThat(r.store()).isEqualTo("default");
            assertThat(r.authScheme()).isEqualTo("OAuth");
        });
        assertThat(magento.requests().get(3).rawUri()).endsWith("/V1/products/MB%20TRAVEL%2F01%2B%C3%BC");
    }

    // ---- paging -----------------------------------------------------------------------------------------------

    @Test
    void pagesThrough250CustomersInThreeRequestsWithSignedSearchCriteria() {
        MagentoRestClient client = oauth(SignatureMethod.HMAC_SHA256);
        List<Page> pages = new ArrayList<>();

        client.forEachPage(EntityType.CUSTOMER, pages::add);

        assertThat(pages).extracting(p -> p.items().size()).containsExactly(100, 100, 50);
        assertThat(pages).allSatisfy(p -> assertThat(p.totalCount()).isEqualTo(250));
        assertThat(pages.stream().flatMap(p -> p.items().stream()).map(c -> c.path("id").asInt()))
                .containsExactlyElementsOf(java.util.stream.IntStream.rangeClosed(1, 250).boxed().toList());
        assertThat(magento.requestCount("/V1/customers/search")).isEqualTo(3);
        assertThat(magento.requests().get(0).rawUri()).contains("searchCriteria%5BcurrentPage%5D=1",
                "searchCriteria%5BpageSize%5D=100", "searchCriteria%5BsortOrders%5D%5B0%5D%5Bfield%5D=entity_id",
                "searchCriteria%5BsortOrders%5D%5B0%5D%5Bdirection%5D=ASC");
    }

    @Test
    void aPageBeyondTheLastRepeatsTheLastPageSoOnlyTotalCountEndsPaging() {
        MagentoRestClient client = bearer();

        Page third = client.search(EntityType.CUSTOMER, 3, 100);
        Page fourth = client.search(EntityType.CUSTOMER, 4, 100);

        assertThat(third.hasMore()).isFalse();
        assertThat(fourth.items()).extracting(c -> c.path("id").asInt())
                .containsExactlyElementsOf(third.items().stream().map(c -> c.path("id").asInt()).toList());
        assertThat(fourth.hasMore()).isFalse();
    }

    @ParameterizedTest
    @EnumSource(FakeMagentoServer.PastLastPage.class)
    void pagingStopsAtTotalCountWhateverMagentoAnswersPastTheEnd(FakeMagentoServer.PastLastPage mode) {
        magento.pastLastPage(mode);
        MagentoRestClient client = bearer();
        List<Integer> ids = new ArrayList<>();

        client.forEachPage(EntityType.CUSTOMER, p -> p.items().forEach(c -> ids.add(c.path("id").asInt())));

        assertThat(ids).hasSize(250).doesNotHaveDuplicates();
        assertThat(magento.requestCount("/V1/customers/search")).isEqualTo(3);
        int pastEnd = client.search(EntityType.CUSTOMER, 9, 100).items().size();
        assertThat(pastEnd).isEqualTo(mode == FakeMagentoServer.PastLastPage.LAST_PAGE ? 50
                : mode == FakeMagentoServer.PastLastPage.FIRST_PAGE ? 100 : 0);
    }

    @ParameterizedTest
    @EnumSource(EntityType.class)
    void searchesEveryEntityType(EntityType type) {
        for (int id = 1; id <= 3; id++) {
            // The double generates customers, products, orders and invoices; these two are served when put.
            ObjectNode entity = JsonNodeFactory.instance.objectNode().put("entity_id", id).put("order_id", id).put("updated_at", "2026-12-01 10:00:0" + id);
            if (type == EntityType.CREDITMEMO) {
                magento.putCreditMemo(entity);
            } else if (type == EntityType.SHIPMENT) {
                magento.putShipment(entity);
            }
        }
        Page page = bearer().search(type, 1, 2);

        assertThat(page.items()).hasSize(2);
        assertThat(page.hasMore()).isTrue();
        assertThat(magento.requests().get(0).path())
                .isEqualTo("/V1/" + type.searchPath());
    }

    // ---- errors -----------------------------------------------------------------------------------------------

    @Test
    void badBearerTokenIsATypedNonRetryable401() {
        MagentoRestClient client = client(TestConfig.bearer(magento.baseUrl(), "wrong-token-zzz"));

        assertThatThrownBy(() -> client.read(EntityType.CUSTOMER, "1")).isInstanceOfSatisfying(MagentoRestException.class, e -> {
            assertThat(e.code()).isEqualTo(MagentoRestException.UNAUTHORIZED);
            assertThat(e.httpStatus()).isEqualTo(401);
            assertThat(e.retryable()).isFalse();
            assertThat(e.getMessage()).contains("The consumer isn't authorized to access Magento_Customer::customer.")
                    .contains("check the integration credentials").doesNotContain("wrong-token-zzz");
        });
    }

    @Test
    void badOAuthSecretIsATypedNonRetryable401() {
        MagentoRestClient client = client(
                TestConfig.oauth(magento.baseUrl(), "not-the-secret-999", SignatureMethod.HMAC_SHA256));

        assertThatThrownBy(() -> client.read(EntityType.ORDER, "1")).isInstanceOfSatisfying(MagentoRestException.class, e -> {
            assertThat(e.code()).isEqualTo(MagentoRestException.UNAUTHORIZED);
            assertThat(e.httpStatus()).isEqualTo(401);
            assertThat(e.retryable()).isFalse();
            assertThat(e.getMessage()).contains(FakeMagentoServer.BAD_SIGNATURE)
                    .doesNotContain("not-the-secret-999", TOKEN_SECRET);
        });
    }

    @Test
    void missingEntityIsNotFoundWithMagentoParametersSubstituted() {
        MagentoRestClient client = bearer();

        assertThatThrownBy(() -> client.read(EntityType.CUSTOMER, "9999")).isInstanceOfSatisfying(MagentoRestException.class, e -> {
            assertThat(e.code()).isEqualTo(MagentoRestException.NOT_FOUND);
            assertThat(e.httpStatus()).isEqualTo(404);
            assertThat(e.retryable()).isFalse();
            assertThat(e.getMessage()).contains("No such entity with customerId = 9999");
        });
        assertThatThrownBy(() -> client.read(EntityType.PRODUCT, "NO-SUCH-SKU"))
                .isInstanceOfSatisfying(MagentoRestException.class,
                        e -> assertThat(e.code()).isEqualTo(MagentoRestException.NOT_FOUND));
    }

    @Test
    void createsACustomerWithMagentosShapeAndASecondOfTheSameEmailIsRefusedWith400() throws Exception {
        MagentoRestClient client = bearer();
        ObjectNode customer = (ObjectNode) MAPPER.readTree("{\"email\":\"new.contact@example.com\",\"firstname\":"
                + "\"Nora\",\"lastname\":\"New\",\"website_id\":1,\"store_id\":1,\"addresses\":[{\"firstname\":\"Nora\","
                + "\"lastname\":\"New\",\"street\":[\"1 Main St\"],\"city\":\"Berlin\",\"postcode\":\"10115\","
                + "\"country_id\":\"DE\",\"telephone\":\"+49 30 1\",\"default_billing\":true}]}");

        ObjectNode saved = client.createCustomer(customer);
        String id = saved.path("id").asText();
        try {
            createdAndRefusedAgain(client, customer, saved, id);
        } finally {
            magento.remove("customers", id); // the other tests page through the 250 customers the server starts with
        }
    }

    private void createdAndRefusedAgain(MagentoRestClient client, ObjectNode customer, ObjectNode saved, String id) {
        assertThat(id).isNotBlank();
        assertThat(saved.path("default_billing").asText()).isEqualTo(saved.path("addresses").get(0).path("id").asText());
        assertThat(client.read(EntityType.CUSTOMER, id).path("email").asText()).isEqualTo("new.contact@example.com");
        assertThat(magento.writes()).singleElement().satisfies(w -> {
            assertThat(w.method()).isEqualTo("POST");
            assertThat(w.path()).isEqualTo("/V1/customers");
            assertThat(w.body().path("customer").path("firstname").asText()).isEqualTo("Nora");
        });

        assertThatThrownBy(() -> client.createCustomer(customer.deepCopy().put("email", "NEW.contact@example.com")))
                .isInstanceOfSatisfying(MagentoRestException.class, e -> {
                    assertThat(e.httpStatus()).isEqualTo(400);
                    assertThat(e.retryable()).isFalse();
                    assertThat(e.getMessage()).contains(FakeMagentoServer.DUPLICATE_EMAIL);
                });
        assertThat(magento.writes()).as("the refused one is not recorded").hasSize(1);
        assertThat(magento.requestCount("/V1/customers")).isEqualTo(2);
    }

    @Test
    void customersAreFoundByEmailWithoutCaseAndOfOneWebsiteWhenAsked() throws Exception {
        MagentoRestClient client = bearer();
        ObjectNode saved = client.createCustomer((ObjectNode) MAPPER.readTree("{\"email\":\"Found.Me@example.com\","
                + "\"firstname\":\"Fay\",\"lastname\":\"Found\",\"website_id\":1,\"store_id\":1}"));
        String id = saved.path("id").asText();
        try {
            assertThat(client.customersByEmail("found.me@EXAMPLE.com", null)).extracting(c -> c.path("id").asText())
                    .containsExactly(id);
            assertThat(client.customersByEmail("found.me@example.com", 1)).hasSize(1);
            assertThat(client.customersByEmail("found.me@example.com", 2)).as("another website's").isEmpty();
            assertThat(client.customersByEmail("nobody@example.com", null)).isEmpty();
            assertThat(magento.requests().stream().filter(r -> r.path().equals("/V1/customers/search")))
                    .allSatisfy(r -> assertThat(r.rawUri()).contains(
                            "searchCriteria%5Bfilter_groups%5D%5B0%5D%5Bfilters%5D%5B0%5D%5Bfield%5D=email"));
        } finally {
            magento.remove("customers", id);
        }
    }

    @Test
    void wrongBaseUrlIsNoRouteNotNotFound() {
        MagentoRestClient client = client(TestConfig.bearer(magento.baseUrl() + "/shop", TOKEN));

        assertThatThrownBy(() -> client.read(EntityType.CUSTOMER, "1")).isInstanceOfSatisfying(MagentoRestException.class, e -> {
            assertThat(e.code()).isEqualTo(MagentoRestException.NO_ROUTE);
            assertThat(e.retryable()).isFalse();
            assertThat(e.getMessage()).contains("base-url");
        });
    }

    @Test
    void serverErrorsAndRateLimitsAreRetryableAndTheNextCallSucceeds() {
        MagentoRestClient client = bearer();
        magento.failNext(1, 500).failNext(1, 503).failNext(1, 429);

        assertRetryable(() -> client.read(EntityType.CUSTOMER, "1"), MagentoRestException.SERVER_ERROR, 500,
                e -> assertThat(e.getMessage()).contains("Internal Error"));
        assertRetryable(() -> client.read(EntityType.CUSTOMER, "1"), MagentoRestException.SERVER_ERROR, 503, e -> {
        });
        assertRetryable(() -> client.read(EntityType.CUSTOMER, "1"), MagentoRestException.RATE_LIMITED, 429, e -> {
        });
        assertThat(client.read(EntityType.CUSTOMER, "1").path("id").asInt()).isEqualTo(1);
        assertThat(magento.requestCount("/V1/customers/1")).isEqualTo(4);
    }

    @Test
    void slowAnswerIsARetryableTimeout() {
        MagentoRestClient client = client(TestConfig.bearer(magento.baseUrl(), TOKEN)
                .withReadTimeout(Duration.ofMillis(300)));
        magento.delayNext(1, Duration.ofMillis(4000));

        long start = System.nanoTime();
        assertRetryable(() -> client.read(EntityType.INVOICE, "1"), MagentoRestException.TIMEOUT, 0, e -> {
        });
        // Well under the 4 s answer: the read timeout ended the wait (a loaded machine adds a second or more).
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(3000));
    }

    @Test
    void refusedConnectionIsRetryable() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        MagentoRestClient client = client(TestConfig.bearer("http://127.0.0.1:" + port, TOKEN));

        assertRetryable(() -> client.read(EntityType.CUSTOMER, "1"), MagentoRestException.CONNECTION_FAILED, 0, e -> {
        });
    }

    @Test
    void htmlAnswerMeansTheBaseUrlIsWrong() throws Exception {
        HttpServer html = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        html.createContext("/", exchange -> {
            byte[] body = "<html><body>Welcome to our shop</body></html>".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/html");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        html.start();
        try {
            MagentoRestClient client = client(TestConfig.bearer("http://127.0.0.1:" + html.getAddress().getPort(),
                    TOKEN));
            assertThatThrownBy(() -> client.read(EntityType.CUSTOMER, "1")).isInstanceOfSatisfying(MagentoRestException.class, e -> {
                assertThat(e.code()).isEqualTo(MagentoRestException.INVALID_RESPONSE);
                assertThat(e.retryable()).isFalse();
                assertThat(e.getMessage()).contains("base-url");
            });
        } finally {
            html.stop(0);
        }
    }

    @Test
    void missingCredentialsAreReportedByKeyName() {
        MagentoRestClient noToken = client(TestConfig.bearer(magento.baseUrl(), null));
        MagentoRestClient noOAuth = client(new TestConfig(Optional.of(magento.baseUrl()), Optional.empty(),
                Optional.empty(), AuthMode.OAUTH1, Optional.of("ck"), Optional.empty(), Optional.of("t"),
                Optional.empty(), SignatureMethod.HMAC_SHA256, Duration.ofSeconds(1), Duration.ofSeconds(1), 100));

        assertThat(noToken.isConfigured()).isFalse();
        assertThat(noOAuth.isConfigured()).isFalse();
        assertThatThrownBy(() -> noOAuth.read(EntityType.CUSTOMER, "1")).isInstanceOfSatisfying(MagentoRestException.class, e -> {
            assertThat(e.code()).isEqualTo(MagentoRestException.NOT_CONFIGURED);
            assertThat(e.getMessage()).contains("consumer-secret", "token-secret").doesNotContain("consumer-key");
        });
        assertThat(magento.totalRequests()).isZero();
    }

    @Test
    void configKeysBindWithDefaults() {
        MagentoRestConfig config = new io.smallrye.config.SmallRyeConfigBuilder()
                .withMapping(MagentoRestConfig.class)
                // Quarkus registers this converter for "5s"-style durations; plain SmallRye only knows ISO-8601.
                .withConverter(Duration.class, 200, new io.quarkus.runtime.configuration.DurationConverter())
                .withSources(new io.smallrye.config.PropertiesConfigSource(java.util.Map.of(
                        "mvsync.magento.base-url", "https://shop.example.com",
                        "mvsync.magento.auth-mode", "oauth1",
                        "mvsync.magento.consumer-key", "ck", "mvsync.magento.consumer-secret", "cs",
                        "mvsync.magento.token", "t", "mvsync.magento.token-secret", "ts"), "test", 500))
                .build().getConfigMapping(MagentoRestConfig.class);

        assertThat(config.authMode()).isEqualTo(AuthMode.OAUTH1);
        assertThat(config.signatureMethod()).isEqualTo(SignatureMethod.HMAC_SHA256);
        assertThat(config.pageSize()).isEqualTo(100);
        assertThat(config.storeCode()).isEmpty();
        assertThat(config.readTimeout()).isEqualTo(Duration.ofSeconds(12));
        assertThat(client(config).isConfigured()).isTrue();
    }

    // ---- helpers under test -----------------------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = { "https://shop.example.com", "https://shop.example.com/", "https://shop.example.com/rest",
            "https://shop.example.com/rest/", " https://shop.example.com/REST/V1/ " })
    void acceptsWhatAdminsPaste(String url) {
        assertThat(MagentoRestClient.restBaseUri(url, null)).hasToString("https://shop.example.com/rest/all");
    }

    @Test
    void keepsSubPathPortAndStoreCode() {
        assertThat(MagentoRestClient.restBaseUri("http://host:8080/magento/rest", "en_us"))
                .hasToString("http://host:8080/magento/rest/en_us");
        assertThatThrownBy(() -> MagentoRestClient.restBaseUri("shop.example.com", null))
                .hasMessageContaining("http(s) URL");
    }

    @Test
    void substitutesPositionalAndNamedParameters() throws Exception {
        assertThat(MagentoRestClient.errorMessage(MAPPER.readTree(
                "{\"message\":\"%1 of %10 for %2\",\"parameters\":[\"a\",\"b\",3,4,5,6,7,8,9,\"ten\"]}")))
                .isEqualTo("a of ten for b");
        assertThat(MagentoRestClient.errorMessage(MAPPER.readTree(
                "{\"message\":\"No such entity with %fieldName = %fieldValue\","
                        + "\"parameters\":{\"fieldName\":\"email\",\"fieldValue\":\"x@example.com\"}}")))
                .isEqualTo("No such entity with email = x@example.com");
    }

    private static void assertRetryable(Runnable call, String code, int status, Consumer<MagentoRestException> more) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(MagentoRestException.class, e -> {
            assertThat(e.code()).isEqualTo(code);
            assertThat(e.httpStatus()).isEqualTo(status);
            assertThat(e.retryable()).isTrue();
            more.accept(e);
        });
    }
}
