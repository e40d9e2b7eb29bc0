package com.mvsync.webhook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.mvsync.budget.Admission;
import com.mvsync.http.HttpApiEvent;
import com.mvsync.http.HttpApiResponse;
import com.mvsync.magento.EntityType;
import com.mvsync.magento.EnvelopeParser;
import com.mvsync.magento.InvalidPayloadException;
import com.mvsync.magento.MagentoEvent;
import com.mvsync.magento.Payloads;
import com.mvsync.orchestration.SyncAttempt.Result;
import com.mvsync.orchestration.SyncAttempt;
import com.mvsync.orchestration.ScopedSettings;
import com.mvsync.orchestration.SyncHandlers;
import com.mvsync.queue.QueueStore;
import com.mvsync.queue.QueuedEvent;
import com.mvsync.settings.Mode;
import com.mvsync.settings.SettingsStore;
import com.mvsync.settings.SyncSettings;
import com.mvsync.store.Outcome;
import com.mvsync.store.StoreException;
import com.mvsync.sync.SourceConnectionException;
import com.mvsync.sync.SourceUnavailableException;
import com.mvsync.timing.DependencyTimer;
import com.mvsync.telemetry.SyncMetrics;
import com.mvsync.text.Text;
import com.mvsync.webhook.auth.AuthResult;
import com.mvsync.webhook.auth.WebhookAuthenticator;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

/**
 * The path every webhook takes: authenticate, parse, then, by the admin's settings for the entity type, skip it
 * (disabled), queue it (cron mode: one write, 202), or sync it at once (immediate mode). Nothing is read or written
 * before the request is authenticated and its body understood, so a bad request touches nothing. An immediate sync
 * that Vtiger or Magento fails transiently is queued for the drain and answered 202, and one that fails for good is
 * parked as a visible dead letter: the sender never has to resend what was accepted. The drain replays queued events
 * through {@link com.mvsync.orchestration.QueuedSync}: the same parser and sync rules, without the authentication that
 * already happened. An immediate-mode event that meets a Vtiger pause (its HTTP 429) or a spent call budget is queued
 * and answered 202 like cron mode, before any call is tried.
 */
@ApplicationScoped
public class WebhookPipeline {

    private static final Logger LOG = Logger.getLogger(WebhookPipeline.class);

    private final WebhookAuthenticator authenticator;
    private final EnvelopeParser parser;
    private final SyncHandlers handlers;
    private final SyncAttempt attempt;
    private final SettingsStore settings;
    private final QueueStore queue;
    private final ObjectMapper json;
    private final WebhookConfig config;
    private final SyncMetrics metrics;
    private final Admission calls;
    private final ScopedSettings scopedSettings;

    public WebhookPipeline(WebhookAuthenticator authenticator, EnvelopeParser parser, SyncHandlers handlers,
            SyncAttempt attempt, SettingsStore settings, QueueStore queue, ObjectMapper json, WebhookConfig config,
            SyncMetrics metrics, Admission calls, ScopedSettings scopedSettings) {
        this.calls = calls;
        this.scopedSettings = scopedSettings;
        this.authenticator = authenticator;
        this.parser = parser;
        this.handlers = handlers;
        this.attempt = attempt;
        this.settings = settings;
        this.queue = queue;
        this.json = json;
        this.config = config;
        this.metrics = metrics;
    }

    /**
     * Handles one API Gateway request for the webhook route it was sent to: its {@code routeKey}, "POST /webhooks/…",
     * the route API Gateway (or the local runner) matched. A request for no route of the registry gets a 404 that
     * lists them.
     */
    public HttpApiResponse handle(HttpApiEvent request) {
        String routeKey = String.valueOf(request.routeKey());
        return EntityType.webhookAt(routeKey)
                .map(w -> handle(request, w.export()))
                .orElseGet(() -> error(404, "no_route", "no webhook route " + Text.abbreviate(routeKey)
                        + "; the webhook routes are POST " + EntityType.allWebhooks().stream()
                                .map(EntityType.Webhook::path).collect(Collectors.joining(", "))));
    }

