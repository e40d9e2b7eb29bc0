package com.mvsync.console;

import com.mvsync.http.HttpApiEvent;
import com.mvsync.http.HttpApiResponse;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code GET /console} (a redirect) and {@code GET /console/{file}}: the console's shell, public (it holds no
 * data). Served by the admin function in AWS and, through the same route table, by the local runner.
 */
@ApplicationScoped
public class ConsoleHandler {

    /** A named API Gateway stage may come first. */
    private static final Pattern PATH = Pattern.compile("^(?:/[^/]+)?/console(?:/([^/]*))?$");

    private final ConsoleAssets assets = new ConsoleAssets();
    private final ConsoleSettings settings;

    public ConsoleHandler(ConsoleSettings settings) {
        this.settings = settings;
    }

    /** Whether the request is for the console rather than the admin API. */
    public static boolean serves(HttpApiEvent request) {
        String raw = request.rawPath();
        return raw != null && !raw.contains("/admin") && PATH.matcher(raw).matches();
    }

    public HttpApiResponse handle(String method, HttpApiEvent request) {
        Matcher m = PATH.matcher(request.rawPath());
        m.matches();
        String file = m.group(1) == null || m.group(1).isEmpty() ? "index.html" : m.group(1);
        if (!method.equals("GET") && !method.equals("HEAD")) {
            return ConsoleAssets.response(405, ConsoleAssets.headers("text/plain; charset=utf-8", "no-store", ""),
                    "the console is read with GET");
        }
        if (m.group(1) == null) {
            // Relative module URLs need a file under /console/ (an HTTP API route cannot end in a slash).
            var headers = new java.util.HashMap<>(ConsoleAssets.headers("text/plain; charset=utf-8", "no-store", ""));
            headers.put("location", request.rawPath() + "/index.html");
            return ConsoleAssets.response(302, headers, "see " + request.rawPath() + "/index.html");
        }
        String connect = settings.connectSources();
        if (file.equals("config.json")) {
            return ConsoleAssets.response(200, ConsoleAssets.headers("application/json", "no-store", connect),
                    settings.current().toString());
        }
        Optional<ConsoleAssets.Asset> asset = assets.find(file);
        if (asset.isEmpty()) {
            return ConsoleAssets.response(404, ConsoleAssets.headers("text/plain; charset=utf-8", "no-store", ""),
                    "no console file " + file);
        }
        // No build step, so no content hashes in names: the shell revalidates, the modules are cached briefly.
        String cache = file.endsWith(".html") ? "no-cache" : "public, max-age=300";
        return ConsoleAssets.response(200, ConsoleAssets.headers(asset.get().contentType(), cache, connect),
                asset.get().text());
    }
}
