package com.mvsync.functions;

import com.mvsync.connection.ConnectionRecheck;
import com.mvsync.drain.DrainConfig;
import com.mvsync.drain.DrainReport;
import com.mvsync.drain.Drainer;
import com.mvsync.queue.QueueStatus;
import com.mvsync.queue.QueueStore;
import com.mvsync.telemetry.SyncMetrics;
import io.quarkus.funqy.Funq;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * The cron-mode drain. In AWS an EventBridge schedule invokes {@link #queueDrain()} every minute; in the local run
 * quarkus-scheduler calls the same drain (the in-process scheduler is off in Lambda, see application.properties).
 */
@ApplicationScoped
public class DrainFunctions {

    private static final Logger LOG = Logger.getLogger(DrainFunctions.class);

    private final Drainer drainer;
    private final QueueStore queue;
    private final DrainConfig config;
    private final SyncMetrics metrics;
    private final ConnectionRecheck recheck;

    public DrainFunctions(Drainer drainer, QueueStore queue, DrainConfig config, SyncMetrics metrics,
            ConnectionRecheck recheck) {
        this.recheck = recheck;
        this.drainer = drainer;
        this.queue = queue;
        this.config = config;
        this.metrics = metrics;
    }

    /** Drains what is due within the budget, and reports the queue's depth as metrics (alarmed on dead letters). */
    @Funq
    public DrainReport queueDrain() {
        try {
            // A connection pause ends here once the connection works again (one check a minute at most).
            recheck.recheckIfDue().ifPresent(p -> LOG.infof("drain: calls paused since %s: %s", p.since(),
                    p.reason()));
        } catch (RuntimeException e) {
            LOG.warnf(e, "drain: could not check the connection pause");
        }
        DrainReport report = drainer.drainDue(config.drainBudget(), config.drainConcurrency());
        Map<QueueStatus, Long> depth = queue.recount(); // also corrects the admin's counters
        long pending = depth.getOrDefault(QueueStatus.PENDING, 0L) + depth.getOrDefault(QueueStatus.IN_PROGRESS, 0L);
        metrics.queueDepth(pending, depth.getOrDefault(QueueStatus.DEAD, 0L));
        LOG.infof("drain: %s; queue pending %d, dead %d", report, pending, depth.getOrDefault(QueueStatus.DEAD, 0L));
        return report;
    }

    @Scheduled(every = "${mvsync.drain.every:60s}", delayed = "10s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduledDrain() {
        queueDrain();
    }
}
