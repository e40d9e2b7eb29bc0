package com.mvsync.admin;

import com.mvsync.text.Text;
import com.mvsync.queue.QueueStatus;
import com.mvsync.queue.QueueStore;
import com.mvsync.queue.QueuedEvent;
import com.mvsync.store.LogEntry;
import com.mvsync.store.LogFilter;
import com.mvsync.store.Outcome;
import com.mvsync.store.Page;
import com.mvsync.store.SyncLog;
import com.mvsync.http.HttpApiEvent;
import com.mvsync.http.HttpApiResponse;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * What the console's Queue and Report screens need beyond the plain lists:
 * <pre>
 *   GET  /admin/queue/counts        items per status: {"pending": 3, "in_progress": 0, "dead": 1}
 *   POST /admin/queue/retry-dead    every dead letter back to pending, due now
 *   GET  /admin/log[?type=customer&amp;result=synced&amp;from=2024-05-01&amp;to=2024-05-02T12:00:00Z&amp;magentoId=42&amp;limit=25&amp;cursor=]
 *   GET  /admin/log/daily[?days=30] entries per UTC day and result, oldest day first (from the days' counters)
 *   GET  /admin/history/{entityKey}[?limit=25&amp;cursor=]  the entries of one entity (customer%2342), newest first
 *   GET  /admin/search?q=maria@example.com[&amp;limit=25&amp;cursor=]  the entries the term finds, newest first
 *   GET  /admin/log/conflicts[?limit=25&amp;cursor=]  the entries with a two-way conflict, newest first
 * </pre>
 * The lists answer a page ({@code limit}: 1 to 200, 25 when absent) and {@code next}, the cursor of the next page
 * (null: none); a cursor this API did not give out for that list answers 400.
 */
@ApplicationScoped
public class ReportAdmin implements AdminResource {

    private static final Logger LOG = Logger.getLogger(ReportAdmin.class);
    static final String LOG_PATH = "/admin/log";
    private static final List<String> RESULTS = java.util.stream.Stream.of(Outcome.SYNCED, Outcome.FAILED,
            Outcome.DEAD, Outcome.SKIPPED).map(Outcome::wire).toList();

    private final QueueStore queue;
    private final SyncLog syncLog;
    private final AdminHttp http;

    public ReportAdmin(QueueStore queue, SyncLog syncLog, AdminHttp http) {
        this.queue = queue;
        this.syncLog = syncLog;
        this.http = http;
    }

    @Override
    public List<AdminRoute> routes() {
        return List.of(
                AdminRoute.of("GET", QueueAdmin.QUEUE + "/counts", (request, p) -> counts()),
                AdminRoute.of("POST", QueueAdmin.QUEUE + "/retry-dead", (request, p) -> retryDead(request)),
                AdminRoute.of("GET", LOG_PATH, (request, p) -> page(Map.of(), syncLog.page(filter(request),
                        AdminHttp.pageLimit(request), AdminHttp.cursor(request)))),
                AdminRoute.of("GET", LOG_PATH + "/conflicts", (request, p) -> page(Map.of("filter", "conflicts"),
                        syncLog.conflicts(AdminHttp.pageLimit(request), AdminHttp.cursor(request)))),
                AdminRoute.of("GET", LOG_PATH + "/daily",
                        (request, p) -> http.ok(200, Map.of("days", daily(days(request))))),
                AdminRoute.of("GET", "/admin/history/{entityKey}", (request, p) -> page(
                        Map.of("entityKey", p.get("entityKey")), syncLog.history(p.get("entityKey"),
                                AdminHttp.pageLimit(request), AdminHttp.cursor(request)))),
                AdminRoute.of("GET", "/admin/search", (request, p) -> search(request)));
    }

    private HttpApiResponse search(HttpApiEvent request) {
        String q = nonBlank(request, "q").orElseThrow(() -> new AdminError(400, "invalid_request",
                "q is required: an e-mail, a name, a SKU, an order or invoice number, a Magento or Vtiger id"));
        return page(Map.of("q", q), syncLog.search(q, AdminHttp.pageLimit(request), AdminHttp.cursor(request)));
    }

    /** A page of log entries as the lists answer it: {@code entries} and {@code next} (null on the last page). */
    private HttpApiResponse page(Map<String, Object> about, Page<LogEntry> page) {
        Map<String, Object> body = new LinkedHashMap<>(about);
        body.put("entries", page.items());
        body.put("next", page.next());
        return http.ok(200, body);
    }

    private HttpApiResponse counts() {
        Map<String, Long> counts = new LinkedHashMap<>();
        queue.counts().forEach((status, n) -> counts.put(status.wire(), n));
        return http.ok(200, counts);
    }

    private HttpApiResponse retryDead(HttpApiEvent request) {
        List<String> retried = new ArrayList<>();
        for (QueuedEvent dead : queue.list(QueueStatus.DEAD, AdminHttp.MAX_LIMIT)) {
            queue.retry(dead.entityKey()).ifPresent(e -> retried.add(e.entityKey()));
        }
        LOG.infof("%d dead queue items retried [%s]", retried.size(), request.requestId());
        return http.ok(200, Map.of("retried", retried.size(), "entityKeys", retried));
    }

    /** The filters the request asks for; none: the latest entries as they are. */
    private static LogFilter filter(HttpApiEvent request) {
        String type = nonBlank(request, "type").map(t -> t.strip().toLowerCase(Locale.ROOT)).orElse(null);
        Outcome result = null;
        Optional<String> asked = nonBlank(request, "result").map(t -> t.strip().toLowerCase(Locale.ROOT));
        if (asked.isPresent()) {
            if (!RESULTS.contains(asked.get())) {
                throw new AdminError(400, "invalid_request", "unknown result '" + Text.abbreviate(asked.get())
                        + "'; use one of " + String.join(", ", RESULTS));
            }
            result = Outcome.parse(asked.get());
        }
        String magentoId = nonBlank(request, "magentoId").map(String::strip).orElse(null);
        Instant from = nonBlank(request, "from").map(t -> instant("from", t, false)).orElse(null);
        Instant to = nonBlank(request, "to").map(t -> instant("to", t, true)).orElse(null);
        return new LogFilter(type, result, magentoId, from, to);
    }

    /** An instant, or a UTC date: as {@code from} its start, as {@code to} the start of the next day (whole day). */
    private static Instant instant(String name, String text, boolean endOfDay) {
        String t = text.strip();
        try {
            if (t.length() == 10) {
                LocalDate day = LocalDate.parse(t);
                return (endOfDay ? day.plusDays(1) : day).atStartOfDay(ZoneOffset.UTC).toInstant();
            }
            return Instant.parse(t);
        } catch (DateTimeParseException e) {
            throw new AdminError(400, "invalid_request", name + " must be a date (2024-05-01) or an instant"
                    + " (2024-05-01T12:00:00Z), not '" + Text.abbreviate(t) + "'");
        }
    }

    private static Optional<String> nonBlank(HttpApiEvent request, String name) {
        return AdminHttp.query(request, name).filter(v -> !v.isBlank());
    }

    private static int days(HttpApiEvent request) {
        String text = nonBlank(request, "days").orElse("30");
        try {
            int days = Integer.parseInt(text.strip());
            if (days >= 1 && days <= 90) {
                return days;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new AdminError(400, "invalid_request", "days must be a whole number from 1 to 90, not '"
                + Text.abbreviate(text) + "'");
    }

    private List<Map<String, Object>> daily(int days) {
        List<LocalDate> all = syncLog.days();
        List<Map<String, Object>> out = new ArrayList<>();
        var counted = syncLog.countsOn(all.subList(Math.max(0, all.size() - days), all.size()));
        for (var day : counted.entrySet()) {
            Map<String, Long> counts = day.getValue();
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("day", day.getKey().toString());
            RESULTS.forEach(r -> row.put(r, counts.getOrDefault(r, 0L)));
            out.add(row);
        }
        return out;
    }
}
