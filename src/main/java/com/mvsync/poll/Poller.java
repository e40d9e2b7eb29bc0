package com.mvsync.poll;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.mvsync.magento.EntityType;
import com.mvsync.magento.Payloads;
import com.mvsync.magento.rest.MagentoRestClient;
import com.mvsync.magento.rest.MagentoRestException;
import com.mvsync.queue.QueueStore;
import com.mvsync.queue.QueuedEvent;
import com.mvsync.settings.SettingsStore;
import com.mvsync.settings.SourceSettings;
import com.mvsync.settings.SyncSettings;
import com.mvsync.store.StoreException;
import com.mvsync.telemetry.SyncMetrics;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * The scheduled poll: for each entity type whose source includes the poll, reads from Magento's REST search what
 * changed since the type's cursor and queues every changed entity exactly as a webhook in cron mode would be queued
 * (same queue item per entity, same export, so the drain syncs it under the same rules: newest version wins, an
 * event done before is answered from its record).
 * <p>
 * Paging is by value, not only by page number: each request asks for {@code updated_at >= from} sorted by
 * {@code updated_at, entity_id}, and after a page {@code from} moves to the page's latest {@code updated_at} (page
 * numbers count up only while a whole page shares one second). With plain page numbers over a fixed filter, an
 * entity already read that changes again during the run moves to the end of the result and every later entity moves
 * one place up, so the first entity of the next page would be skipped and, the cursor moving past it, lost. The
 * entities of the boundary second are read twice and queued once.
 * <p>
 * The cursor moves only after a page is queued (a conditional write per page): a run that dies between queueing and
 * saving reads the page again, which queues the same versions into the same items again, under the same event
 * keys ({@code poll:<type>:<id>:<updated_at>:<digest>}), so nothing is synced twice.
 */
@ApplicationScoped
public class Poller {

    private static final Logger LOG = Logger.getLogger(Poller.class);

    private final MagentoRestClient magento;
    private final QueueStore queue;
    private final SettingsStore settings;
    private final PollCursorStore cursors;
    private final PollConfig config;
    private final SyncMetrics metrics;
    private final Clock clock;

    public Poller(MagentoRestClient magento, QueueStore queue, SettingsStore settings, PollCursorStore cursors,
            PollConfig config, SyncMetrics metrics, Clock clock) {
        this.magento = magento;
        this.queue = queue;
        this.settings = settings;
        this.cursors = cursors;
        this.config = config;
        this.metrics = metrics;
        this.clock = clock;
    }

    /** Polls every type whose source is poll or both, within the budget; other types cost nothing. */
    public PollReport run() {
        Instant started = clock.instant();
        Instant deadline = started.plus(config.budget());
        SyncSettings current = settings.read();
        List<PollRun> runs = new ArrayList<>();
        for (EntityType type : EntityType.values()) {
            SourceSettings source = current.source(type);
            if (!source.source().polls() || !type.polls()) {
                continue;
            }
            PollRun run = poll(type, source, started, deadline);
            metrics.poll(type, run.requests(), run.queued());
            LOG.infof("poll %s: %s, %d Magento requests, %d changed, %d queued, %d re-read, cursor %s%s",
                    type.label(), run.status(), run.requests(), run.found(), run.queued(), run.skipped(),
                    run.cursor(), run.error() == null ? "" : " (" + run.error() + ")");
            runs.add(run);
        }
        return new PollReport(started.toString(), runs, runs.stream().mapToInt(PollRun::requests).sum());
    }

