package com.mvsync.webhook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.mvsync.magento.EntityType;
import com.mvsync.magento.EnvelopeParser;
import com.mvsync.magento.InvalidPayloadException;
import com.mvsync.magento.MagentoEvent;
import com.mvsync.magento.Payloads;
import com.mvsync.store.EntityBusyException;
import com.mvsync.store.EntityLink;
import com.mvsync.store.EventClaim;
import com.mvsync.store.StoreException;
import com.mvsync.store.SyncLedger;
import com.mvsync.sync.IncompleteEntityException;
import com.mvsync.sync.SourceUnavailableException;
import com.mvsync.sync.SyncFailedException;
import com.mvsync.sync.SyncResult;
import com.mvsync.telemetry.DependencyTimer;
import com.mvsync.telemetry.SyncMetrics;
import com.mvsync.webhook.auth.AuthResult;
import com.mvsync.webhook.auth.WebhookAuthenticator;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

/**
 * The path every webhook takes: authenticate, parse, claim the event, lock the entity, sync, and record the outcome.
 * Nothing is read or written before the request is authenticated and its body understood, so a bad request touches
 * nothing; a redelivered event is answered from its record with no Vtiger call.
 */
@ApplicationScoped
public class WebhookPipeline {

    private static final Logger LOG = Logger.getLogger(WebhookPipeline.class);

    private final WebhookAuthenticator authenticator;
    private final EnvelopeParser parser;
    private final SyncLedger ledger;
    private final ObjectMapper json;
    private final WebhookConfig config;
    private final SyncMetrics metrics;

    public WebhookPipeline(WebhookAuthenticator authenticator, EnvelopeParser parser, SyncLedger ledger,
            ObjectMapper json, WebhookConfig config, SyncMetrics metrics) {
        this.authenticator = authenticator;
        this.parser = parser;
        this.ledger = ledger;
        this.json = json;
        this.config = config;
        this.metrics = metrics;
    }

    public HttpApiResponse handle(HttpApiEvent request, EntityType expected, EntitySyncHandler handler) {
        long started = System.nanoTime();
        DependencyTimer.reset();
        MDC.put("requestId", String.valueOf(request.requestId()));
        try {
            HttpApiResponse response = authenticateParseAndProcess(request, expected, handler);
            long millis = (System.nanoTime() - started) / 1_000_000;
            DependencyTimer.Totals totals = DependencyTimer.totals();
            LOG.infof("webhook %s answered %d in %d ms (vtiger %d calls %d ms, store %d calls)",
                    expected.label(), response.statusCode(), millis,
                    totals.calls(DependencyTimer.Dependency.VTIGER),
                    totals.nanos(DependencyTimer.Dependency.VTIGER) / 1_000_000,
                    totals.calls(DependencyTimer.Dependency.DYNAMODB));
            metrics.event(expected.label(), outcome(response.statusCode()), millis, totals);
            return response;
        } finally {
            MDC.clear();
        }
    }

    private static String outcome(int status) {
        if (status < 300) {
            return "synced";
        }
        return status < 500 && status != 409 ? "rejected" : "failed";
    }

    private HttpApiResponse authenticateParseAndProcess(HttpApiEvent request, EntityType expected,
            EntitySyncHandler handler) {
        byte[] body;
        try {
            body = request.rawBody();
        } catch (IllegalArgumentException e) {
            return error(400, "invalid_body", "the body is flagged base64 but does not decode");
        }
        if (body.length > config.maxBodyBytes()) {
            return error(413, "body_too_large", "the body is " + body.length + " bytes; at most "
                    + config.maxBodyBytes() + " are accepted");
        }
        AuthResult auth = authenticator.authenticate(request.headersOrEmpty(), body);
        if (!auth.authenticated()) {
            LOG.infof("webhook refused: %s (request %s)", auth.reason(), request.requestId());
            return error(401, "unauthorized", auth.reason());
        }
        MagentoEvent event;
        try {
            event = parser.parse(body, expected);
        } catch (InvalidPayloadException e) {
            return error(400, "invalid_payload", e.getMessage());
        }
        String eventKey = event.eventId() != null ? event.envelope().name() + ":" + event.eventId()
                : "sha256:" + Payloads.sha256Hex(body);
        String entityKey = handler.entityKey(event);
        // The correlation id of every log line about this event: the sender's event id, else the body hash.
        MDC.put("event", eventKey);
        MDC.put("entity", entityKey);
        try {
            return process(event, eventKey, entityKey, handler);
        } catch (StoreException e) {
            LOG.errorf(e, "event=%s entity=%s: store unavailable", eventKey, entityKey);
            return error(503, "store_unavailable", "the sync state could not be read or written; retry later");
        }
    }

