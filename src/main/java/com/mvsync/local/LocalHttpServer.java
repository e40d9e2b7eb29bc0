package com.mvsync.local;

import com.mvsync.http.Route;
import com.mvsync.functions.Routes;
import com.mvsync.http.ConstantTime;
import com.mvsync.http.HttpApiEvent;
import com.mvsync.http.HttpApiResponse;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
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
    private static final String ADMIN_PREFIX = "/admin/";
    private static final String BEARER = "Bearer ";

    private final Routes routes;
    private final Optional<Integer> port;
    private final Optional<String> adminToken;
    private HttpServer server;

    public LocalHttpServer(Routes routes,
            @ConfigProperty(name = "mvsync.local.port") Optional<Integer> port,
            @ConfigProperty(name = "mvsync.local.admin-token") Optional<String> adminToken) {
        this.routes = routes;
        this.port = port;
        this.adminToken = adminToken;
    }

    void onStart(@Observes StartupEvent event) throws IOException {
        if (port.isEmpty()) {
            return;
        }
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port.get()), 0);
        server.setExecutor(Executors.newFixedThreadPool(8));
        server.createContext("/", this::serve);
        server.start();
        LOG.infof("Local API on http://127.0.0.1:%d", server.getAddress().getPort());
        routes.all().forEach(r -> LOG.infof("  %s -> %s", r.routeKey(), r.export()));
    }

    /** The bound port (useful with {@code mvsync.local.port=0}); -1 when the local server is off. */
    public int port() {
        return server == null ? -1 : server.getAddress().getPort();
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
            Optional<Routes.Match> match = routes.find(method, path);
            HttpApiResponse response;
            if (match.isEmpty()) {
                response = HttpApiResponse.json(404, "{\"message\":\"Not Found\"}");
            } else if (path.startsWith(ADMIN_PREFIX) && (response = adminRefusal(exchange)) != null) {
                LOG.debugf("local admin request %s %s refused", method, path);
            } else {
                byte[] body = readBody(exchange.getRequestBody());
                response = body == null
                        ? HttpApiResponse.json(413, "{\"message\":\"Request Entity Too Large\"}")
                        : match.get().route().function().apply(toEvent(exchange, match.get(), path, body));
            }
            write(exchange, response);
        } catch (RuntimeException e) {
            LOG.error("local request failed", e);
            write(exchange, HttpApiResponse.json(500, "{\"message\":\"Internal Server Error\"}"));
        }
    }

    /**
     * In AWS the admin routes use IAM authorization; locally a bearer token stands in for it. Without a configured
     * token the admin routes stay closed, so a local run never exposes them by accident. Null when allowed.
     */
    private HttpApiResponse adminRefusal(HttpExchange exchange) {
        if (adminToken.isEmpty() || adminToken.get().isBlank()) {
            return HttpApiResponse.json(401, "{\"message\":\"the admin routes are off in the local run:"
                    + " set MVSYNC_LOCAL_ADMIN_TOKEN and send Authorization: Bearer <token>\"}");
        }
        String presented = exchange.getRequestHeaders().getFirst("Authorization");
        if (presented == null || !presented.regionMatches(true, 0, BEARER, 0, BEARER.length())
                || !ConstantTime.secretEquals(presented.substring(BEARER.length()).strip(), adminToken.get())) {
            return new HttpApiResponse(401, Map.of("content-type", "application/json", "www-authenticate", "Bearer"),
                    "{\"message\":\"Unauthorized\"}", false);
        }
        return null;
    }

    private HttpApiEvent toEvent(HttpExchange exchange, Routes.Match match, String path, byte[] body) {
        Route route = match.route();
        // API Gateway HTTP APIs lower-case header names and join repeated headers with commas.
        Map<String, String> headers = new HashMap<>();
        exchange.getRequestHeaders().forEach((name, values) ->
                headers.put(name.toLowerCase(Locale.ROOT), String.join(",", values)));
        String text = utf8OrNull(body);
        String query = exchange.getRequestURI().getRawQuery();
        // rawPath is the request's path, as API Gateway passes it; path parameters arrive decoded.
        Map<String, String> parameters = new HashMap<>();
        match.pathParameters().forEach((name, value) -> parameters.put(name, decode(value)));
        return new HttpApiEvent("2.0", route.routeKey(), path, query == null ? "" : query, headers,
                null, parameters.isEmpty() ? null : parameters,
                new HttpApiEvent.RequestContext(UUID.randomUUID().toString(),
                        new HttpApiEvent.Http(route.method(), path,
                                exchange.getRemoteAddress().getAddress().getHostAddress())),
                text != null ? text : Base64.getEncoder().encodeToString(body), text == null);
    }

    private static String decode(String segment) {
        try {
            return URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return segment;
        }
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
