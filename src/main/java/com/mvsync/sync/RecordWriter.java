package com.mvsync.sync;

import com.fasterxml.jackson.databind.JsonNode;
import com.mvsync.settings.FirstLink;
import com.mvsync.settings.RecordPolicy;
import com.mvsync.settings.RecordPolicySource;
import com.mvsync.store.EntityLink;
import com.mvsync.store.SyncLedger;
import com.mvsync.sync.RecordOutcome.Action;
import com.mvsync.telemetry.SyncMetrics;
import com.mvsync.vtiger.Alteration;
import com.mvsync.vtiger.CurrencyPreferences;
import com.mvsync.vtiger.VtigerClient;
import com.mvsync.vtiger.VtigerException;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * Writes one Vtiger record for a Magento entity without ever making it twice, and without Vtiger altering anything
 * silently:
 * <ul>
 * <li>a linked record is revised with the fields that changed since the last write (or left alone);</li>
 * <li>an unlinked one is first looked up in Vtiger (a record made by hand, by the extension this product replaces, or
 * by a sync whose link was lost), brought up to Magento's values on that first link (or left as Vtiger has it, by
 * the record policy), and only created when the lookup finds nothing;</li>
 * <li>every value is first made storable ({@link StorableFields}: cut to its column, 4-byte characters replaced), and
 * Vtiger's answer, which is the stored record, is compared with what was sent; each difference is a note.</li>
 * </ul>
 */
@ApplicationScoped
public class RecordWriter {

    private final VtigerClient vtiger;
    private final StorableFields storable;
    private final RecordPolicySource policies;
    private final SyncLedger ledger;
    private final SyncMetrics metrics;
    private final KnownRecords known;
    private final PicklistValues picklists;
    private final MagentoSideConflicts conflicts;

    public RecordWriter(VtigerClient vtiger, StorableFields storable, RecordPolicySource policies, SyncLedger ledger,
            SyncMetrics metrics, KnownRecords known, PicklistValues picklists, MagentoSideConflicts conflicts) {
        this.picklists = picklists;
        this.conflicts = conflicts;
        this.vtiger = vtiger;
        this.storable = storable;
        this.policies = policies;
        this.ledger = ledger;
        this.metrics = metrics;
        this.known = known;
    }

    /**
     * The outcome, the link with this record's id and written values, the record Vtiger answered a create with, and
     * the notes: every value altered on the way, every first-link revision; the fields both sides changed.
     */
    public record Written(RecordOutcome outcome, EntityLink link, Optional<JsonNode> created, List<String> notes,
            List<FieldConflict> conflicts) {
        public Written {
            notes = List.copyOf(notes);
            conflicts = List.copyOf(conflicts);
        }

        public Written(RecordOutcome outcome, EntityLink link, Optional<JsonNode> created, List<String> notes) {
            this(outcome, link, created, notes, List.of());
        }

        Written(RecordOutcome outcome, EntityLink link) {
            this(outcome, link, Optional.empty(), List.of());
        }

        /** This write with {@code first} before its notes. */
        Written notedFirst(List<String> first) {
            if (first.isEmpty()) {
                return this;
            }
            List<String> all = new ArrayList<>(first);
            all.addAll(notes);
            return new Written(outcome, link, created, all, conflicts);
        }
    }

    /**
     * How an unlinked record is found in Vtiger: field values that identify it (e-mail, name, product code).
     *
     * @param query false when the caller has looked the record up already (in bulk) and only the identity counts
     * @param answered whether {@link #lookUp} made the query already
     * @param found the row it found (null when none, or not answered)
     * @param taken the drain batch's bulk answer it used (null when it queried or was not answered)
     */
    public record Lookup(Map<String, String> criteria, boolean query, boolean answered, JsonNode found,
            KnownRecords.Taken taken) {
        public static final Lookup NONE = new Lookup(Map.of(), false);

        public Lookup {
            Map<String, String> copy = new LinkedHashMap<>();
            criteria.forEach((field, value) -> copy.put(field, value == null ? "" : value));
            criteria = java.util.Collections.unmodifiableMap(copy);
        }

        public Lookup(Map<String, String> criteria, boolean query) {
            this(criteria, query, false, null, null);
        }

        Lookup withAnswer(Optional<JsonNode> row, KnownRecords.Taken bulk) {
            return new Lookup(criteria, query, true, row.orElse(null), bulk);
        }

        public static Lookup by(Map<String, String> criteria) {
            return new Lookup(criteria, true);
        }

        /** An identity without a query: a record the caller knows is absent (bulk lookup done). */
        public static Lookup identity(Map<String, String> criteria) {
            return new Lookup(criteria, false);
        }

        boolean usable() {
            return !criteria.isEmpty() && criteria.values().stream().noneMatch(v -> v == null || v.isBlank());
        }
    }

