package com.mvsync.admin;

import com.mvsync.backfill.Backfill;
import com.mvsync.http.HttpApiEvent;
import com.mvsync.http.HttpApiResponse;
import com.mvsync.magento.EntityType;
import com.mvsync.magento.rest.MagentoRestException;
import com.mvsync.queue.QueueStatus;
import com.mvsync.queue.QueueStore;
import com.mvsync.queue.QueuedEvent;
import com.mvsync.store.LogEntry;
import com.mvsync.store.Page;
import com.mvsync.store.SyncLog;
import com.mvsync.text.Text;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The queue and backfill routes (the log is {@link ReportAdmin}'s, the settings {@link SettingsAdmin}'s):
 * <pre>
 *   GET    /admin/queue[?status=pending&amp;limit=25&amp;cursor=]  a page of the items of a status, and the next
 *                                                   page's cursor (next; null on the last page)
 *   GET    /admin/queue?status=dead&amp;q=maria@example.com  the items the term finds (their labels, ids, the sync log)
 *   GET    /admin/queue?status=dead&amp;keys=customer%2342,order%237  those entities' items in the status (1 to 100)
 *   POST   /admin/queue/{entityKey}/retry           dead letter to pending        200, 404, 409
 *   POST   /admin/queue/retry   {"ids": [...]}      selected dead letters to pending: each id ok, not_found or
 *                                                   not_dead; 400 (nothing changed) unless 1 to 100 entity keys
 *   POST   /admin/queue/discard {"ids": [...]}      selected dead letters deleted, each logged (the same answers)
 *   POST   /admin/backfill/{type}[?restart=true]    queue every customer/product/order/invoice: 202 while
 *                                                   running (call again to continue), 200 when done
 *   GET    /admin/backfill/{type}                   where that backfill stands
 * </pre>
 */
@ApplicationScoped
public class QueueAdmin implements AdminResource {

    private static final Logger LOG = Logger.getLogger(QueueAdmin.class);
    static final String QUEUE = "/admin/queue";
    static final String BACKFILL = "/admin/backfill";
    /** The log entries a queue search reads for entity keys (a page of the search). */
    static final int SEARCHED = 200;

    private final QueueStore queue;
    private final Backfill backfill;
    private final Duration backfillBudget;
    private final AdminHttp http;
    private final DeadLetterActions deadLetters;
    private final SyncLog syncLog;

    public QueueAdmin(QueueStore queue, Backfill backfill,
            @ConfigProperty(name = "mvsync.backfill.budget", defaultValue = "PT20S") Duration backfillBudget,
            AdminHttp http, DeadLetterActions deadLetters, SyncLog syncLog) {
        this.syncLog = syncLog;
        this.deadLetters = deadLetters;
        this.queue = queue;
        this.backfill = backfill;
        this.backfillBudget = backfillBudget;
        this.http = http;
    }

    @Override
    public List<AdminRoute> routes() {
        String byType = BACKFILL + "/{type}";
        return List.of(
                AdminRoute.of("GET", QUEUE, (request, p) -> listQueue(request)),
                AdminRoute.of("POST", QUEUE + "/{entityKey}/retry", (request, p) -> retry(p.get("entityKey"))),
                AdminRoute.of("POST", QUEUE + "/retry", (request, p) -> ok(200, deadLetters.retry(ids(request)))),
                AdminRoute.of("POST", QUEUE + "/discard", (request, p) -> ok(200, deadLetters.discard(ids(request)))),
                AdminRoute.of("GET", byType, (request, p) -> ok(200, backfill.progress(backfillType(p.get("type"))))),
                AdminRoute.of("POST", byType, (request, p) -> runBackfill(backfillType(p.get("type")),
                        AdminHttp.query(request, "restart").map("true"::equalsIgnoreCase).orElse(false))));
    }

