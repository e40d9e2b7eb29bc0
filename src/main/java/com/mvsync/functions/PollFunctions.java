package com.mvsync.functions;

import com.mvsync.poll.PollReport;
import com.mvsync.poll.Poller;
import io.quarkus.funqy.Funq;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/**
 * The poll of Magento's REST API, for entity types whose source is poll or both. In AWS an EventBridge schedule
 * invokes {@link #magentoPoll()} (every 5 minutes by default); in the local run quarkus-scheduler calls the same poll.
 */
@ApplicationScoped
public class PollFunctions {

    private static final Logger LOG = Logger.getLogger(PollFunctions.class);

    private final Poller poller;

    public PollFunctions(Poller poller) {
        this.poller = poller;
    }

    /** Queues what changed in Magento since each polled type's cursor; answers the runs and their Magento requests. */
    @Funq
    public PollReport magentoPoll() {
        PollReport report = poller.run();
        LOG.infof("poll: %d types, %d Magento requests", report.types().size(), report.requests());
        return report;
    }

    @Scheduled(every = "${mvsync.poll.every:300s}", delayed = "20s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduledPoll() {
        magentoPoll();
    }
}