    /**
     * A value to use instead when Vtiger's Duplicate Prevention refuses {@code field} (a personal Organization whose
     * name another customer's Organization has): the record is then looked up by {@code lookup} and made under it.
     */
    public record WhenTaken(String field, String alternative, Map<String, String> lookup) {
    }

    /**
     * @param updateLinked whether a linked record gets the changed fields (an edit) or is left as it is (a
     *        registration delivered again)
     */
    public Written write(EntityLink link, String module, Fields fields, Lookup lookup, boolean updateLinked) {
        return write(link, module, fields, lookup, updateLinked, Optional.empty());
    }

    public Written write(EntityLink link, String module, Fields fields, Lookup lookup, boolean updateLinked,
            Optional<WhenTaken> whenTaken) {
        // A linked record this write leaves as it is (a redelivery) asks Vtiger nothing, not even describe.
        Map<String, String> previous = link.lastWrittenTo(module);
        boolean sendsNothing = link.idOf(module) != null && (!updateLinked || fields.determined().entrySet().stream()
                .allMatch(e -> e.getValue().equals(previous.get(e.getKey()))));
        PicklistValues.Checked checked;
        try {
            checked = sendsNothing ? new PicklistValues.Checked(fields, List.of()) : picklists.check(module, fields);
        } catch (VtigerException e) {
            throw new SyncFailedException(module, link, e);
        }
        // What the mapping could not name is noted with a write that sends something, not with every redelivery.
        List<String> notes = new ArrayList<>(sendsNothing ? List.of() : fields.notes());
        notes.addAll(checked.notes());
        return checkedWrite(link, module, checked.fields(), lookup, updateLinked, whenTaken).notedFirst(notes);
    }

    private Written checkedWrite(EntityLink link, String module, Fields fields, Lookup lookup, boolean updateLinked,
            Optional<WhenTaken> whenTaken) {
        RecordPolicy policy = policies.recordPolicy();
        StorableFields.Fitted all = storable.fit(module, fields.all(), policy);
        Map<String, String> determined = StorableFields.restrict(all.values(), fields.determined().keySet());
        String linkedId = link.idOf(module);
        try {
            if (linkedId != null) {
                return updateLinked ? revise(link, module, linkedId, determined, all.alterations(), fields)
                        : new Written(new RecordOutcome(module, linkedId, Action.UNCHANGED), link);
            }
            return findOrCreate(link, module, all, determined, lookup, policy, whenTaken, fields);
        } catch (VtigerException e) {
            throw new SyncFailedException(module, link, e);
        }
    }

    /**
     * The lookup {@link #write} would make for this record, made now: a sync that writes several records can look
     * them all up at once, then write each with the answer ({@link Lookup#answered}). A linked record, or one with no
     * usable lookup, is returned as it is (its write makes no query either). The same query as {@code write}'s, so
     * {@code fields} must have the keys the write's will have (a link field whose value is not known yet with "").
     */
    public Lookup lookUp(EntityLink link, String module, Fields fields, Lookup lookup) {
        if (link.idOf(module) != null || lookup.answered() || !lookup.query() || !lookup.usable()) {
            return lookup;
        }
        RecordPolicy policy = policies.recordPolicy();
        StorableFields.Fitted all = storable.fit(module, fields.all(), policy);
        Map<String, String> determined = StorableFields.restrict(all.values(), fields.determined().keySet());
        StorableFields.Fitted identity = storable.fit(module, lookup.criteria(), policy);
        try {
            return answer(module, identity.values(), determined.keySet(), lookup);
        } catch (VtigerException e) {
            throw new SyncFailedException(module, link, e);
        }
    }

