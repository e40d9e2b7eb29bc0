package com.mvsync.functions;

import com.mvsync.poll.PollReport;
import com.mvsync.poll.Poller;
import com.mvsync.poll.VtigerPollRun;
import com.mvsync.poll.VtigerPoller;
import io.quarkus.funqy.Funq;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * The poll of Magento's REST API, for entity types whose source is poll or both, and the Vtiger poll of two-way sync.
 * In AWS EventBridge schedules invoke {@link #magentoPoll()} and {@link #vtigerPoll()} (every 5 minutes by default);
 * in the local run quarkus-scheduler calls the same polls.
 */
@ApplicationScoped
public class PollFunctions {

    private static final Logger LOG = Logger.getLogger(PollFunctions.class);

    private final Poller poller;
    private final VtigerPoller vtigerPoller;

    public PollFunctions(Poller poller, VtigerPoller vtigerPoller) {
        this.poller = poller;
        this.vtigerPoller = vtigerPoller;
    }

    /** Queues what changed in Magento since each polled type's cursor; answers the runs and their Magento requests. */
    @Funq
    public PollReport magentoPoll() {
        PollReport report = poller.run();
        LOG.infof("poll: %d types, %d Magento requests", report.types().size(), report.requests());
        return report;
    }

    /**
     * Two-way sync: queues what changed in Vtiger since each polled module's cursor, for records linked to a Magento
     * entity; answers each module's run with its Vtiger calls and the unlinked records it left alone.
     */
    @Funq
    public List<VtigerPollRun> vtigerPoll() {
        return vtigerPoller.run();
    }

    @Scheduled(every = "${mvsync.poll.every:300s}", delayed = "20s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduledPoll() {
        magentoPoll();
    }

    @Scheduled(every = "${mvsync.poll.vtiger-every:300s}", delayed = "30s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduledVtigerPoll() {
        vtigerPoll();
    }
}
