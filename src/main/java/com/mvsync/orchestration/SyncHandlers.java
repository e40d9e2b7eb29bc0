package com.mvsync.orchestration;

import com.mvsync.magento.EntityType;
import com.mvsync.magento.EventAction;
import com.mvsync.magento.MagentoEvent;
import com.mvsync.mapping.RecordType;
import com.mvsync.settings.SyncSettings;
import com.mvsync.store.EntityLink;
import com.mvsync.sync.DeletedEntitySync;
import com.mvsync.sync.EntityCompleter;
import com.mvsync.sync.EntityRules;
import com.mvsync.sync.RulesByType;
import com.mvsync.sync.SyncResult;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The sync handler of each webhook route in the registry ({@link EntityType#webhooks()}). Both the function that
 * receives an event and the drain that replays a queued one find the handler here by the route's export name, so an
 * event is synced by the same rules either way: a save or registration by its type's {@link EntityRules}, a deletion by
 * {@link DeletedEntitySync}.
 */
@ApplicationScoped
public class SyncHandlers {

    /** A webhook route and how to sync its events. */
    public record Registered(EntityType.Webhook webhook, EntitySyncHandler handler) {

        public String export() {
            return webhook.export();
        }

        /** The entity type the route's events must be about. */
        public EntityType type() {
            return webhook.type();
        }

        /**
         * Why this route does not take the event: a delete sent to a save route, or a named save event to a delete
         * route. A bare REST entity names no event; a delete route takes it as the entity deleted.
         */
        public Optional<String> refusal(MagentoEvent event) {
            String label = type().label();
            boolean deletes = webhook.kind() == EntityType.Webhook.Kind.DELETE;
            if (deletes && event.action() != EventAction.DELETED && event.eventName() != null) {
                return Optional.of("this endpoint takes deleted " + label + " events ("
                        + type().eventExamples(true) + "); got " + event.eventName() + ", which is not a delete; "
                        + "send it to the " + label + " save endpoint");
            }
            if (!deletes && event.action() == EventAction.DELETED) {
                String to = type().webhooks().stream().filter(w -> w.kind() == EntityType.Webhook.Kind.DELETE)
                        .map(EntityType.Webhook::path).findFirst().orElse("no route: Magento's deletes of it are not synced");
                return Optional.of("this endpoint takes saved " + label + " events; got " + event.eventName()
                        + " (a delete); send it to " + to);
            }
            return Optional.empty();
        }
    }

    private final Map<String, Registered> byExport;

    public SyncHandlers(RulesByType rules, DeletedEntitySync deletes, EntityCompleter completer) {
        this.byExport = EntityType.allWebhooks().stream().collect(Collectors.toUnmodifiableMap(
                EntityType.Webhook::export, w -> new Registered(w, w.kind() == EntityType.Webhook.Kind.DELETE
                        ? deleted(deletes) : handler(w, rules.of(w.type()), completer))));
    }

    public Registered get(String export) {
        Registered registered = byExport.get(export);
        if (registered == null) {
            throw new IllegalArgumentException("no webhook export named " + export);
        }
        return registered;
    }

    /**
     * Every route completes its entity the same way before syncing it (so the drain of a queued event does too), and
     * adds the completion's notes to the answer.
     */
    private static EntitySyncHandler handler(EntityType.Webhook route, EntityRules rules,
            EntityCompleter completer) {
        return new EntitySyncHandler() {
            @Override
            public String entityKey(MagentoEvent event) {
                return event.entityType().key(event.entityType().idOf(event.entity()));
            }

            @Override
            public SyncResult sync(MagentoEvent event, EntityLink link, SyncSettings settings) {
                Set<RecordType> types = settings.enabledRecordTypes(event.entityType());
                EntityCompleter.Completed completed = completer.complete(event, types,
                        settings.records().alwaysFetch());
                String id = event.entityType().idOf(event.entity());
                return rules.sync(route, id, completed.entity(), link, types).withNotes(completed.notes())
                        .withSourceVersion(completed.entity().path("updated_at").asText(null));
            }
        };
    }

    /**
     * A deletion: the entity is gone from Magento, so nothing is fetched; its linked records are marked or deleted by
     * each type's delete policy.
     */
    private static EntitySyncHandler deleted(DeletedEntitySync deletes) {
        return new EntitySyncHandler() {
            @Override
            public String entityKey(MagentoEvent event) {
                return event.entityType().key(event.entityType().idOf(event.entity()));
            }

            @Override
            public SyncResult sync(MagentoEvent event, EntityLink link, SyncSettings settings) {
                return deletes.sync(event.entityType(), event.entityType().idOf(event.entity()), event.entity(),
                        link, settings);
            }
        };
    }
}