    /**
     * The lookup answered: by the drain batch's bulk lookup when it holds this identity (it looked the record up with
     * its neighbours in one query), else by one query.
     */
    private Lookup answer(String module, Map<String, String> identity, java.util.Collection<String> compared,
            Lookup lookup) {
        Optional<KnownRecords.Taken> taken = known.take(module, identity, compared);
        Optional<JsonNode> row = taken.isPresent() ? taken.get().answer().row()
                : vtiger.queryOne(lookupQuery(module, identity, compared));
        return lookup.withAnswer(row, taken.orElse(null));
    }

    private Written findOrCreate(EntityLink link, String module, StorableFields.Fitted all,
            Map<String, String> determined, Lookup lookup, RecordPolicy policy, Optional<WhenTaken> whenTaken,
            Fields rules) {
        StorableFields.Fitted identity = storable.fit(module, lookup.criteria(), policy);
        Lookup answered = lookup.answered() || !lookup.query() || !lookup.usable() ? lookup
                : answer(module, identity.values(), determined.keySet(), lookup);
        if (answered.found() != null) {
            return firstLink(link, module, answered.found(), determined, identity, all.alterations(), policy, rules);
        }
        try {
            Written made = create(link, module, new LinkedHashMap<>(all.values()), all.values(), all.alterations(),
                    identity);
            // The next record of the drain batch with this identity links this one.
            if (answered.taken() != null) {
                made.created().ifPresent(record -> known.created(answered.taken(), record));
            }
            return made;
        } catch (VtigerException e) {
            if (!VtigerException.DUPLICATE.equals(e.code())) {
                throw e;
            }
            Optional<JsonNode> winner = raceWinner(module, identity, determined, lookup);
            if (winner.isPresent()) {
                if (answered.taken() != null) {
                    known.created(answered.taken(), winner.get());
                }
                return firstLink(link, module, winner.get(), determined, identity, all.alterations(), policy, rules);
            }
            return duplicate(link, module, all, determined, policy, whenTaken, e, rules);
        }
    }

    /**
     * The record another sync made between this one's lookup and its create, when the lookup would find it now.
     * Colleagues of one company registering at once all look their company's Organization up by name, find none, and
     * create; Vtiger's Duplicate Prevention (stock 8.2.0: Accounts.accountname, compared case-insensitively) refuses
     * all but the first with "Duplicate(s) detected!". The holder of the value is then the very record the lookup was
     * looking for, so it is linked like any record found by lookup. Asked afresh, never from a drain batch's answer,
     * which predates the race.
     */
    private Optional<JsonNode> raceWinner(String module, StorableFields.Fitted identity,
            Map<String, String> determined, Lookup lookup) {
        if (!lookup.usable()) {
            return Optional.empty();
        }
        return vtiger.queryOne(lookupQuery(module, identity.values(), determined.keySet()));
    }

    /**
     * Creates an inventory record (Sales Order, Invoice) with its line items unless it is found by the lookup. Only
     * {@code header} counts as written: line items are never compared or sent again. A Sales Order found by its
     * subject is linked as it is: its header is revised by the next edit of the order.
     */
    public Written writeInventory(EntityLink link, String module, Map<String, Object> element,
            Fields header, Lookup lookup) {
        if (link.idOf(module) != null) {
            throw new IllegalStateException(module + " is linked already; revise its header instead");
        }
        RecordPolicy policy = policies.recordPolicy();
        try {
            StorableFields.Fitted identity = storable.fit(module, lookup.criteria(), policy);
            if (lookup.query() && lookup.usable()) {
                Optional<String> found = vtiger.queryOne(lookupQuery(module, identity.values(), List.of()))
                        .map(row -> row.path("id").asText());
                if (found.isPresent()) {
                    return new Written(new RecordOutcome(module, found.get(), Action.LINKED),
                            link.with(module, found.get(), Map.of()));
                }
            }
            Map<String, Object> checked = new LinkedHashMap<>(element);
            Map<String, String> headerValues = new LinkedHashMap<>(header.all());
            List<String> notes = picklists.checkElement(module, checked, headerValues, header);
            StorableFields.FittedElement fitted = storable.fitElement(module, checked, policy);
            Map<String, String> written = StorableFields.restrict(fitted.header(), headerValues.keySet());
            return create(link, module, fitted.element(), written, fitted.alterations(), identity).notedFirst(notes);
        } catch (VtigerException e) {
            throw new SyncFailedException(module, link, e);
        }
    }

