package com.mvsync.sync;

import java.util.Set;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.mvsync.magento.EntityType;
import com.mvsync.mapping.FieldMapper;
import com.mvsync.mapping.RecordType;
import com.mvsync.store.EntityLink;
import com.mvsync.store.SyncLedger;
import com.mvsync.vtiger.VtigerClient;
import com.mvsync.vtiger.VtigerException;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A Magento product becomes a Vtiger Product, matched by its link, then by product code (the SKU), never duplicated.
 * Products are keyed by SKU: it is what every payload (and every order line) carries.
 */
@ApplicationScoped
public class ProductSync implements EntityRules {

    private static final int IN_LIST_LIMIT = 50;
    private static final String MODULE = RecordType.PRODUCT.module();

    private final FieldMapper mapper;
    private final RecordWriter writer;
    private final VtigerClient vtiger;
    private final SyncLedger ledger;
    private final ObjectMapper json;
    private final LockedSync lockedSync;
    private final Branches branches;

    public ProductSync(FieldMapper mapper, RecordWriter writer, VtigerClient vtiger, SyncLedger ledger,
            ObjectMapper json, LockedSync lockedSync, Branches branches) {
        this.branches = branches;
        this.mapper = mapper;
        this.writer = writer;
        this.vtiger = vtiger;
        this.ledger = ledger;
        this.json = json;
        this.lockedSync = lockedSync;
    }

    @Override
    public EntityType type() {
        return EntityType.PRODUCT;
    }

    @Override
    public SyncResult sync(EntityType.Webhook route, String id, JsonNode entity, EntityLink link,
            Set<RecordType> types) {
        return sync(entity, link);
    }

    @Override
    public List<Draft> draft(JsonNode entity) {
        return List.of(new Draft(RecordType.PRODUCT, fields(entity)));
    }

    public SyncResult sync(JsonNode product, EntityLink link) {
        Fields fields = fields(product);
        String sku = product.path("sku").asText();
        var written = writer.write(link, MODULE, fields, RecordWriter.Lookup.by(Map.of("productcode", sku)), true);
        return new SyncResult(EntityType.PRODUCT, sku, List.of(written.outcome()), written.notes(), written.link());
    }

    /** The lookup {@link #sync} makes for an unlinked product, as a batch can make it in bulk ({@link BatchLookup}). */
    public Optional<BatchLookup.Wanted> lookup(JsonNode product, EntityLink link) {
        if (link.idOf(MODULE) != null) {
            return Optional.empty();
        }
        return Optional.of(new BatchLookup.Wanted(MODULE, Map.of("productcode", product.path("sku").asText()),
                fields(product).determined().keySet()));
    }

    /** The mapped fields, plus the active flag unless a mapping row sets it: Magento status 1 is enabled. */
    Fields fields(JsonNode product) {
        Fields fields = Fields.of(mapper, RecordType.PRODUCT, product);
        if (product.has("status")) {
            // Vtiger's "Product Active" checkbox is the field named discontinued.
            fields = fields.withDefault("discontinued", product.path("status").asInt(1) == 1 ? "1" : "0");
        }
        return fields;
    }

    /** A product named by an order or invoice line. */
    public record LineProduct(String sku, String name, String price) {
    }

    /**
     * Creates the Product of an order line under its entity lock, and links it before releasing the lock: two orders
     * with the same new SKU synced at once must not both create it. The one that waits (locked out) is retried, and
     * then finds the link. No second lookup is needed under the lock: a holder either linked what it made before
     * releasing, or crashed at least a lease ago, before the lookup this sync made.
     */
    private RecordWriter.Written createLocked(LineProduct line) {
        ObjectNode product = json.createObjectNode().put("sku", line.sku()).put("name", line.name());
        Optional.ofNullable(line.price()).ifPresent(p -> product.put("price", p));
        // Looked up in bulk by resolve(): only the identity counts here (a cut SKU is claimed for this product).
        LockedSync.Done<RecordWriter.Written> done = lockedSync.run(EntityType.PRODUCT.key(line.sku()),
                link -> link.idOf(MODULE) != null, link -> writer.write(link, MODULE, fields(product),
                        RecordWriter.Lookup.identity(Map.of("productcode", line.sku())), false),
                RecordWriter.Written::link, LockedSync.KeepPartial.NEVER);
        return done.synced().orElseGet(() -> new RecordWriter.Written(new RecordOutcome(MODULE,
                done.link().idOf(MODULE), RecordOutcome.Action.UNCHANGED), done.link()));
    }

