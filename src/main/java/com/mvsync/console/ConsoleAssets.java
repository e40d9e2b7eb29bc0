package com.mvsync.console;

import com.mvsync.http.HttpApiResponse;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The console's static files, read from {@code console/} on the classpath (they ship in the function zip). Only flat
 * names of known kinds are served, so a path can never reach another resource. The files hold no data and no secret:
 * every datum comes from {@code /admin/*} with a token.
 */
public final class ConsoleAssets {

    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]*\\.(html|js|css|svg)");
    private static final Map<String, String> TYPES = Map.of("html", "text/html; charset=utf-8",
            "js", "text/javascript; charset=utf-8", "css", "text/css; charset=utf-8", "svg", "image/svg+xml");

    /** A file with its content type. */
    public record Asset(String contentType, String text) {
    }

    private final Map<String, Optional<Asset>> cache = new ConcurrentHashMap<>();

    public Optional<Asset> find(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            return Optional.empty();
        }
        return cache.computeIfAbsent(name, ConsoleAssets::load);
    }

    private static Optional<Asset> load(String name) {
        try (InputStream in = ConsoleAssets.class.getClassLoader().getResourceAsStream("console/" + name)) {
            if (in == null) {
                return Optional.empty();
            }
            String type = TYPES.get(name.substring(name.lastIndexOf('.') + 1));
            return Optional.of(new Asset(type, new String(in.readAllBytes(), StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new IllegalStateException("could not read the console file " + name, e);
        }
    }

    /** Headers every console answer carries; {@code connectSrc} adds the origins the page may call besides its own. */
    public static Map<String, String> headers(String contentType, String cacheControl, String connectSrc) {
        String csp = "default-src 'self'; connect-src 'self'" + (connectSrc.isBlank() ? "" : " " + connectSrc)
                + "; img-src 'self' data:; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";
        return Map.of("content-type", contentType, "cache-control", cacheControl,
                "content-security-policy", csp, "x-content-type-options", "nosniff",
                "referrer-policy", "no-referrer", "x-frame-options", "DENY");
    }

    public static HttpApiResponse response(int status, Map<String, String> headers, String body) {
        return new HttpApiResponse(status, headers, body, false);
    }
}
