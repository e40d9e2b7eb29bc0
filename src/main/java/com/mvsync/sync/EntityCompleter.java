package com.mvsync.sync;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.mvsync.magento.EntityType;
import com.mvsync.magento.MagentoEvent;
import com.mvsync.mapping.AddressResolver;
import com.mvsync.mapping.FieldMapper;
import com.mvsync.mapping.MissingField;
import com.mvsync.mapping.RecordType;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Completes a webhook's entity from Magento's REST API before it is synced, for every entity type. Senders send
 * part of an entity (Adobe I/O Events the subscribed fields, Adobe Commerce Webhooks a customer's address ids without
 * the addresses, Mageplaza what its template prints), so the entity is fetched (one GET) when:
 * <ul>
 * <li>an order or invoice lacks what it cannot be synced without (items; an order's billing address): if Magento
 * cannot supply it either, nothing is synced (422);</li>
 * <li>an active mapping row of an enabled record type reads only what the payload lacks
 * ({@link FieldMapper#missingFields});</li>
 * <li>the admin set {@code records.alwaysFetch} for senders that always send partial data.</li>
 * </ul>
 * Otherwise nothing is fetched. Where the payload and Magento's entity both have a field, see {@link NewerWins}.
 * Mapped fields that stay empty (Magento not configured, the entity not found, or Magento lacking them too) are named
 * in the answer's notes, and the sync goes ahead with what there is. A fetch that failed in a way a retry can fix is
 * left to propagate ({@link SourceUnavailableException}): the event is queued.
 */
@ApplicationScoped
public class EntityCompleter {

    private static final String NOT_CONFIGURED = " and Magento's REST API is not configured";

    private final FieldMapper mapper;
    private final EntityFetcher fetcher;

    public EntityCompleter(FieldMapper mapper, EntityFetcher fetcher) {
        this.mapper = mapper;
        this.fetcher = fetcher;
    }

    /** The entity to sync, and notes on mapped fields it cannot fill. */
    public record Completed(ObjectNode entity, List<String> notes) {
        public Completed {
            notes = List.copyOf(notes);
        }
    }

    /**
     * @param types       the record types the admin has enabled for this entity: only their mapping rows count
     * @param alwaysFetch fetch even a payload that has everything mapped ({@code records.alwaysFetch})
     */
    public Completed complete(MagentoEvent event, Set<RecordType> types, boolean alwaysFetch) {
        EntityType type = event.entityType();
        ObjectNode payload = event.entity();
        String id = fetchId(event);
        String what = type.label() + " "
                + (id != null ? id : "with increment_id " + payload.path("increment_id").asText());
        List<String> required = requiredMissing(type, payload);
        UnfilledFields unfilled = unfilled(types, payload);
        if (required.isEmpty() && unfilled.isEmpty() && !alwaysFetch) {
            return new Completed(payload, List.of());
        }

        Optional<ObjectNode> fetched;
        try {
            fetched = id == null ? Optional.empty() : fetcher.fetch(type, id);
        } catch (IncompleteEntityException e) { // Magento answered, without the entity (404, refused, ...)
            if (!required.isEmpty()) {
                throw new IncompleteEntityException(what + " lacks " + required + "; " + e.getMessage(), required);
            }
            return new Completed(payload, unfilled.isEmpty()
                    ? List.of(e.getMessage() + "; synced from the payload alone")
                    : unfilled.notes(type, payload, "the payload", " and " + e.getMessage()));
        }
        if (fetched.isEmpty()) {
            String why = id == null ? " and no entity_id to fetch the rest by" : NOT_CONFIGURED;
            if (!required.isEmpty()) {
                throw new IncompleteEntityException(what + " lacks " + required
                        + " and could not be fetched from Magento (" + (id == null ? "the payload has no entity_id"
                        : "is the Magento REST API configured?") + ")", required);
            }
            return new Completed(payload, unfilled.notes(type, payload, "the payload", why));
        }

        ObjectNode entity = NewerWins.merge(payload, fetched.get());
        List<String> stillRequired = requiredMissing(type, entity);
        if (!stillRequired.isEmpty()) {
            throw new IncompleteEntityException(what + " lacks " + stillRequired + ", in Magento too", stillRequired);
        }
        return new Completed(entity, unfilled(types, entity).notes(type, entity, "Magento's " + what, ""));
    }

    /**
     * An entity the sync needs whole that no webhook brought (an invoice's order that was never synced), from
     * Magento, with what it cannot be synced without.
     *
     * @throws IncompleteEntityException when Magento is not configured, does not have it, or lacks its required parts
     */
    public ObjectNode fetchWhole(EntityType type, String id) {
        String what = type.label() + " " + id;
        ObjectNode entity = fetcher.fetch(type, id).orElseThrow(() -> new IncompleteEntityException(what
                + " could not be fetched from Magento (is the Magento REST API configured?)", List.of(type.label())));
        List<String> missing = requiredMissing(type, entity);
        if (!missing.isEmpty()) {
            throw new IncompleteEntityException(what + " lacks " + missing + ", in Magento too", missing);
        }
        return entity;
    }

    private UnfilledFields unfilled(Set<RecordType> types, JsonNode entity) {
        Map<RecordType, List<MissingField>> byType = new EnumMap<>(RecordType.class);
        for (RecordType type : types) {
            byType.put(type, mapper.missingFields(type, entity));
        }
        return new UnfilledFields(byType);
    }

    /** What an order or invoice cannot be synced without: Vtiger inventory records need lines and an address. */
    static List<String> requiredMissing(EntityType type, JsonNode entity) {
        List<String> missing = new ArrayList<>();
        if ((type == EntityType.ORDER || type == EntityType.INVOICE) && OrderLines.of(entity).isEmpty()) {
            missing.add("items");
        }
        if (type == EntityType.ORDER && AddressResolver.REST.billing(entity).isMissingNode()) {
            missing.add("billing_address");
        }
        return missing;
    }

    /** Products are fetched by SKU, everything else by entity id. */
    private static String fetchId(MagentoEvent event) {
        String id = event.entityType() == EntityType.PRODUCT ? event.entity().path("sku").asText(null)
                : event.entityId();
        return id == null || id.isBlank() ? null : id;
    }
}