    private Written create(EntityLink link, String module, Map<String, Object> element, Map<String, String> written,
            List<Alteration> alterations, StorableFields.Fitted identity) {
        element.put("assigned_user_id", vtiger.assignedUserId());
        JsonNode created = vtiger.create(module, element);
        String id = created.path("id").asText();
        if (identity.altered()) {
            // A new record: nobody else can hold it, but the claim lets a colliding entity be refused later.
            ledger.claimRecord(id, link.entityKey());
        }
        List<Alteration> all = new ArrayList<>(alterations);
        all.addAll(WriteCheck.differences(module, written, created, this::currencyPreferences));
        return new Written(new RecordOutcome(module, id, Action.CREATED), link.with(module, id, written),
                Optional.of(created), notes(all));
    }

    /**
     * Revises only the fields whose value differs from what was last written there; nothing at all when none does.
     * A field the payload does not mention is left as it is in Vtiger (a partial payload is not a deletion).
     */
    private Written revise(EntityLink link, String module, String id, Map<String, String> fields,
            List<Alteration> alterations, Fields rules) {
        Map<String, String> previous = link.lastWrittenTo(module);
        Map<String, String> changed = new LinkedHashMap<>();
        fields.forEach((field, value) -> {
            if (!value.equals(previous.get(field))) {
                changed.put(field, value);
            }
        });
        if (changed.isEmpty()) {
            return new Written(new RecordOutcome(module, id, Action.UNCHANGED), link);
        }
        // Kept values count as written: the next edit that leaves them as they are in Magento asks nothing again.
        Map<String, String> written = new LinkedHashMap<>(previous);
        written.putAll(changed);
        // Vtiger's record, read once for the conflicts and the write rules, and only when one needs it.
        AtomicReference<JsonNode> read = new AtomicReference<>();
        Supplier<JsonNode> current = () -> {
            if (read.get() == null) {
                read.set(vtiger.retrieve(id));
            }
            return read.get();
        };
        MagentoSideConflicts.Decided decided = conflicts.decide(module, changed, link, rules, current);
        decided.vtigerWon().keySet().forEach(changed::remove);
        EntityLink base = decided.link();
        List<String> keptNotes = new ArrayList<>();
        WriteRules.Kept kept = WriteRules.kept(changed, rules, current);
        kept.fields().keySet().forEach(changed::remove);
        kept.note(module, id).ifPresent(keptNotes::add);
        Action action = Action.UNCHANGED;
        if (!changed.isEmpty()) {
            Map<String, Object> element = new LinkedHashMap<>(changed);
            element.put("id", id);
            JsonNode stored = vtiger.revise(element);
            List<Alteration> all = new ArrayList<>(alterations.stream().filter(a -> changed.containsKey(a.field()))
                    .toList());
            all.addAll(WriteCheck.differences(module, changed, stored, this::currencyPreferences));
            keptNotes.addAll(notes(all));
            action = Action.UPDATED;
        }
        decided.conflicts().forEach(c -> keptNotes.add(c.note()));
        EntityLink out = base.with(module, id, written);
        if (!decided.vtigerWon().isEmpty()) {
            // Magento's values count as agreed, so the write back finds Magento unchanged and writes Vtiger's.
            WriteBackResult back = conflicts.toMagento(module, id, decided, out);
            back.changes().forEach(c -> keptNotes.add("Vtiger's value written to " + c.module() + ": " + c.field()
                    + " '" + c.before() + "' → '" + c.after() + "'"));
            keptNotes.addAll(back.notes());
            out = back.link();
        }
        return new Written(new RecordOutcome(module, id, action), out, Optional.empty(), keptNotes,
                decided.conflicts());
    }

