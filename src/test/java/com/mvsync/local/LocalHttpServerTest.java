package com.mvsync.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mvsync.testing.lambda.HttpApiRequests;
import com.mvsync.testing.lambda.Samples;
import com.mvsync.testing.magento.FakeMagentoResource;
import com.mvsync.testing.moto.MotoDynamoDbResource;
import com.mvsync.testing.vtiger.FakeVtigerResource;
import com.mvsync.webhook.auth.HmacSignature;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The local runner speaks plain HTTP with API Gateway's contract: same paths, headers, signature check, answers. */
@QuarkusTest
@TestProfile(LocalHttpServerTest.LocalRun.class)
@QuarkusTestResource(MotoDynamoDbResource.class)
@QuarkusTestResource(FakeVtigerResource.class)
@QuarkusTestResource(FakeMagentoResource.class)
public class LocalHttpServerTest {

    public static class LocalRun implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("mvsync.local.port", "0", "mvsync.local.admin-token", "local-admin-token");
        }
    }

    @Inject
    LocalHttpServer server;

    final HttpClient http = HttpClient.newHttpClient();
    final ObjectMapper json = new ObjectMapper();

    private HttpResponse<String> send(String method, String path, byte[] body, Map<String, String> headers)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(request::header);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aSignedWebhookIsSyncedOverPlainHttp() throws Exception {
        long id = System.nanoTime() % 1_000_000_000L;
        byte[] body = Samples.customer("rest/customer_get_42.json", id, "local" + id + "@example.com")
                .getBytes(StandardCharsets.UTF_8);

        HttpResponse<String> response = send("POST", "/webhooks/customers/created", body, Map.of(
                "X-Mvsync-Signature", HmacSignature.header(HttpApiRequests.HMAC_SECRET,
                        Instant.now().getEpochSecond(), body)));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type")).hasValue("application/json");
        JsonNode answer = json.readTree(response.body());
        assertThat(answer.path("vtiger").path("Contacts").asText()).startsWith("12x");
    }

    @Test
    void anUnsignedWebhookIs401AndAnUnknownRoute404() throws Exception {
        assertThat(send("POST", "/webhooks/customers/created", "{}".getBytes(StandardCharsets.UTF_8), Map.of())
                .statusCode()).isEqualTo(401);
        assertThat(send("POST", "/webhooks/nothing", "{}".getBytes(StandardCharsets.UTF_8), Map.of()).statusCode())
                .isEqualTo(404);
        assertThat(send("GET", "/webhooks/customers/created", null, Map.of()).statusCode()).isEqualTo(404);
    }

    @Test
    void adminRoutesNeedTheBearerToken() throws Exception {
        assertThat(send("GET", "/admin/mappings", null, Map.of()).statusCode()).isEqualTo(401);
        assertThat(send("GET", "/admin/mappings", null, Map.of("Authorization", "Bearer wrong")).statusCode())
                .isEqualTo(401);
        HttpResponse<String> ok = send("GET", "/admin/mappings/Contact/lastname", null,
                Map.of("Authorization", "Bearer local-admin-token"));
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(json.readTree(ok.body()).path("magentoField").asText()).isEqualTo("lastname");
    }

    @Test
    void nonUtf8BytesReachTheFunctionBase64EncodedAndAreRefusedCleanly() throws Exception {
        byte[] latin1 = "{\"id\":1,\"email\":\"m\u00fcller@example.com\"}".getBytes(StandardCharsets.ISO_8859_1);
        HttpResponse<String> response = send("POST", "/webhooks/customers/created", latin1, Map.of(
                "X-Mvsync-Signature", HmacSignature.header(HttpApiRequests.HMAC_SECRET,
                        Instant.now().getEpochSecond(), latin1)));
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("UTF-8");
    }
}
