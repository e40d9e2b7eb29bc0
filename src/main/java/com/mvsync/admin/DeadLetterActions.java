package com.mvsync.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.mvsync.queue.QueueStatus;
import com.mvsync.queue.QueueStore;
import com.mvsync.queue.QueuedEvent;
import com.mvsync.store.Outcome;
import com.mvsync.store.SyncLog;
import com.mvsync.text.Text;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * The console's mass actions on dead letters, {@code {"ids": ["customer#42", ...]}}: retry the selected ones, or
 * discard them. The whole list is checked before anything changes; then each id is answered on its own (ok, not
 * found, not dead). A discarded dead letter leaves a line in the sync log, so nothing disappears silently.
 */
@ApplicationScoped
public class DeadLetterActions {

    private static final Logger LOG = Logger.getLogger(DeadLetterActions.class);
    static final int MAX_IDS = 100;
    static final String DISCARDED = "discarded by the admin";
    static final String OK = "ok";
    static final String NOT_FOUND = "not_found";
    static final String NOT_DEAD = "not_dead";

    /** One id's answer: {@code ok}, {@code not_found} or {@code not_dead}. */
    @RegisterForReflection
    public record Result(String id, String result) {
    }

    /** The answer to a mass action: how many were done, and each id's result in the order asked. */
    @RegisterForReflection
    public record Answer(int done, List<Result> results) {
        static Answer of(List<Result> results) {
            return new Answer((int) results.stream().filter(r -> r.result().equals(OK)).count(), results);
        }
    }

    private final QueueStore queue;
    private final SyncLog syncLog;
    private final Clock clock;

    public DeadLetterActions(QueueStore queue, SyncLog syncLog, Clock clock) {
        this.queue = queue;
        this.syncLog = syncLog;
        this.clock = clock;
    }

    public Answer retry(List<String> ids) {
        List<Result> results = new ArrayList<>();
        for (String id : ids) {
            Optional<QueuedEvent> retried = queue.retry(id);
            results.add(new Result(id, retried.isPresent() ? OK : whyNot(queue.get(id))));
        }
        Answer answer = Answer.of(results);
        LOG.infof("%d of %d selected dead queue items retried", answer.done(), ids.size());
        return answer;
    }

    public Answer discard(List<String> ids) {
        List<Result> results = new ArrayList<>();
        for (String id : ids) {
            QueueStore.Discard discard = queue.discard(id);
            if (discard.deleted()) {
                discard.item().ifPresent(this::logDiscarded);
                results.add(new Result(id, OK));
            } else {
                results.add(new Result(id, whyNot(discard.item())));
            }
        }
        Answer answer = Answer.of(results);
        LOG.infof("%d of %d selected dead queue items discarded", answer.done(), ids.size());
        return answer;
    }

    /** Logged as skipped (the Report and the daily counts know it), the error saying who and what it had failed on. */
    private void logDiscarded(QueuedEvent dead) {
        String error = dead.lastError() == null ? DISCARDED : DISCARDED + "; it had failed: " + dead.lastError();
        syncLog.record(clock.instant(), dead.entityType().label(), dead.magentoId(), Map.of(), Outcome.SKIPPED,
                error);
    }

    private static String whyNot(Optional<QueuedEvent> item) {
        return item.filter(e -> e.status() != QueueStatus.DEAD).isPresent() ? NOT_DEAD : NOT_FOUND;
    }

    /**
     * The ids of a request body: an array {@code ids} of 1 to {@link #MAX_IDS} entity keys (repeats counted once).
     *
     * @throws AdminError 400 for anything else, before anything changed
     */
    static List<String> ids(JsonNode body) {
        JsonNode ids = body.path("ids");
        if (!ids.isArray() || ids.isEmpty() || ids.size() > MAX_IDS) {
            throw invalid("send {\"ids\": [\"customer#42\", ...]} with 1 to " + MAX_IDS + " entity keys");
        }
        Set<String> out = new LinkedHashSet<>();
        for (JsonNode id : ids) {
            if (!id.isTextual() || id.asText().isBlank() || id.asText().indexOf('#') < 1) {
                throw invalid("each id must be an entity key such as customer#42, not "
                        + Text.abbreviate(id.toString()));
            }
            out.add(id.asText().strip());
        }
        return List.copyOf(out);
    }

    private static AdminError invalid(String message) {
        return new AdminError(400, "invalid_request", message);
    }
}