    /**
     * A record found by lookup is linked, and, unless Vtiger wins on first link, the mapped fields whose values differ
     * from Magento's are revised (one call; a value Magento leaves empty never clears Vtiger's). Found by an identity
     * Vtiger holds only altered (a cut SKU), it is first claimed for this entity: two Magento entities must never
     * share one record.
     */
    private Written firstLink(EntityLink link, String module, JsonNode row, Map<String, String> determined,
            StorableFields.Fitted identity, List<Alteration> alterations, RecordPolicy policy, Fields rules) {
        String id = row.path("id").asText();
        if (identity.altered()) {
            refuseIfHeldByAnother(module, id, link, identity);
        }
        Map<String, String> differing = new LinkedHashMap<>();
        determined.forEach((field, value) -> {
            if (!value.isBlank() && row.has(field) && !WriteCheck.same(value, row.path(field).asText())) {
                differing.put(field, value);
            }
        });
        Map<String, String> written = new LinkedHashMap<>(determined);
        written.entrySet().removeIf(e -> e.getValue().isBlank() && row.path(e.getKey()).asText("").length() > 0);
        List<String> notes = new ArrayList<>();
        RecordOutcome outcome = new RecordOutcome(module, id, Action.LINKED);
        if (policy.firstLink() != FirstLink.VTIGER_WINS) {
            WriteRules.Kept kept = WriteRules.kept(differing, rules, () -> row);
            kept.fields().keySet().forEach(differing::remove);
            kept.note(module, id).ifPresent(notes::add);
        }
        if (differing.isEmpty()) {
            return new Written(outcome, link.with(module, id, written), Optional.empty(), notes);
        }
        if (policy.firstLink() == FirstLink.VTIGER_WINS) {
            notes.add(module + " " + id + " found in Vtiger and linked; Vtiger's values kept for "
                    + String.join(", ", differing.keySet()) + " (first link: Vtiger wins)");
            return new Written(outcome, link.with(module, id, written), Optional.empty(), notes);
        }
        Map<String, Object> element = new LinkedHashMap<>(differing);
        element.put("id", id);
        JsonNode stored = vtiger.revise(element);
        notes.add(module + " " + id + " found in Vtiger and linked; " + String.join(", ", differing.keySet())
                + " revised to Magento's values");
        List<Alteration> all = new ArrayList<>(alterations.stream().filter(a -> differing.containsKey(a.field()))
                .toList());
        all.addAll(WriteCheck.differences(module, differing, stored, this::currencyPreferences));
        notes.addAll(notes(all));
        return new Written(outcome, link.with(module, id, written), Optional.empty(), notes);
    }

    /**
     * Duplicate Prevention refused the create: a field marked {@code isunique} holds a value another record has. A
     * caller that has an alternative for that field (a personal Organization) gets a record under it; otherwise the
     * event becomes a dead letter naming the field and the record that holds the value.
     */
    private Written duplicate(EntityLink link, String module, StorableFields.Fitted all,
            Map<String, String> determined, RecordPolicy policy, Optional<WhenTaken> whenTaken, VtigerException e,
            Fields rules) {
        List<String> unique = vtiger.describe(module).uniqueFields().stream()
                .filter(f -> all.values().get(f) != null && !all.values().get(f).isBlank()).toList();
        Optional<WhenTaken> alternative = whenTaken.filter(w -> unique.contains(w.field()));
        if (alternative.isPresent()) {
            WhenTaken w = alternative.get();
            Optional<String> holder = holderOf(module, w.field(), all.values().get(w.field()));
            Map<String, String> values = new LinkedHashMap<>(all.values());
            Map<String, String> renamed = new LinkedHashMap<>(determined);
            StorableFields.Fitted name = storable.fit(module, Map.of(w.field(), w.alternative()), policy);
            values.put(w.field(), name.values().get(w.field()));
            renamed.put(w.field(), name.values().get(w.field()));
            List<Alteration> alterations = new ArrayList<>(all.alterations().stream()
                    .filter(a -> !a.field().equals(w.field())).toList());
            alterations.addAll(name.alterations());
            Written written = findOrCreate(link, module, new StorableFields.Fitted(values, alterations), renamed,
                    Lookup.by(w.lookup()), policy, Optional.empty(), rules);
            List<String> notes = new ArrayList<>();
            notes.add(module + "." + w.field() + " \"" + all.values().get(w.field()) + "\" is taken by another record ("
                    + holder.orElse("unknown") + ", Duplicate Prevention): this one is named \""
                    + values.get(w.field()) + "\"");
            notes.addAll(written.notes());
            return new Written(written.outcome(), written.link(), written.created(), notes);
        }
        for (String field : unique) {
            Optional<String> holder = holderOf(module, field, all.values().get(field));
            if (holder.isPresent()) {
                throw new RecordRefusedException("Vtiger refuses a second " + module + " record with the same " + field
                        + " (Duplicate Prevention): " + module + " " + holder.get() + " holds the value; rename or merge "
                        + "that record in Vtiger, or change what the mapping writes to " + field + ", then retry", link);
            }
        }
        throw e;
    }

