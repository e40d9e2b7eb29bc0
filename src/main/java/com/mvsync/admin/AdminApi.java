package com.mvsync.admin;

import com.mvsync.settings.InvalidSettingsException;
import com.mvsync.connection.ConnectionStoreException;
import com.mvsync.console.ConsoleHandler;
import com.mvsync.connection.InvalidConnectionException;
import com.mvsync.mapping.InvalidMappingException;
import com.mvsync.mapping.MappingCheckUnavailableException;
import com.mvsync.store.StoreException;
import com.mvsync.http.HttpApiEvent;
import com.mvsync.http.HttpApiResponse;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * The admin API behind one Lambda function: it routes on method and path itself, so that {@code /admin/*} needs one
 * function and one IAM-authorised set of routes. {@link MappingAdmin} serves the field mapping, {@link QueueAdmin}
 * the sync settings, queue, log and backfill, {@link ConnectionApi} the connection settings. Errors are
 * {@code {"error": code, "message": text for the admin}}.
 */
@ApplicationScoped
public class AdminApi {

    private static final Logger LOG = Logger.getLogger(AdminApi.class);

    private final MappingAdmin mappings;
    private final QueueAdmin queue;
    private final ConnectionApi connection;
    private final AdminHttp http;
    private final MappingToolsAdmin tools;
    private final ReportAdmin report;
    private final ConsoleHandler console;
    private final PollAdmin poll;
    private final BudgetAdmin budget;
    private final EntityTypesAdmin entityTypes;

    /** Without the console's routes (tests of the original admin API). */
    public AdminApi(MappingAdmin mappings, QueueAdmin queue, ConnectionApi connection, AdminHttp http) {
        this(mappings, queue, connection, http, null, null, null, null, null, null);
    }

    /** Without the poll's and the budget's routes (tests of the console's routes). */
    public AdminApi(MappingAdmin mappings, QueueAdmin queue, ConnectionApi connection, AdminHttp http,
            MappingToolsAdmin tools, ReportAdmin report, ConsoleHandler console) {
        this(mappings, queue, connection, http, tools, report, console, null, null, null);
    }

    /** Without the entity-type registry's route (tests of the poll's routes). */
    public AdminApi(MappingAdmin mappings, QueueAdmin queue, ConnectionApi connection, AdminHttp http,
            MappingToolsAdmin tools, ReportAdmin report, ConsoleHandler console, PollAdmin poll,
            BudgetAdmin budget) {
        this(mappings, queue, connection, http, tools, report, console, poll, budget, null);
    }

    @Inject
    public AdminApi(MappingAdmin mappings, QueueAdmin queue, ConnectionApi connection, AdminHttp http,
            MappingToolsAdmin tools, ReportAdmin report, ConsoleHandler console, PollAdmin poll,
            BudgetAdmin budget, EntityTypesAdmin entityTypes) {
        this.entityTypes = entityTypes;
        this.poll = poll;
        this.budget = budget;
        this.mappings = mappings;
        this.queue = queue;
        this.connection = connection;
        this.http = http;
        this.tools = tools;
        this.report = report;
        this.console = console;
    }

    public HttpApiResponse handle(HttpApiEvent request) {
        HttpApiResponse answer = answer(request);
        // the console's files have caching headers of their own
        return console != null && ConsoleHandler.serves(request) ? answer : AdminHttp.apiHeaders(answer);
    }

    /** Every admin API answer, errors included (one place, so no handler can forget the headers). */
    private HttpApiResponse answer(HttpApiEvent request) {
        String method = AdminHttp.method(request);
        String path = AdminHttp.path(request);
        try {
            if (console != null && ConsoleHandler.serves(request)) {
                return console.handle(method, request);
            }
            return route(method, path, request);
        } catch (AdminError e) {
            return http.error(e.status, e.code, e.getMessage(), e.allow);
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

    private HttpApiResponse route(String method, String path, HttpApiEvent request) {
        List<String> segments = AdminHttp.segments(path);
        String resource = segments.size() >= 2 ? segments.get(1) : "";
        if (entityTypes != null && EntityTypesAdmin.ENTITY_TYPES.equals(path)) {
            // the registry is read-only: the console builds its menus from it
            if (!"GET".equals(method)) {
                throw AdminError.methodNotAllowed(method, path, "GET");
            }
            return entityTypes.list();
        }
        // The console's additions first: each answers null for a path it does not serve.
        HttpApiResponse extra = segments.size() >= 2 && tools != null ? tools.handle(method, segments, request) : null;
        if (extra == null && segments.size() >= 2 && report != null) {
            extra = report.handle(method, segments, request);
        }
        if (extra == null && segments.size() >= 2 && poll != null) {
            extra = poll.handle(method, segments, request);
        }
        if (extra == null && segments.size() >= 2 && budget != null) {
            extra = budget.handle(method, segments);
        }
        if (extra != null) {
            return extra;
        }
        HttpApiResponse response = switch (resource) {
            case "connection" -> connection.handle(method, segments, request);
            case "mappings" -> mappings.handle(method, segments, request);
            default -> queue.handle(method, segments, request);
        };
        if (response == null) {
            throw AdminError.notFound("no admin route " + method + " " + path + "; the admin API serves "
                    + MappingAdmin.MAPPINGS + ", " + QueueAdmin.SETTINGS + ", " + QueueAdmin.QUEUE + ", "
                    + QueueAdmin.LOG_PATH + ", " + QueueAdmin.BACKFILL + ", " + BudgetAdmin.BUDGET + " and " + ConnectionApi.CONNECTION);
        }
        return response;
    }
}