    private HttpApiResponse runBackfill(EntityType type, boolean restart) {
        try {
            Backfill.Progress progress = backfill.run(type, backfillBudget, restart);
            return ok(progress.status().equals(Backfill.Progress.DONE) ? 200 : 202, progress);
        } catch (MagentoRestException e) {
            throw new AdminError(e.retryable() ? 503 : 502, "magento_error", "Magento's REST API failed: "
                    + e.getMessage() + "; the backfill keeps its place, call again to continue");
        }
    }

    private static EntityType backfillType(String text) {
        return EntityType.findPlural(text).filter(EntityType::polls).orElseThrow(() -> AdminError.notFound(
                "no backfill for '" + text + "'; use " + EntityType.pollableLabels().replace(", ", "s, ") + "s"));
    }

    private HttpApiResponse listQueue(HttpApiEvent request) {
        String text = AdminHttp.query(request, "status").orElse("pending");
        QueueStatus status = QueueStatus.parse(text).orElseThrow(() -> new AdminError(400, "invalid_request",
                "unknown status '" + Text.abbreviate(text) + "'; use pending, in_progress or dead"));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", status);
        Optional<String> q = AdminHttp.query(request, "q").filter(t -> !t.isBlank());
        if (q.isPresent()) {
            body.put("q", q.get());
            body.put("items", found(q.get(), status));
            body.put("next", null);
            return ok(200, body);
        }
        Optional<String> keys = AdminHttp.query(request, "keys").filter(t -> !t.isBlank());
        if (keys.isPresent()) {
            List<String> asked = java.util.Arrays.stream(keys.get().split(",")).map(String::strip)
                    .filter(k -> !k.isEmpty()).distinct().toList();
            if (asked.size() > 100) {
                throw new AdminError(400, "invalid_request", "keys: at most 100 entity keys, not " + asked.size());
            }
            body.put("items", queue.items(asked).stream().filter(i -> i.status() == status).toList());
            body.put("next", null);
            return ok(200, body);
        }
        Page<QueuedEvent> page = queue.page(status, AdminHttp.pageLimit(request), AdminHttp.cursor(request));
        body.put("items", page.items());
        body.put("next", page.next());
        return ok(200, body);
    }

    /**
     * The items in {@code status} of the entities a term finds: by the queue items' own search keys (an entity
     * queued but never synced) and by the newest {@link #SEARCHED} log entries (an item queued before it had keys,
     * or found by a Vtiger id or record name): two Queries and one BatchGetItem, not a walk of the queue.
     */
    private List<QueuedEvent> found(String q, QueueStatus status) {
        List<String> keys = java.util.stream.Stream.concat(queue.find(q, 100).stream(),
                syncLog.search(q, SEARCHED).stream().map(LogEntry::entityKey)).distinct().limit(100).toList();
        return queue.items(keys).stream().filter(i -> i.status() == status)
                .sorted(java.util.Comparator.comparing(QueuedEvent::entityKey)).toList();
    }

    /** The path segment is the URL-encoded entity key ({@code customer%2342} for {@code customer#42}). */
    private HttpApiResponse retry(String entityKey) {
        Optional<QueuedEvent> retried = queue.retry(entityKey);
        if (retried.isPresent()) {
            LOG.infof("dead queue item %s retried", entityKey);
            return ok(200, retried.get());
        }
        QueuedEvent current = queue.get(entityKey).orElseThrow(() -> AdminError.notFound("no queue item for '"
                + Text.abbreviate(entityKey) + "' (the id is the URL-encoded entity key, e.g. customer%2342)"));
        throw conflict(entityKey + " is " + current.status().wire() + "; only a dead item can be retried");
    }

    private List<String> ids(HttpApiEvent request) {
        return DeadLetterActions.ids(http.jsonBody(request, "invalid_request", "{\"ids\": [\"customer#42\"]}"));
    }

    private HttpApiResponse ok(int status, Object body) {
        return http.ok(status, body);
    }

    private static AdminError conflict(String message) {
        return new AdminError(409, "conflict", message);
    }
}