    private Optional<String> holderOf(String module, String field, String value) {
        return vtiger.queryOne("SELECT id FROM " + module + " WHERE " + field + " = " + VtigerClient.quote(value)
                + " LIMIT 1;").map(row -> row.path("id").asText());
    }

    /** The identity values as Vtiger holds them (what a lookup must compare). */
    StorableFields.Fitted storedForm(String module, Map<String, String> identity) {
        return storable.fit(module, identity, policies.recordPolicy());
    }

    /** Throws when the record is claimed by another Magento entity (their identities collide once altered). */
    void refuseIfHeldByAnother(String module, String id, EntityLink link, StorableFields.Fitted identity) {
        Optional<String> holder = ledger.claimRecord(id, link.entityKey());
        if (holder.isPresent()) {
            String fields = String.join(", ", identity.alterations().stream().map(Alteration::field).distinct()
                    .toList());
            throw new RecordRefusedException(link.entityKey() + " cannot be synced: Vtiger holds its " + fields
                    + " only " + identity.alterations().stream().map(a -> a.kind() == Alteration.Kind.CUT
                            ? "cut to " + a.keptLength() + " characters" : "with characters replaced").distinct()
                            .reduce((a, b) -> a + " and " + b).orElse("altered")
                    + ", and " + module + " " + id + " with that value belongs to " + holder.get()
                    + "; the two would be merged. Make the Magento values differ within the limit, or widen the field"
                    + " in Vtiger and set mvsync.vtiger.field-limit-overrides, then retry", link);
        }
    }

    /** Why Vtiger may have stored a number differently; none when the user's record cannot be read. */
    private Optional<CurrencyPreferences> currencyPreferences() {
        try {
            return Optional.of(vtiger.currencyPreferences());
        } catch (VtigerException e) {
            return Optional.empty(); // the generic note names the difference all the same
        }
    }

    private List<String> notes(List<Alteration> alterations) {
        alterations.forEach(a -> metrics.altered(a.module(), switch (a.kind()) {
            case CUT -> "Cut";
            case SUBSTITUTED -> "Substituted";
            case CHANGED_BY_VTIGER -> "ChangedByVtiger";
            case ROUNDED -> "Rounded";
        }));
        return alterations.stream().map(Alteration::note).distinct().toList();
    }

    /**
     * {@code SELECT id, <compared fields> FROM <module> WHERE f1='v1' AND ... LIMIT 1;}: the values are the stored forms
     * (a lookup by a value longer than its column finds nothing), the compared fields what a first link revises.
     */
    static String lookupQuery(String module, Map<String, String> criteria, java.util.Collection<String> compared) {
        StringBuilder q = new StringBuilder("SELECT id");
        compared.stream().filter(f -> !f.equals("id")).forEach(f -> q.append(", ").append(f));
        q.append(" FROM ").append(module).append(" WHERE ");
        String sep = "";
        for (var c : criteria.entrySet()) {
            q.append(sep).append(c.getKey()).append(" = ").append(VtigerClient.quote(c.getValue()));
            sep = " AND ";
        }
        return q.append(" LIMIT 1;").toString();
    }
}
