package com.mvsync.local;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.mvsync.functions.Route;
import com.mvsync.functions.Routes;
import com.mvsync.webhook.HttpApiEvent;
import com.mvsync.webhook.HttpApiResponse;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Serves the HttpApi routes on localhost with API Gateway's contract (payload 2.0 events in, responses out), the way
 * {@code sam local start-api} would, without Docker. Funqy's JVM mode does not poll a Lambda runtime, so this small
 * adapter is what makes the packaged application usable locally. Off unless {@code mvsync.local.port} is set.
 */
@ApplicationScoped
public class LocalHttpServer {

    private static final Logger LOG = Logger.getLogger(LocalHttpServer.class);
    private static final int MAX_BODY = 4 * 1024 * 1024;

    private final Routes routes;
    private final ObjectMapper json;
    private final Optional<Integer> port;
    private HttpServer server;

    public LocalHttpServer(Routes routes, ObjectMapper json,
            @ConfigProperty(name = "mvsync.local.port") Optional<Integer> port) {
        this.routes = routes;
        this.json = json;
        this.port = port;
    }

    void onStart(@Observes StartupEvent event) throws IOException {
        if (port.isEmpty()) {
            return;
        }
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", port.get()), 0);
        server.setExecutor(Executors.newFixedThreadPool(8));
        server.createContext("/", this::serve);
        server.start();
        LOG.infof("Local API on http://127.0.0.1:%d", server.getAddress().getPort());
        routes.all().forEach(r -> LOG.infof("  %s -> %s", r.routeKey(), r.export()));
    }

    void onStop(@Observes ShutdownEvent event) {
        if (server != null) {
            server.stop(0);
        }
    }

    private void serve(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod();
            String path = exchange.getRequestURI().getPath();
            Optional<Route> route = routes.find(method, path);
            HttpApiResponse response;
            if (route.isEmpty()) {
                response = HttpApiResponse.json(404, "{\"message\":\"Not Found\"}");
            } else {
                byte[] body = readBody(exchange.getRequestBody());
                response = body == null
                        ? HttpApiResponse.json(413, "{\"message\":\"Request Entity Too Large\"}")
                        : route.get().function().apply(toEvent(exchange, route.get(), body));
            }
            write(exchange, response);
        } catch (RuntimeException e) {
            LOG.error("local request failed", e);
            write(exchange, HttpApiResponse.json(500, "{\"message\":\"Internal Server Error\"}"));
        }
    }

    private HttpApiEvent toEvent(HttpExchange exchange, Route route, byte[] body) {
        // API Gateway HTTP APIs lower-case header names and join repeated headers with commas.
        Map<String, String> headers = new HashMap<>();
        exchange.getRequestHeaders().forEach((name, values) ->
                headers.put(name.toLowerCase(Locale.ROOT), String.join(",", values)));
        String text = utf8OrNull(body);
        String query = exchange.getRequestURI().getRawQuery();
        return new HttpApiEvent("2.0", route.routeKey(), route.path(), query == null ? "" : query, headers,
                null, null,
                new HttpApiEvent.RequestContext(UUID.randomUUID().toString(),
                        new HttpApiEvent.Http(route.method(), route.path(),
                                exchange.getRemoteAddress().getAddress().getHostAddress())),
                text != null ? text : Base64.getEncoder().encodeToString(body), text == null);
    }

    private static byte[] readBody(InputStream in) throws IOException {
        byte[] body = in.readNBytes(MAX_BODY + 1);
        return body.length > MAX_BODY ? null : body;
    }

    private static String utf8OrNull(byte[] body) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(body)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    private void write(HttpExchange exchange, HttpApiResponse response) throws IOException {
        byte[] bytes = response.body() == null ? new byte[0]
                : response.base64Encoded() ? Base64.getDecoder().decode(response.body())
                : response.body().getBytes(StandardCharsets.UTF_8);
        if (response.headers() != null) {
            response.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
        }
        exchange.sendResponseHeaders(response.statusCode(), bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }
}