    /** Handles one API Gateway request for a webhook export (e.g. {@code customersCreated}). */
    public HttpApiResponse handle(HttpApiEvent request, String export) {
        SyncHandlers.Registered route = handlers.get(export);
        long started = System.nanoTime();
        DependencyTimer.reset();
        MDC.put("requestId", String.valueOf(request.requestId()));
        MDC.put("function", export);
        try {
            Answer answer = receive(request, route);
            long millis = (System.nanoTime() - started) / 1_000_000;
            DependencyTimer.Totals totals = DependencyTimer.totals();
            LOG.infof("webhook %s: %s (HTTP %d) in %d ms; vtiger %d calls %d ms, store %d calls", export,
                    answer.outcome().wire(), answer.response().statusCode(), millis,
                    totals.calls(DependencyTimer.Dependency.VTIGER),
                    totals.nanos(DependencyTimer.Dependency.VTIGER) / 1_000_000,
                    totals.calls(DependencyTimer.Dependency.DYNAMODB));
            metrics.event(route.type(), SyncMetrics.Direction.MAGENTO_TO_VTIGER, answer.outcome(), millis, totals);
            return answer.response();
        } finally {
            MDC.clear();
        }
    }

    /** An HTTP answer and the outcome it reports (for logs and metrics). */
    private record Answer(HttpApiResponse response, Outcome outcome) {
    }

    private Answer receive(HttpApiEvent request, SyncHandlers.Registered route) {
        byte[] body;
        try {
            body = request.rawBody();
        } catch (IllegalArgumentException e) {
            return rejected(400, "invalid_body", "the body is flagged base64 but does not decode");
        }
        if (body.length > config.maxBodyBytes()) {
            return rejected(413, "body_too_large", "the body is " + body.length + " bytes; at most "
                    + config.maxBodyBytes() + " are accepted");
        }
        AuthResult auth = authenticator.authenticate(request.headersOrEmpty(), body);
        if (!auth.authenticated()) {
            LOG.infof("webhook refused: %s", auth.reason());
            return rejected(401, "unauthorized", auth.reason());
        }
        MagentoEvent event;
        try {
            event = parser.parse(body, route.type());
        } catch (InvalidPayloadException e) {
            return rejected(400, "invalid_payload", e.getMessage());
        }
        java.util.Optional<String> refusal = route.refusal(event);
        if (refusal.isPresent()) {
            return rejected(400, "invalid_payload", refusal.get());
        }
        String eventKey = event.eventId() != null ? event.envelope().name() + ":" + event.eventId()
                : "sha256:" + Payloads.sha256Hex(body);
        String entityKey = route.handler().entityKey(event);
        // The correlation id of every log line about this event: the sender's event id, else the body hash.
        MDC.put("event", eventKey);
        MDC.put("entity", entityKey);
        try {
            return dispatch(route, event, eventKey, entityKey, new String(body, StandardCharsets.UTF_8));
        } catch (StoreException e) {
            LOG.errorf(e, "store unavailable");
            return new Answer(error(503, "store_unavailable",
                    "the sync state could not be read or written; retry later"), Outcome.FAILED);
        }
    }