    private HttpApiResponse process(MagentoEvent event, String eventKey, String entityKey,
            EntitySyncHandler handler) {
        EventClaim claim = ledger.claimEvent(eventKey, entityKey);
        if (claim instanceof EventClaim.AlreadyDone done) {
            return replayed(done.resultJson());
        }
        if (claim instanceof EventClaim.InProgress) {
            return error(409, "in_progress", "this event is being processed right now; retry later");
        }
        EntityLink link;
        try {
            link = ledger.lockEntity(entityKey);
        } catch (EntityBusyException e) {
            ledger.abandon(eventKey, ledger.link(entityKey), e.getMessage());
            return error(409, "entity_busy", e.getMessage() + "; retry later");
        }
        try {
            SyncResult result = handler.sync(event, link);
            result.relatedLinks().forEach(ledger::saveRelatedLink);
            String body = resultJson(eventKey, event, result);
            ledger.commit(eventKey, result.link(), body);
            return HttpApiResponse.json(200, body);
        } catch (IncompleteEntityException e) {
            ledger.abandon(eventKey, link, e.getMessage());
            ObjectNode error = errorBody("incomplete_payload", e.getMessage());
            error.set("missing", json.valueToTree(e.missing()));
            return HttpApiResponse.json(422, error.toString());
        } catch (SourceUnavailableException e) {
            ledger.abandon(eventKey, link, e.getMessage());
            ObjectNode error = errorBody("magento_unavailable", e.getMessage());
            error.put("retryable", true);
            return HttpApiResponse.json(503, error.toString());
        } catch (SyncFailedException e) {
            ledger.abandon(eventKey, e.partialLink(), e.getMessage());
            LOG.warnf("event=%s entity=%s: %s (retryable=%s)", eventKey, entityKey, e.getMessage(), e.retryable());
            ObjectNode error = errorBody("vtiger_error", e.getMessage());
            error.put("vtigerCode", e.vtigerError().code());
            error.put("retryable", e.retryable());
            error.set("made", json.valueToTree(e.partialLink().vtigerIds()));
            return HttpApiResponse.json(502, error.toString());
        } catch (RuntimeException e) {
            ledger.abandon(eventKey, link, e.getClass().getSimpleName());
            throw e;
        }
    }

    private String resultJson(String eventKey, MagentoEvent event, SyncResult result) {
        ObjectNode body = json.createObjectNode();
        body.put("status", "synced");
        body.put("event", eventKey);
        body.put("entityType", result.entityType());
        body.put("entityId", result.entityId());
        body.put("action", event.action().name().toLowerCase());
        body.set("vtiger", json.valueToTree(result.link().vtigerIds()));
        body.set("records", json.valueToTree(result.records()));
        if (!result.notes().isEmpty()) {
            body.set("notes", json.valueToTree(result.notes()));
        }
        if (!event.missing().isEmpty()) {
            body.set("missing", json.valueToTree(event.missing()));
        }
        return body.toString();
    }

    private HttpApiResponse replayed(String resultJson) {
        try {
            ObjectNode body = (ObjectNode) json.readTree(resultJson);
            body.put("replayed", true);
            return HttpApiResponse.json(200, body.toString());
        } catch (JsonProcessingException | ClassCastException e) {
            return HttpApiResponse.json(200, "{\"status\":\"synced\",\"replayed\":true}");
        }
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
