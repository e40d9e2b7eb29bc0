package com.mvsync.admin;

import com.mvsync.settings.InvalidSettingsException;
import com.mvsync.connection.ConnectionStoreException;
import com.mvsync.console.ConsoleHandler;
import com.mvsync.connection.InvalidConnectionException;
import com.mvsync.mapping.InvalidMappingException;
import com.mvsync.mapping.MappingCheckUnavailableException;
import com.mvsync.store.PageCursor;
import com.mvsync.store.StoreException;
import com.mvsync.http.HttpApiEvent;
import com.mvsync.http.HttpApiResponse;
import com.mvsync.text.Text;
import jakarta.enterprise.context.ApplicationScoped;
import io.quarkus.arc.All;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * The admin API behind one Lambda function: it routes on method and path itself, so that {@code /admin/*} needs one
 * function and one IAM-authorised set of routes. Each {@link AdminResource} ({@link MappingAdmin},
 * {@link SettingsAdmin}, {@link QueueAdmin}, {@link ConnectionApi}, ...) contributes its rows of one route table; a
 * path the table has under other methods is a 405 naming them, any other a 404. Errors are
 * {@code {"error": code, "message": text for the admin}}.
 */
@ApplicationScoped
public class AdminApi {

    private static final Logger LOG = Logger.getLogger(AdminApi.class);

    private final AdminHttp http;
    private final ConsoleHandler console;
    private final List<AdminRoute> routes;

    public AdminApi(AdminHttp http, ConsoleHandler console, @All List<AdminResource> resources) {
        this.http = http;
        this.console = console;
        this.routes = resources.stream().flatMap(r -> r.routes().stream()).toList();
        Set<String> seen = new HashSet<>();
        for (String key : routeKeys()) {
            if (!seen.add(key)) {
                throw new IllegalStateException("two admin routes for " + key);
            }
        }
    }

    /** The table as {@code "GET /admin/settings"} keys (a test keeps them in step with template.yaml's routes). */
    public List<String> routeKeys() {
        return routes.stream().map(r -> r.method() + " " + r.pattern().path()).toList();
    }

    public HttpApiResponse handle(HttpApiEvent request) {
        HttpApiResponse answer = answer(request);
        // the console's files have caching headers of their own
        return ConsoleHandler.serves(request) ? answer : AdminHttp.apiHeaders(answer);
    }

    /** Every admin API answer, errors included (one place, so no handler can forget the headers). */
    private HttpApiResponse answer(HttpApiEvent request) {
        String method = AdminHttp.method(request);
        String path = AdminHttp.path(request);
        try {
            if (ConsoleHandler.serves(request)) {
                return console.handle(method, request);
            }
            return route(method, path, request);
        } catch (AdminError e) {
            return http.error(e.status, e.code, e.getMessage(), e.allow);
        } catch (PageCursor.InvalidCursorException e) {
            return http.error(400, "invalid_cursor", e.getMessage(), null);
        } catch (InvalidMappingException e) {
            return http.error(400, "invalid_mapping", e.getMessage(), null);
        } catch (InvalidSettingsException e) {
            return http.error(400, "invalid_settings", e.getMessage(), null);
        } catch (InvalidConnectionException e) {
            return http.error(400, "invalid_connection", e.getMessage(), null);
        } catch (ConnectionStoreException e) {
            LOG.errorf(e, "admin %s %s [%s]: %s", method, path, request.requestId(), e.getMessage());
            return http.error(503, "settings_unavailable", "the connection settings could not be read or saved (SSM"
                    + " Parameter Store); nothing was changed if this was a change, try again", null);
        } catch (MappingCheckUnavailableException e) {
            LOG.warnf("admin %s %s [%s]: %s", method, path, request.requestId(), e.getMessage());
            return http.error(503, "vtiger_unavailable", e.getMessage(), null);
        } catch (StoreException e) {
            LOG.errorf(e, "admin %s %s [%s]: %s", method, path, request.requestId(), e.getMessage());
            return http.error(503, "store_unavailable", "the sync state could not be read or saved (DynamoDB); try again",
                    null);
        } catch (RuntimeException e) {
            LOG.errorf(e, "admin %s %s [%s] failed", method, path, request.requestId());
            return http.error(500, "internal_error", "the request failed; see the function's log", null);
        }
    }

    /** The route of the method on the first pattern that matches; else 405 when another method has it, else 404. */
    private HttpApiResponse route(String method, String path, HttpApiEvent request) {
        List<String> segments = AdminHttp.segments(path);
        String matched = null;
        List<String> allowed = new ArrayList<>();
        for (AdminRoute route : routes) {
            Optional<Map<String, String>> parameters = route.pattern().match(segments);
            if (parameters.isEmpty()) {
                continue;
            }
            if (route.method().equals(method)) {
                return route.handler().handle(request, parameters.get());
            }
            if (matched == null || matched.equals(route.pattern().path())) {
                matched = route.pattern().path();
                allowed.add(route.method());
            }
        }
        if (matched != null) {
            throw AdminError.methodNotAllowed(method, matched, String.join(", ", allowed));
        }
        throw AdminError.notFound("no admin route " + method + " " + path + "; the admin API serves "
                + Text.joinAnd(resources()));
    }

    /** {@code /admin/mappings}, {@code /admin/settings}, ...: the first two segments of every pattern, sorted. */
    private List<String> resources() {
        return routes.stream().map(r -> r.pattern().path().split("/", 4)).map(p -> "/" + p[1] + "/" + p[2])
                .distinct().sorted().toList();
    }
}
