package com.mvsync.poll;

import com.fasterxml.jackson.databind.JsonNode;
import com.mvsync.orchestration.ContactLinking;
import com.mvsync.orchestration.VtigerChangeSync;
import com.mvsync.queue.QueueStore;
import com.mvsync.store.StoreException;
import com.mvsync.store.SyncLedger;
import com.mvsync.sync.VtigerChange;
import com.mvsync.sync.WriteBack;
import com.mvsync.sync.WriteBacks;
import com.mvsync.telemetry.SyncMetrics;
import com.mvsync.vtiger.VtigerClient;
import com.mvsync.vtiger.VtigerException;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * The Vtiger poll (two-way sync): what changed in each Vtiger module with a row flowing back (Contacts, Accounts,
 * Products, SalesOrder; {@link WriteBacks}) since the module's cursor, queued for the drain to write back to the
 * linked Magento entities. Vtiger 8.2.0's webservice {@code sync} operation fails with HTTP 500 under PHP 8, and an
 * open-source Vtiger sends no webhook, so changes are found by VTQL on {@code modifiedtime}.
 * <p>
 * The mechanisms are the Magento poll's ({@link Poller}): one cursor item per module in {@link PollCursorStore}
 * (Contacts and Accounts both feed customers, and each has its own), written conditionally after each page is
 * queued; each run reads from the cursor minus {@code mvsync.poll.overlap} ({@code modifiedtime} has second
 * resolution and saves commit out of order); keyset paging by value: {@code WHERE modifiedtime >= '<from>' ORDER BY modifiedtime, id LIMIT <offset>, 100}
 * with {@code from} moved to each page's latest second (the offset grows only while a whole page shares one second),
 * so a record saved again during the run cannot shift a later one past a page boundary; {@code id} orders the ties of
 * one second, which MySQL leaves unordered. Versions read again are recognised by {@code recent} (id to
 * {@code modifiedtime}, capped as Magento's poll caps it: {@link RecentVersions}) and by the event key, and not
 * queued twice.
 * <p>
 * Only records linked to a Magento entity are queued ({@link SyncLedger#holders}, one request per page); the others
 * are counted and listed, never created in Magento, but for Contacts while {@code records.contactsCreateCustomers} is
 * on: then an unlinked Contact is queued with its names and e-mail for {@link ContactLinking} (one without e-mail is
 * listed too, and queued for its note). Every call goes through the shared Vtiger call budget (the
 * client's call gate); a spent budget ends the run with its error, the cursor where the last queued page left it.
 * <p>
 * The first run reads Vtiger's latest {@code modifiedtime} and starts from there: the cursor is in the server's own
 * time zone from the start, and nothing edited before two-way sync was switched on is written back by surprise.
 * <p>
 * Each run is kept with its module's cursor (written with every page, as Magento's poll keeps its runs) for
 * {@code GET /admin/poll}, and emitted as metrics per module ({@link SyncMetrics#vtigerPoll}).
 */
@ApplicationScoped
public class VtigerPoller {

    private static final Logger LOG = Logger.getLogger(VtigerPoller.class);
    /** Vtiger 8.2.0 answers at most 100 rows a query (LIMIT 500 still gives 100). */
    static final int PAGE = 100;
    static final int UNLINKED_LISTED = 20;

    private final VtigerClient vtiger;
    private final WriteBacks writeBacks;
    private final SyncLedger ledger;
    private final QueueStore queue;
    private final VtigerChangeSync changes;
    private final ContactLinking linking;
    private final PollCursorStore cursors;
    private final PollConfig config;
    private final SyncMetrics metrics;
    private final Clock clock;

    public VtigerPoller(VtigerClient vtiger, WriteBacks writeBacks, SyncLedger ledger, QueueStore queue,
            VtigerChangeSync changes, ContactLinking linking, PollCursorStore cursors, PollConfig config,
            SyncMetrics metrics, Clock clock) {
        this.vtiger = vtiger;
        this.writeBacks = writeBacks;
        this.ledger = ledger;
        this.queue = queue;
        this.changes = changes;
        this.linking = linking;
        this.cursors = cursors;
        this.config = config;
        this.metrics = metrics;
        this.clock = clock;
    }

    /** Polls each module with a row flowing back, customers first; a module without one costs nothing. */
    public List<VtigerPollRun> run() {
        Instant started = clock.instant();
        Instant deadline = started.plus(config.budget());
        List<VtigerPollRun> runs = new ArrayList<>();
        for (WriteBack writeBack : writeBacks.all()) {
            VtigerPollRun run = poll(writeBack, started, deadline);
            if (!VtigerPollRun.OFF.equals(run.status())) {
                log(run);
                metrics.vtigerPoll(run.module(), run.requests(), run.found(), run.queued());
            }
            runs.add(run);
        }
        return runs;
    }

    private static void log(VtigerPollRun run) {
        LOG.infof("Vtiger poll %s: %s, %d Vtiger calls, %d changed, %d queued, %d unlinked, %d re-read, cursor %s%s",
                run.module(), run.status(), run.requests(), run.found(), run.queued(), run.unlinked(), run.skipped(),
                run.cursor(), run.error() == null ? "" : " (" + run.error() + ")");
    }

    VtigerPollRun poll(WriteBack writeBack, Instant started, Instant deadline) {
        String at = started.toString();
        String module = writeBack.module();
        List<String> fields = writeBacks.polledFields(writeBack);
        if (fields.isEmpty()) {
            return new VtigerPollRun(module, at, VtigerPollRun.OFF, 0, 0, 0, 0, 0, List.of(), null, null);
        }
        Optional<PollCursor> stored;
        try {
            stored = cursors.vtiger(module, writeBack.entityType(), writeBacks.ownsFormerCursor(writeBack));
        } catch (StoreException e) {
            return new VtigerPollRun(module, at, PollRun.ERROR, 0, 0, 0, 0, 0, List.of(), null, e.getMessage());
        }
        long version = stored.map(PollCursor::version).orElse(0L);
        if (stored.isEmpty() || stored.get().cursor() == null) {
            return start(writeBack, at, version);
        }
        String cursor = stored.get().cursor();
        Map<String, String> recent = new HashMap<>(stored.get().recent());
        // As last saved: a page that failed half-queued must not be remembered as read when its failure is recorded.
        Map<String, String> savedRecent = stored.get().recent();
        String from = MagentoTime.minus(cursor, config.overlap());
        // Customers from unlinked Contacts (a setting): their e-mail and names are read too, and they are queued.
        boolean makeCustomers = linking.on(module);
        List<String> read = new ArrayList<>(fields);
        if (makeCustomers) {
            ContactLinking.fields().stream().filter(f -> !read.contains(f)).forEach(read::add);
        }
        String columns = String.join(", ", columns(writeBack, read));
        int offset = 0;
        int requests = 0;
        int found = 0;
        int queued = 0;
        int skipped = 0;
        int unlinked = 0;
        List<String> unlinkedIds = new ArrayList<>();
        Set<String> readThisRun = new HashSet<>();
        String status = PollRun.DONE;
        String error = null;
        while (true) {
            List<JsonNode> rows;
            try {
                requests++;
                rows = vtiger.query("SELECT " + columns + " FROM " + module + " WHERE modifiedtime >= "
                        + VtigerClient.quote(from) + " ORDER BY modifiedtime, id LIMIT " + offset + ", " + PAGE + ";");
            } catch (VtigerException e) {
                status = PollRun.ERROR;
                error = e.getMessage();
                break;
            }
            String pageMax = null;
            int atMax = 0;
            try {
                List<String> ids = rows.stream().map(r -> r.path("id").asText("")).filter(s -> !s.isEmpty()).toList();
                Map<String, String> holders = ledger.holders(ids);
                for (JsonNode row : rows) {
                    String id = row.path("id").asText("");
                    String modified = row.path("modifiedtime").asText("");
                    if (id.isEmpty() || modified.isEmpty()) {
                        continue;
                    }
                    atMax = modified.equals(pageMax) ? atMax + 1 : 1;
                    pageMax = MagentoTime.max(pageMax, modified);
                    if (!readThisRun.add(id + "|" + modified) || modified.equals(recent.get(id))) {
                        skipped++;
                        continue;
                    }
                    found++;
                    recent.put(id, modified);
                    String entityKey = holders.get(id);
                    if (entityKey != null && !entityKey.startsWith(writeBack.entityType().label() + "#")) {
                        entityKey = null; // held by an entity of another type: not this write back's to follow
                    }
                    boolean noEmail = row.path("email").asText("").isBlank();
                    if (entityKey == null && (!makeCustomers || noEmail)) {
                        unlinked++;
                        if (unlinkedIds.size() < UNLINKED_LISTED) {
                            unlinkedIds.add(id);
                        }
                        if (!makeCustomers) {
                            continue; // listed only; with the setting on, queued for its note (no e-mail)
                        }
                    }
                    Map<String, String> values = new LinkedHashMap<>();
                    (entityKey == null ? read : fields).forEach(f -> values.put(f, row.path(f).asText("")));
                    VtigerChange change = new VtigerChange(module, id, modified, row.path("modifiedby").asText(""),
                            values);
                    queue.enqueue(changes.arrival(writeBack, new VtigerChangeSync.Item(entityKey, change),
                            name(writeBack, row)));
                    queued++;
                }
            } catch (StoreException e) {
                status = PollRun.ERROR; // the page is not fully queued: the cursor stays, the next run reads it
                error = e.getMessage();
                break;
            }
            cursor = MagentoTime.max(cursor, pageMax);
            RecentVersions.prune(recent, MagentoTime.minus(cursor, config.overlap()), config.recentLimit());
            boolean more = rows.size() >= PAGE;
            boolean outOfTime = more && !clock.instant().isBefore(deadline);
            String pageStatus = !more ? PollRun.DONE : outOfTime ? PollRun.PARTIAL : PollRun.RUNNING;
            try {
                PollCursor saved = cursors.saveVtiger(module, new PollCursor(writeBack.entityType(),
                        stored.get().origin(), cursor, recent, 0, null, new VtigerPollRun(module, at, pageStatus,
                                requests, found, queued, skipped, unlinked, unlinkedIds, cursor, null)), version);
                version = saved.version();
                savedRecent = saved.recent();
            } catch (ConcurrentPollException e) {
                return new VtigerPollRun(module, at, PollRun.CONCURRENT, requests, found, queued, skipped, unlinked,
                        unlinkedIds, cursor, e.getMessage());
            } catch (StoreException e) {
                return new VtigerPollRun(module, at, PollRun.ERROR, requests, found, queued, skipped, unlinked,
                        unlinkedIds, stored.get().cursor(), e.getMessage());
            }
            if (!more) {
                break;
            }
            if (outOfTime) {
                status = PollRun.PARTIAL;
                break;
            }
            if (pageMax != null && pageMax.compareTo(from) > 0) {
                from = pageMax; // from the page's last second on; a whole page of one second moves on by offset
                offset = atMax >= rows.size() ? PAGE : 0;
            } else {
                offset += PAGE;
            }
        }
        VtigerPollRun run = new VtigerPollRun(module, at, status, requests, found, queued, skipped, unlinked,
                unlinkedIds, cursor, error);
        if (error != null) {
            // The cursor is where the last queued page left it: the run is recorded, nothing moves.
            record(writeBack, stored.get().origin(), cursor, savedRecent, run, version);
        }
        return run;
    }

    /** Keeps a failed run beside the cursor (for {@code GET /admin/poll}); a failure to do so is only logged. */
    private void record(WriteBack writeBack, Instant origin, String cursor, Map<String, String> recent,
            VtigerPollRun run, long version) {
        try {
            cursors.saveVtiger(run.module(), new PollCursor(writeBack.entityType(), origin, cursor, recent, 0,
                    null, run), version);
        } catch (RuntimeException e) {
            LOG.warnf("Vtiger poll %s: could not record the failed run: %s", run.module(), e.getMessage());
        }
    }

    /** The first run: the cursor starts at Vtiger's latest modifiedtime (one call), nothing is queued. */
    private VtigerPollRun start(WriteBack writeBack, String at, long version) {
        String module = writeBack.module();
        String latest;
        try {
            List<JsonNode> rows = vtiger.query("SELECT id, modifiedtime FROM " + module
                    + " ORDER BY modifiedtime DESC LIMIT 1;");
            latest = rows.isEmpty() ? MagentoTime.format(clock.instant())
                    : rows.get(0).path("modifiedtime").asText(MagentoTime.format(clock.instant()));
        } catch (VtigerException e) {
            VtigerPollRun failed = new VtigerPollRun(module, at, PollRun.ERROR, 1, 0, 0, 0, 0, List.of(), null,
                    e.getMessage());
            record(writeBack, null, null, Map.of(), failed, version); // no cursor yet: the next run starts again
            return failed;
        }
        VtigerPollRun run = new VtigerPollRun(module, at, VtigerPollRun.STARTED, 1, 0, 0, 0, 0, List.of(), latest,
                null);
        try {
            cursors.saveVtiger(module, new PollCursor(writeBack.entityType(), clock.instant(), latest,
                    Map.of(), 0, null, run), version);
        } catch (ConcurrentPollException e) {
            return new VtigerPollRun(module, at, PollRun.CONCURRENT, 1, 0, 0, 0, 0, List.of(), null, e.getMessage());
        } catch (StoreException e) {
            return new VtigerPollRun(module, at, PollRun.ERROR, 1, 0, 0, 0, 0, List.of(), null, e.getMessage());
        }
        return run;
    }

    private static List<String> columns(WriteBack writeBack, List<String> fields) {
        List<String> columns = new ArrayList<>(List.of("id", "modifiedtime", "modifiedby"));
        writeBack.nameFields().stream().filter(f -> !columns.contains(f)).forEach(columns::add);
        fields.stream().filter(f -> !columns.contains(f)).forEach(columns::add);
        return columns;
    }

    private static String name(WriteBack writeBack, JsonNode row) {
        String name = String.join(" ", writeBack.nameFields().stream().map(f -> row.path(f).asText(""))
                .filter(v -> !v.isBlank()).toList()).strip();
        return name.isEmpty() ? null : name;
    }
}