    private Answer dispatch(SyncHandlers.Registered route, MagentoEvent event, String eventKey, String entityKey,
            String body) {
        SyncSettings stored = settings.current();
        String type = route.type().label();
        QueuedEvent.Arrival arrival = new QueuedEvent.Arrival(route.type(), entityKey, route.export(), eventKey, body,
                route.type().displayLabel(event.entity()));
        ScopedSettings.InScope inScope;
        try {
            inScope = scopedSettings.of(stored, route.type(), event.entity());
        } catch (SourceUnavailableException | SourceConnectionException e) {
            // Not lost and not guessed: the drain decides it in the entity's scope once Magento answers.
            queue.enqueue(arrival);
            return new Answer(status(202, "queued", eventKey, "the settings of its website could not be decided: "
                    + e.getMessage() + "; the drain decides it"), Outcome.QUEUED);
        }
        SyncSettings current = inScope.settings();
        if (!current.anyEnabled(route.type())) {
            return new Answer(HttpApiResponse.json(200, scoped(statusBody("skipped", eventKey, type
                    + " sync is switched off " + inScope.where()), inScope).toString()), Outcome.SKIPPED);
        }
        if (!current.source(route.type()).source().takesWebhooks()) {
            // Not lost: the poll reads every change of the type from Magento, this one included.
            return new Answer(status(200, "skipped", eventKey, type + " changes are read by polling Magento (source"
                    + " \"poll\" in the settings); this webhook is left to the poll"), Outcome.SKIPPED);
        }
        if (current.modeOf(route.type()) == Mode.CRON) {
            queue.enqueue(arrival);
            return new Answer(HttpApiResponse.json(202, scoped(statusBody("queued", eventKey, type
                    + " sync runs as a cron job" + (inScope.chain().innermost().isDefault() ? ""
                            : " in " + inScope.chain().innermost())), inScope).toString()), Outcome.QUEUED);
        }
        Optional<Admission.Closed> closed = calls.check();
        if (closed.isPresent()) {
            queue.enqueue(arrival);
            return new Answer(status(202, "queued", eventKey, closed.get().untilChecked()
                    ? "the sync is paused: " + closed.get().reason() + "; checked again from " + closed.get().until()
                            + ", the drain syncs it once the connection works"
                    : "Vtiger calls wait: " + closed.get().reason() + " until " + closed.get().until()
                            + "; the drain syncs it then"), Outcome.QUEUED);
        }
        Result result = attempt.run(route, event, eventKey, entityKey, current, SyncAttempt.Caller.WEBHOOK);
        return switch (result.outcome()) {
            case SYNCED, SKIPPED -> new Answer(HttpApiResponse.json(200, scoped(result.resultJson(), inScope)),
                    result.outcome());
            case REPLAYED -> new Answer(HttpApiResponse.json(200, replayed(result.resultJson())), Outcome.REPLAYED);
            // Answered as a failure (the sender retries), not queued: the other invocation finishes the event.
            case IN_PROGRESS -> new Answer(error(409, "in_progress",
                    "this event is being processed right now; retry later"), Outcome.FAILED);
            case FAILED, QUEUED -> {
                queue.enqueue(arrival);
                ObjectNode answer = statusBody("queued", eventKey, "will be retried: " + result.error());
                yield new Answer(HttpApiResponse.json(202, withDetail(answer, result).toString()), Outcome.QUEUED);
            }
            case DEAD -> {
                queue.deadLetter(arrival, result.error());
                ObjectNode answer = statusBody("dead_letter", eventKey, result.error()
                        + "; kept as a dead letter: fix the cause, then retry it with POST /admin/queue/{id}/retry");
                yield new Answer(HttpApiResponse.json(202, withDetail(answer, result).toString()), Outcome.DEAD);
            }
            case REJECTED -> {
                ObjectNode error = errorBody("incomplete_payload", result.error());
                error.set("missing", json.valueToTree(result.missing()));
                yield new Answer(HttpApiResponse.json(422, error.toString()), Outcome.REJECTED);
            }
        };
    }

    /**
     * The answer with the scope whose settings decided it, when a website or store view overrides any of the type's,
     * and why the entity's own scope is not known (its default settings applied).
     */
    private static ObjectNode scoped(ObjectNode body, ScopedSettings.InScope inScope) {
        if (inScope.perScope()) {
            body.put("settingsScope", inScope.chain().innermost().wire());
        }
        if (inScope.note() != null) {
            body.put("settingsNote", inScope.note());
        }
        return body;
    }

    private String scoped(String resultJson, ScopedSettings.InScope inScope) {
        if (!inScope.perScope()) {
            return resultJson;
        }
        try {
            return scoped((ObjectNode) json.readTree(resultJson), inScope).toString();
        } catch (JsonProcessingException | ClassCastException e) {
            return resultJson;
        }
    }

    private String replayed(String resultJson) {
        try {
            ObjectNode body = (ObjectNode) json.readTree(resultJson);
            body.put("replayed", true);
            return body.toString();
        } catch (JsonProcessingException | ClassCastException e) {
            return "{\"status\":\"synced\",\"replayed\":true}";
        }
    }

    private ObjectNode withDetail(ObjectNode answer, Result result) {
        if (result.vtigerCode() != null) {
            answer.put("vtigerCode", result.vtigerCode());
        }
        if (!result.vtigerIds().isEmpty()) {
            answer.set("made", json.valueToTree(result.vtigerIds()));
        }
        return answer;
    }

    private HttpApiResponse status(int code, String status, String eventKey, String message) {
        return HttpApiResponse.json(code, statusBody(status, eventKey, message).toString());
    }

    private ObjectNode statusBody(String status, String eventKey, String message) {
        ObjectNode body = json.createObjectNode();
        body.put("status", status);
        body.put("event", eventKey);
        body.put("message", message);
        return body;
    }

    private Answer rejected(int status, String code, String message) {
        return new Answer(error(status, code, message), Outcome.REJECTED);
    }

    private HttpApiResponse error(int status, String code, String message) {
        return HttpApiResponse.json(status, errorBody(code, message).toString());
    }

    private ObjectNode errorBody(String code, String message) {
        ObjectNode body = json.createObjectNode();
        body.put("error", code);
        body.put("message", message);
        return body;
    }
}