    /** Vtiger product ids by SKU for order lines, what was done, the links made on the way, and the notes. */
    public record Resolved(Map<String, String> idsBySku, List<RecordOutcome> outcomes, List<EntityLink> newLinks,
            List<String> notes) {
    }

    /**
     * Finds or creates the Vtiger Products of an order's lines: links first (one batch read), then one Vtiger query
     * per 50 unlinked SKUs, then the creates of the SKUs still missing, at once (each under its own lock, linked as
     * it is made: when one fails, the others are kept and found by their links on the retry).
     */
    public Resolved resolve(Collection<LineProduct> lines) {
        Map<String, LineProduct> bySku = new LinkedHashMap<>();
        lines.forEach(l -> bySku.putIfAbsent(l.sku(), l));
        Map<String, EntityLink> links = ledger.links(bySku.keySet().stream().map(EntityType.PRODUCT::key).toList());

        Map<String, String> ids = new LinkedHashMap<>();
        List<RecordOutcome> outcomes = new ArrayList<>();
        List<EntityLink> newLinks = new ArrayList<>();
        List<String> unlinked = new ArrayList<>();
        for (String sku : bySku.keySet()) {
            EntityLink link = links.get(EntityType.PRODUCT.key(sku));
            String id = link == null ? null : link.idOf(MODULE);
            if (id != null) {
                ids.put(sku, id);
            } else {
                unlinked.add(sku);
            }
        }
        List<String> notes = new ArrayList<>();
        try {
            for (int i = 0; i < unlinked.size(); i += IN_LIST_LIMIT) {
                List<String> chunk = unlinked.subList(i, Math.min(unlinked.size(), i + IN_LIST_LIMIT));
                // Vtiger holds a SKU longer than productcode's column only cut: compare the stored forms.
                Map<String, List<String>> skusByStored = new LinkedHashMap<>();
                Map<String, StorableFields.Fitted> identities = new LinkedHashMap<>();
                for (String sku : chunk) {
                    StorableFields.Fitted identity = writer.storedForm(MODULE, Map.of("productcode", sku));
                    identities.put(sku, identity);
                    // Folded as Vtiger's MariaDB compares (and Magento's: one SKU in another case is the same
                    // product), so a row answering "mb-01" for MB-01 links it instead of making a second one.
                    skusByStored.computeIfAbsent(KnownRecords.fold(identity.values().get("productcode")),
                            k -> new ArrayList<>()).add(sku);
                }
                String in = identities.values().stream().map(f -> f.values().get("productcode")).distinct()
                        .map(VtigerClient::quote).collect(Collectors.joining(", "));
                for (JsonNode row : vtiger.query("SELECT id, productcode FROM Products WHERE productcode IN (" + in
                        + ");")) {
                    String id = row.path("id").asText();
                    for (String sku : skusByStored.getOrDefault(KnownRecords.fold(row.path("productcode").asText()),
                            List.of())) {
                        if (ids.containsKey(sku)) {
                            continue;
                        }
                        EntityLink found = EntityLink.empty(EntityType.PRODUCT.key(sku)).with(MODULE, id, Map.of());
                        if (identities.get(sku).altered()) {
                            writer.refuseIfHeldByAnother(MODULE, id, found, identities.get(sku));
                        }
                        ids.put(sku, id);
                        String held = row.path("productcode").asText();
                        if (!held.equals(identities.get(sku).values().get("productcode"))) {
                            notes.add("SKU " + sku + " linked to Vtiger product " + id + ", which Vtiger holds as "
                                    + held + " (the same product to Magento and Vtiger, which compare SKUs without "
                                    + "case)");
                        }
                        outcomes.add(new RecordOutcome(MODULE, id, RecordOutcome.Action.LINKED));
                        newLinks.add(found);
                    }
                }
            }
        } catch (VtigerException e) {
            throw new SyncFailedException(MODULE, EntityLink.empty("products"), e);
        }
        List<String> missing = unlinked.stream().filter(sku -> !ids.containsKey(sku)).toList();
        List<RecordWriter.Written> made = Branches.valuesOrThrow(branches.all(missing.stream()
                .map(sku -> (java.util.function.Supplier<RecordWriter.Written>) () -> createLocked(bySku.get(sku)))
                .toList()));
        for (int i = 0; i < missing.size(); i++) {
            ids.put(missing.get(i), made.get(i).outcome().id());
            outcomes.add(made.get(i).outcome());
            notes.addAll(made.get(i).notes());
        }
        return new Resolved(ids, outcomes, newLinks, notes);
    }
}