    /** One type: pages until a short page (or the total) says nothing more changed, or the budget is spent. */
    PollRun poll(EntityType type, SourceSettings source, Instant started, Instant deadline) {
        Optional<PollCursor> stored;
        try {
            stored = cursors.get(type);
        } catch (RuntimeException e) {
            return new PollRun(type, started.toString(), PollRun.ERROR, 0, 0, 0, 0, null, e.getMessage());
        }
        Instant origin = source.startFrom() != null ? source.startFrom()
                : stored.map(PollCursor::origin).orElse(started);
        boolean fresh = stored.isEmpty() || !Objects.equals(stored.get().origin(), origin)
                || stored.get().cursor() == null;
        long version = stored.map(PollCursor::version).orElse(0L);
        String cursor = fresh ? MagentoTime.format(origin) : stored.get().cursor();
        Map<String, String> recent = new HashMap<>(fresh ? Map.of() : stored.get().recent());
        String from = MagentoTime.minus(cursor, config.overlap());
        int pageSize = Math.max(1, config.pageSize());
        int page = 1;
        int requests = 0;
        int found = 0;
        int queued = 0;
        int skipped = 0;
        boolean byValue = true;
        Set<String> readThisRun = new HashSet<>();
        String status = PollRun.DONE;
        String error = null;
        while (true) {
            MagentoRestClient.Page answer;
            try {
                requests++;
                answer = magento.changedSince(type, from, page, pageSize);
            } catch (MagentoRestException e) {
                status = PollRun.ERROR;
                error = e.getMessage();
                break;
            }
            String pageMax = null;
            String previous = null;
            int atMax = 0;
            try {
                for (ObjectNode entity : answer.items()) {
                    String updatedAt = MagentoTime.normal(entity.path(EntityType.UPDATED_AT_FIELD).asText(""));
                    if (previous != null && updatedAt.compareTo(previous) < 0) {
                        // Not sorted as asked: only page numbers are safe for the rest of this run.
                        byValue = false;
                    }
                    previous = updatedAt;
                    if (!updatedAt.isEmpty()) {
                        atMax = updatedAt.equals(pageMax) ? atMax + 1 : updatedAt.compareTo(
                                pageMax == null ? "" : pageMax) > 0 ? 1 : atMax;
                        pageMax = MagentoTime.max(pageMax, updatedAt);
                    }
                    String id = entity.path(type.restIdField()).asText("");
                    if (id.isEmpty()) {
                        continue;
                    }
                    String entityKey = type.key(id);
                    String seenAs = updatedAt + "|" + digest(entity);
                    if (!readThisRun.add(entityKey + "|" + seenAs) || seenAs.equals(recent.get(entityKey))) {
                        skipped++;
                        continue;
                    }
                    found++;
                    queue.enqueue(new QueuedEvent.Arrival(type, entityKey, type.editRoute().export(),
                            eventKey(type, id, seenAs), entity.toString(), type.displayLabel(entity)));
                    queued++;
                    recent.put(entityKey, seenAs);
                }
            } catch (StoreException e) {
                // The page is not fully queued: the cursor stays, the next run reads it again.
                status = PollRun.ERROR;
                error = e.getMessage();
                break;
            }
            cursor = MagentoTime.max(cursor, pageMax);
            RecentVersions.prune(recent, MagentoTime.minus(cursor, config.overlap()), config.recentLimit());
            boolean more = answer.hasMore() && answer.items().size() >= pageSize;
            boolean outOfTime = more && !clock.instant().isBefore(deadline);
            String pageStatus = !more ? PollRun.DONE : outOfTime ? PollRun.PARTIAL : PollRun.RUNNING;
            try {
                PollCursor saved = cursors.save(new PollCursor(type, origin, cursor, recent, 0,
                        new PollRun(type, started.toString(), pageStatus, requests, found, queued, skipped, cursor,
                                null)), version);
                version = saved.version();
            } catch (ConcurrentPollException e) {
                return new PollRun(type, started.toString(), PollRun.CONCURRENT, requests, found, queued, skipped,
                        cursor, e.getMessage());
            } catch (StoreException e) {
                // Queued but the cursor not moved: the next run reads the page again (and queues nothing twice).
                return new PollRun(type, started.toString(), PollRun.ERROR, requests, found, queued, skipped,
                        stored.map(PollCursor::cursor).orElse(null), e.getMessage());
            }
            if (!more) {
                break;
            }
            if (outOfTime) {
                status = PollRun.PARTIAL;
                break;
            }
            if (byValue && pageMax != null && pageMax.compareTo(MagentoTime.normal(from)) > 0) {
                // From the page's last second on; when the whole page was that second, its items are the first
                // page there, so the next is the second.
                from = pageMax;
                page = atMax >= pageSize ? 2 : 1;
            } else {
                page++;
            }
        }
        PollRun run = new PollRun(type, started.toString(), status, requests, found, queued, skipped, cursor, error);
        if (error != null) {
            try {
                // The cursor is where the last queued page left it: the run is recorded, nothing moves.
                cursors.save(new PollCursor(type, origin, cursor, recent, 0, run), version);
            } catch (RuntimeException e) {
                LOG.warnf("poll %s: could not record the failed run: %s", type.label(), e.getMessage());
            }
        }
        return run;
    }

    /** The same entity version read twice has the same key: the second queueing is answered from the first's record. */
    static String eventKey(EntityType type, String id, String version) {
        return "poll:" + type.label() + ":" + id + ":" + version.replace('|', ':');
    }

    /**
     * A short digest of the entity as read: two saves within one second have one {@code updated_at} but, when they
     * changed anything, different bodies, so the second is not mistaken for a re-read of the first.
     */
    private static String digest(ObjectNode entity) {
        return Payloads.sha256Hex(entity.toString().getBytes(StandardCharsets.UTF_8)).substring(0, 16);
    }
}
